/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console */
/**
 * npm run bench: the node through n8n's engine against the sandbox, and the sandbox alone.
 * Prints a table, then one JSON line (the last line) to compare runs. Targets (issue: throughput):
 *   qpsRatio ≥ 0.95 with surfacedErrors 0 and tokenRequests 1 (500 items, quota 20/s, 150 ms latency);
 *   overheadRatio ≤ 1.3 (node vs plain axios, same calls, same concurrency, no latency, no quota);
 *   rss10kMb < 300 and time linear in items; sandboxReqPerSec ≥ 3000;
 *   rateLimited 0 (403s the single process met at the quota);
 *   multiProcess (3 processes as 3 queue-mode workers, 600 bookings, one quota of 20/s): qpsRatio ≥ 0.85,
 *   surfacedErrors 0, bookedOnce, rateLimitedShare ≤ 0.1; multiProcessNoAdaptation is the same run with
 *   the pacing's adaptation switched off, for comparison;
 *   httpRequest: n8n's HTTP Request node (defaults; batched 20 items per 1,000 ms) and this node on the
 *   same 300 bookings in the real n8n 1.x test:e2e caches (skipped if not cached): time, bookings made,
 *   token requests, 403s, CPU per item.
 * `npm run bench -- --only quota,multi` runs some sections (quota, overhead, memory, sandbox, multi, http).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-dingtalk-bench-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
process.env.N8N_ENCRYPTION_KEY ??= 'dingtalk-calendar-bench-only-key';

const QUOTA_ITEMS = 500;
const QPS_LIMIT = 20;
const LATENCY_MS = 150;
const CONCURRENCY = 5;
const OVERHEAD_ITEMS = 2000;
const LATENCY_ITEMS = 300;
const MEMORY_ITEMS = 10_000;
const LOAD_SECONDS = 3;
const LOAD_CONNECTIONS = 64;
const MULTI_PROCESSES = 3;
const MULTI_ITEMS = 600;
const HTTP_ITEMS = 300;
const SECTIONS = ['quota', 'overhead', 'memory', 'multi', 'sandbox', 'http'];

/** `--only a,b`: run only these sections. */
function sectionsWanted(argv: string[]): (section: string) => boolean {
	const index = argv.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
	if (index < 0) return () => true;
	const list = (argv[index].includes('=') ? argv[index].split('=')[1] : (argv[index + 1] ?? ''))
		.split(',')
		.filter(Boolean);
	const unknown = list.filter((s) => !SECTIONS.includes(s));
	if (unknown.length || !list.length)
		throw new Error(`--only takes a comma-separated list of ${SECTIONS.join(', ')}`);
	return (section) => list.includes(section);
}

type Engine = typeof import('../harness/engine');
type Client = typeof import('../harness/sandboxClient');

async function main() {
	const want = sectionsWanted(process.argv.slice(2));
	const engine: Engine = await import('../harness/engine');
	const { SandboxClient }: Client = await import('../harness/sandboxClient');
	const { addToEventParameters, itemsToNode } = await import('../harness/workflows');
	const { benchSeed } = await import('./benchSeed');
	const axios = (await import('axios')).default;

	// The sandbox runs in a process of its own, as DingTalk would: the node under test does not share
	// its thread with the server it calls.
	const sandbox = await startSandboxProcess();
	const dingtalk = new SandboxClient(sandbox.url);
	const rows: Array<[string, string, string]> = [];

	async function reset(seed: object) {
		const response = await dingtalk.http.post('/__sandbox/reset', seed);
		if (response.status !== 200)
			throw new Error(`sandbox reset failed: ${response.status} ${JSON.stringify(response.data)}`);
	}

	/** Resets the sandbox to a bench seed (which also clears its config), then sets the latency. */
	async function runNode(count: number, requestOptions: Record<string, number>, latencyMs = 0) {
		const { seed, bookings } = benchSeed(count);
		await reset(seed);
		if (latencyMs) await dingtalk.config({ latencyMs });
		const credentialsHelper = engine.credentialsHelperWith(await dingtalk.internalCredential());
		const workflow = itemsToNode(bookings as never, addToEventParameters({ requestOptions }), {
			onError: 'continueRegularOutput',
		});
		const started = performance.now();
		const result = await engine.runWorkflow(workflow, { credentialsHelper });
		const seconds = (performance.now() - started) / 1000;
		const output = result.output('DingTalk Calendar');
		const errors =
			output.filter((item) => item.json.error !== undefined).length + (result.error ? 1 : 0);
		return { seconds, output, errors, result };
	}

	const json: Record<string, unknown> = {};

	// 1. The quota: 500 bookings against 20 calls/s and 150 ms of latency.
	if (want('quota')) {
		await dingtalk.config({ qps: null, latencyMs: 0 });
		const quotaRun = async () => {
			const { seed, bookings } = benchSeed(QUOTA_ITEMS);
			await reset(seed);
			await dingtalk.config({ qps: QPS_LIMIT, latencyMs: LATENCY_MS });
			const credentialsHelper = engine.credentialsHelperWith(await dingtalk.internalCredential());
			const workflow = itemsToNode(
				bookings as never,
				addToEventParameters({
					requestOptions: { concurrency: CONCURRENCY, callsPerSecond: QPS_LIMIT },
				}),
				{ onError: 'continueRegularOutput' },
			);
			const started = performance.now();
			const result = await engine.runWorkflow(workflow, { credentialsHelper });
			const seconds = (performance.now() - started) / 1000;
			const output = result.output('DingTalk Calendar');
			const stats = await dingtalk.stats();
			await dingtalk.config({ qps: null, latencyMs: 0 });
			return {
				seconds,
				surfacedErrors:
					output.filter((item) => item.json.error !== undefined).length +
					(output.length === QUOTA_ITEMS ? 0 : QUOTA_ITEMS - output.length),
				tokenRequests: stats.tokenRequests,
				rateLimited: (stats as unknown as { rateLimited: number }).rateLimited,
			};
		};
		const quota = await quotaRun();
		const achievedQps = QUOTA_ITEMS / quota.seconds;
		rows.push([
			'500 bookings at 20/s, 150 ms',
			`${quota.seconds.toFixed(1)} s, ${achievedQps.toFixed(2)} calls/s`,
			`ratio ${(achievedQps / QPS_LIMIT).toFixed(3)} (≥ 0.95)`,
		]);
		rows.push([
			'  errors surfaced / token requests / 403s met',
			`${quota.surfacedErrors} / ${quota.tokenRequests} / ${quota.rateLimited}`,
			'want 0 / 1 / 0',
		]);
		Object.assign(json, {
			items: QUOTA_ITEMS,
			qpsLimit: QPS_LIMIT,
			latencyMs: LATENCY_MS,
			concurrency: CONCURRENCY,
			achievedQps: round(achievedQps, 2),
			qpsRatio: round(achievedQps / QPS_LIMIT, 3),
			surfacedErrors: quota.surfacedErrors,
			tokenRequests: quota.tokenRequests,
			rateLimited: quota.rateLimited,
		});
	}

	if (want('overhead')) {
		// 2. Overhead of the node over plain axios: same calls, same concurrency, no quota; first with no
		// latency (what the node and n8n add per call), then with DingTalk-like latency (what a user sees).
		/**
		 * Plain axios. Node's global agent keeps connections alive, and so does this one by default; with
		 * `newConnectionPerCall` it opens one per call instead, as n8n-core's httpRequest does (it makes a new
		 * http.Agent for every request), to show how much of the node's overhead that alone explains.
		 */
		async function runAxios(count: number, latencyMs = 0, newConnectionPerCall = false) {
			const { seed, bookings } = benchSeed(count);
			await reset(seed);
			if (latencyMs) await dingtalk.config({ latencyMs });
			const app = seed.apps[0] as { appKey: string; appSecret: string };
			const agent = new Agent({ keepAlive: !newConnectionPerCall });
			const client = axios.create({ baseURL: sandbox.url, httpAgent: agent });
			if (newConnectionPerCall)
				client.interceptors.request.use((config) => ({ ...config, httpAgent: new Agent() }));
			const started = performance.now();
			const token = (
				await client.post('/v1.0/oauth2/accessToken', {
					appKey: app.appKey,
					appSecret: app.appSecret,
				})
			).data.accessToken;
			let next = 0;
			await Promise.all(
				Array.from({ length: CONCURRENCY }, async () => {
					while (next < bookings.length) {
						const booking = bookings[next++];
						await client.post(
							`/v1.0/calendar/users/${encodeURIComponent(booking.organizer)}/calendars/primary/events/${encodeURIComponent(booking.eventId)}/meetingRooms`,
							{ meetingRoomsToAdd: booking.rooms.map((roomId) => ({ roomId })) },
							{ headers: { 'x-acs-dingtalk-access-token': token } },
						);
					}
				}),
			);
			agent.destroy();
			return (performance.now() - started) / 1000;
		}

		const nodeTimes: number[] = [];
		const axiosTimes: number[] = [];
		const axiosNoReuseTimes: number[] = [];
		let nodeCpuMsPerItem = Infinity;
		for (let round = 0; round < 3; round++) {
			const cpuBefore = process.cpuUsage();
			nodeTimes.push(
				(await runNode(OVERHEAD_ITEMS, { concurrency: CONCURRENCY, callsPerSecond: 0 })).seconds,
			);
			const cpu = process.cpuUsage(cpuBefore);
			nodeCpuMsPerItem = Math.min(
				nodeCpuMsPerItem,
				(cpu.user + cpu.system) / 1000 / OVERHEAD_ITEMS,
			);
			axiosTimes.push(await runAxios(OVERHEAD_ITEMS));
			axiosNoReuseTimes.push(await runAxios(OVERHEAD_ITEMS, 0, true));
		}
		const nodeBest = Math.min(...nodeTimes);
		const axiosBest = Math.min(...axiosTimes);
		const overheadRatio = nodeBest / axiosBest;
		rows.push([
			`${OVERHEAD_ITEMS} bookings, no latency: node`,
			`${nodeBest.toFixed(2)} s (${(OVERHEAD_ITEMS / nodeBest).toFixed(0)}/s)`,
			`best of 3; ${nodeCpuMsPerItem.toFixed(2)} ms CPU per item in n8n`,
		]);
		rows.push([
			`${OVERHEAD_ITEMS} bookings, no latency: plain axios`,
			`${axiosBest.toFixed(2)} s (${(OVERHEAD_ITEMS / axiosBest).toFixed(0)}/s)`,
			`overhead ratio ${overheadRatio.toFixed(2)} (≤ 1.3)`,
		]);
		const axiosNoReuseBest = Math.min(...axiosNoReuseTimes);
		rows.push([
			`  plain axios, a new connection per call (as n8n)`,
			`${axiosNoReuseBest.toFixed(2)} s (${(OVERHEAD_ITEMS / axiosNoReuseBest).toFixed(0)}/s)`,
			`node over this: ${(nodeBest / axiosNoReuseBest).toFixed(2)}`,
		]);

		const nodeAtLatency = (
			await runNode(LATENCY_ITEMS, { concurrency: CONCURRENCY, callsPerSecond: 0 }, LATENCY_MS)
		).seconds;
		const axiosAtLatency = await runAxios(LATENCY_ITEMS, LATENCY_MS);
		await dingtalk.config({ latencyMs: 0 });
		const overheadRatioAtLatency = nodeAtLatency / axiosAtLatency;
		rows.push([
			`${LATENCY_ITEMS} bookings, ${LATENCY_MS} ms latency: node / axios`,
			`${nodeAtLatency.toFixed(2)} s / ${axiosAtLatency.toFixed(2)} s`,
			`overhead ratio ${overheadRatioAtLatency.toFixed(2)}`,
		]);
		Object.assign(json, {
			overheadRatio: round(overheadRatio, 2),
			overheadRatioNoConnectionReuse: round(nodeBest / axiosNoReuseBest, 2),
			overheadRatioAtLatency: round(overheadRatioAtLatency, 2),
			nodeCpuMsPerItem: round(nodeCpuMsPerItem, 2),
		});
	}

	if (want('memory')) {
		// 3. Memory and linearity: 1,000 then 10,000 items.
		global.gc?.();
		const small = await runNode(1000, { concurrency: CONCURRENCY, callsPerSecond: 0 });
		global.gc?.();
		const rssBefore = process.memoryUsage().rss;
		const large = await runNode(MEMORY_ITEMS, { concurrency: CONCURRENCY, callsPerSecond: 0 });
		const rssAfter = process.memoryUsage().rss;
		const rss10kMb = (rssAfter - rssBefore) / 1024 / 1024;
		const linearity = large.seconds / MEMORY_ITEMS / (small.seconds / 1000);
		rows.push([
			`${MEMORY_ITEMS} items: resident memory growth`,
			`${rss10kMb.toFixed(0)} MB`,
			'< 300 MB',
		]);
		rows.push([
			`time per item, 10,000 vs 1,000 items`,
			`${((large.seconds / MEMORY_ITEMS) * 1000).toFixed(2)} vs ${((small.seconds / 1000) * 1000).toFixed(2)} ms`,
			`ratio ${linearity.toFixed(2)} (≈ 1 = linear)`,
		]);
		if (large.errors || small.errors) {
			const firstError = [...small.output, ...large.output].find(
				(item) => item.json.error !== undefined,
			);
			rows.push([
				'  errors in memory runs',
				`${large.errors + small.errors}`,
				`want 0; first: ${String(firstError?.json.error)}`,
			]);
		}
		Object.assign(json, { rss10kMb: round(rss10kMb, 1), linearity: round(linearity, 2) });
	}

	// 4. Several processes, one quota: K processes as K queue-mode workers, with and without adaptation.
	if (want('multi')) {
		const { runMultiProcess } = await import('./multiProcess');
		const multi = {
			processes: MULTI_PROCESSES,
			items: MULTI_ITEMS,
			qps: QPS_LIMIT,
			latencyMs: LATENCY_MS,
			concurrency: CONCURRENCY,
		};
		for (const adaptive of [true, false]) {
			const result = await runMultiProcess(dingtalk, { ...multi, adaptive });
			const { seconds, firstError, ...keys } = result;
			const label = adaptive ? 'adaptive pacing' : 'adaptation off';
			rows.push([
				`${MULTI_PROCESSES} processes, ${MULTI_ITEMS} bookings, one 20/s quota: ${label}`,
				`${result.achievedQps.toFixed(2)} calls/s, ratio ${result.qpsRatio.toFixed(3)}`,
				adaptive ? '≥ 0.85' : '(for comparison)',
			]);
			rows.push([
				'  403s (share of calls) / errors surfaced / booked once',
				`${result.rateLimited} (${(result.rateLimitedShare * 100).toFixed(1)} %) / ${result.surfacedErrors} / ${result.bookedOnce}`,
				adaptive
					? `want ≤ 10 % / 0 / true; slowest process ${seconds} s`
					: `slowest process ${seconds} s`,
			]);
			if (firstError) rows.push(['  first error', firstError.slice(0, 80), '']);
			json[adaptive ? 'multiProcess' : 'multiProcessNoAdaptation'] = keys;
		}
	}

	// 5. n8n's own HTTP Request node with our credential on the same bookings, in real n8n (cached by test:e2e).
	if (want('http')) {
		const { compareWithHttpRequest } = await import('./httpRequestComparison');
		const comparison = await compareWithHttpRequest(dingtalk, {
			items: HTTP_ITEMS,
			qps: QPS_LIMIT,
			latencyMs: LATENCY_MS,
		});
		if (typeof comparison === 'string') {
			rows.push(['HTTP Request node comparison', comparison, '']);
		} else {
			const label = {
				node: 'this node, defaults',
				httpRequestDefaults: 'HTTP Request, defaults',
				httpRequestBatched: 'HTTP Request, 20 items / 1,000 ms',
			};
			for (const key of ['node', 'httpRequestDefaults', 'httpRequestBatched'] as const) {
				const r = comparison[key];
				rows.push([
					`${HTTP_ITEMS} bookings in n8n ${comparison.n8n}: ${label[key]}`,
					`${r.seconds.toFixed(1)} s, ${r.booked} booked, ${r.failedItems} failed`,
					`${r.tokenRequests} token requests, ${r.rateLimited} 403s, ${r.cpuMsPerItem} ms CPU/item`,
				]);
			}
			rows.push([
				'  CPU per item, this node / batched HTTP Request',
				`${comparison.cpuRatioVsBatched}`,
				'',
			]);
			json.httpRequest = comparison;
		}
	}

	if (want('sandbox')) {
		// 6. The sandbox alone, under keep-alive load from this process.
		const sandboxReqPerSec = await loadSandbox(sandbox);
		rows.push([
			`sandbox alone, GetEvent, ${LOAD_CONNECTIONS} connections`,
			`${sandboxReqPerSec.toFixed(0)} req/s`,
			'≥ 3000',
		]);
		json.sandboxReqPerSec = Math.round(sandboxReqPerSec);
	}
	sandbox.close();

	engine.shutdownN8nCore();
	const width = [
		Math.max(...rows.map((r) => r[0].length)),
		Math.max(...rows.map((r) => r[1].length)),
	];
	console.log('\nDingTalk Calendar node benchmark');
	for (const [what, value, target] of rows)
		console.log(`${what.padEnd(width[0])}  ${value.padEnd(width[1])}  ${target}`);
	console.log(JSON.stringify(json));
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

interface SandboxProcess {
	url: string;
	apps: Array<{ appKey?: string; appSecret?: string }>;
	close(): void;
}

/** `npm run sandbox -- --port 0 --json` as a child process; resolves when it printed its URL. */
async function startSandboxProcess(): Promise<SandboxProcess> {
	const child = spawn(
		process.execPath,
		[require.resolve('tsx/cli'), join(__dirname, '../../sandbox/cli.ts'), '--port', '0', '--json'],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	process.on('exit', () => child.kill('SIGTERM'));
	const info = await new Promise<{ url: string; apps: SandboxProcess['apps'] }>(
		(resolve, reject) => {
			let buffer = '';
			child.stdout.on('data', (chunk: Buffer) => {
				buffer += chunk.toString();
				const line = buffer.split('\n').find((l) => l.trim().startsWith('{'));
				if (line) resolve(JSON.parse(line));
			});
			child.on('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
		},
	);
	return { ...info, close: () => child.kill('SIGTERM') };
}

async function loadSandbox(info: SandboxProcess): Promise<number> {
	{
		const url = new URL(info.url);
		const agent = new Agent({ keepAlive: true, maxSockets: LOAD_CONNECTIONS });
		const call = (
			method: string,
			path: string,
			body?: object,
			headers: Record<string, string> = {},
		) =>
			new Promise<{ status: number; body: string }>((resolve, reject) => {
				const payload = body ? JSON.stringify(body) : undefined;
				const req = request(
					{
						host: url.hostname,
						port: url.port,
						method,
						path,
						agent,
						headers: { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
					},
					(res) => {
						let data = '';
						res.on('data', (c) => (data += c));
						res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
					},
				);
				req.on('error', reject);
				req.end(payload);
			});
		const app = info.apps[0];
		const token = JSON.parse(
			(
				await call('POST', '/v1.0/oauth2/accessToken', {
					appKey: app.appKey,
					appSecret: app.appSecret,
				})
			).body,
		).accessToken as string;
		const { USER_IDS, EVENT_IDS } = await import('../../sandbox/seed');
		const path = `/v1.0/calendar/users/${USER_IDS.alice}/calendars/primary/events/${EVENT_IDS.quarterlyPlanning}`;
		const headers = { 'x-acs-dingtalk-access-token': token };
		for (let i = 0; i < 500; i++) await call('GET', path, undefined, headers); // warm-up
		let done = 0;
		let failed = 0;
		const deadline = performance.now() + LOAD_SECONDS * 1000;
		const started = performance.now();
		await Promise.all(
			Array.from({ length: LOAD_CONNECTIONS }, async () => {
				while (performance.now() < deadline) {
					const response = await call('GET', path, undefined, headers);
					if (response.status === 200) done++;
					else failed++;
				}
			}),
		);
		agent.destroy();
		if (failed) console.log(`sandbox load: ${failed} requests failed`);
		return done / ((performance.now() - started) / 1000);
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
