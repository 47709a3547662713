/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * The bench's comparison with n8n's own HTTP Request node (what a user would build without this node):
 * the same bookings, our credential (Predefined Credential Type → DingTalk API), against the sandbox with
 * DingTalk's quota, in the real n8n the e2e cache holds (n8n-nodes-base is not a dev dependency here).
 * Three activated workflows Webhook → Split Out → X, each driven by one POST that answers when the last
 * node finished: X = HTTP Request with its defaults, HTTP Request batched 20 items per 1,000 ms, and
 * this node with its defaults. For each: time, bookings made, items failed, token requests, 403s met,
 * and the n8n process's CPU time per item (from /proc).
 */
import { readFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { SandboxClient } from '../harness/sandboxClient';
import { benchSeed } from './benchSeed';
import { cachedN8n } from '../e2e/install';
import {
	createInstance,
	describeCliFailure,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	n8nCli,
	startN8n,
} from '../e2e/n8n';
import { cleanupAll, openLog, run } from '../e2e/proc';
import { N8N_LINES } from '../e2e/versions';
import { addToEventParameters } from '../harness/nodeParameters';

const REPO = resolve(__dirname, '..', '..');
const CREDENTIAL = { id: 'dingtalkBenchSandbox', name: 'DingTalk Sandbox (bench)' };

export interface ComparisonRun {
	seconds: number;
	booked: number;
	failedItems: number;
	tokenRequests: number;
	rateLimited: number;
	cpuMsPerItem: number;
	firstError?: string;
}

export interface Comparison {
	n8n: string;
	items: number;
	node: ComparisonRun;
	httpRequestDefaults: ComparisonRun;
	httpRequestBatched: ComparisonRun;
	/** This node's CPU per item over the batched HTTP Request node's. */
	cpuRatioVsBatched: number;
}

const WORKFLOW_IDS = ['dtBenchNode00000001', 'dtBenchHttpDefault01', 'dtBenchHttpBatched01'];

const VARIANTS = {
	node: 'dingtalk-bench-node',
	httpRequestDefaults: 'dingtalk-bench-http-defaults',
	httpRequestBatched: 'dingtalk-bench-http-batched',
} as const;

function workflow(id: string, path: string, target: Record<string, unknown>) {
	return {
		id,
		name: `bench: ${path}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-1`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${id}-hook`,
				parameters: {
					httpMethod: 'POST',
					path,
					responseMode: 'lastNode',
					responseData: 'noData',
					options: {},
				},
			},
			{
				id: `${id}-2`,
				name: 'Bookings',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [200, 0],
				parameters: { fieldToSplitOut: 'body.bookings', options: {} },
			},
			{
				id: `${id}-3`,
				name: 'Book',
				position: [400, 0],
				onError: 'continueRegularOutput',
				credentials: { dingTalkApi: CREDENTIAL },
				...target,
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Bookings', type: 'main', index: 0 }]] },
			Bookings: { main: [[{ node: 'Book', type: 'main', index: 0 }]] },
		},
	};
}

function httpRequest(sandboxUrl: string, batched: boolean) {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `=${sandboxUrl}/v1.0/calendar/users/{{ $json.organizer }}/calendars/primary/events/{{ $json.eventId }}/meetingRooms`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'dingTalkApi',
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				'={{ JSON.stringify({ meetingRoomsToAdd: $json.rooms.map((roomId) => ({ roomId })) }) }}',
			options: batched ? { batching: { batch: { batchSize: 20, batchInterval: 1000 } } } : {},
		},
	};
}

const ourNode = {
	type: 'n8n-nodes-dingtalk-calendar.dingTalkCalendar',
	typeVersion: 1,
	parameters: addToEventParameters(),
};

/** CPU time (user + system) of a process, in ms, from /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** n8n activates workflows after it reports ready: a webhook may answer 404 for a moment. An empty POST books nothing. */
async function waitForWebhook(url: string, path: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const response = await fetch(`${url}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ bookings: [] }),
		});
		await response.arrayBuffer();
		if (response.status !== 404) return;
		if (Date.now() > deadline)
			throw new Error(`n8n did not register the webhook ${path} within a minute`);
		await new Promise((done) => setTimeout(done, 500));
	}
}

/** Undefined (with the reason) when the e2e cache has no n8n 1.x yet. */
export async function compareWithHttpRequest(
	dingtalk: SandboxClient,
	options: { items: number; qps: number; latencyMs: number },
): Promise<Comparison | string> {
	const line = N8N_LINES.find((l) => l.line === '1.x')!;
	const cached = cachedN8n(line);
	if (!cached)
		return `skipped: no n8n ${line.n8n} in the e2e cache yet (npm run test:e2e installs it)`;
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-dingtalk-bench-http-'));
	try {
		const log = openLog(join(workDir, 'build.log'));
		const build = await run('npm', ['run', 'build'], { cwd: REPO, log, timeoutMs: 10 * 60_000 });
		if (build.code !== 0) throw new Error(`npm run build failed (log ${workDir}/build.log)`);
		const pack = await run(
			'npm',
			['pack', '--json', `--pack-destination=${workDir}`, '--ignore-scripts'],
			{ cwd: REPO, log, timeoutMs: 5 * 60_000 },
		);
		if (pack.code !== 0) throw new Error(`npm pack failed (log ${workDir}/build.log)`);
		log.end();
		const tarball = join(
			workDir,
			(JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{ filename: string }>)[0]
				.filename,
		);
		const instance = createInstance(
			line,
			{
				...cached,
				n8nPackageDir: join(cached.dir, 'node_modules', 'n8n'),
				installed: false,
				ms: 0,
			},
			workDir,
		);
		instance.env = {
			N8N_RUNNERS_ENABLED: 'false',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
			N8N_LOG_LEVEL: 'warn',
		};
		await installCommunityPackage(instance, tarball);

		const { seed, bookings } = benchSeed(options.items);
		await dingtalk.reset(seed);
		const app = (await dingtalk.seed()).apps.find((a) => a.type === 'internal')!;
		await importCredentials(
			instance,
			[
				{
					...CREDENTIAL,
					type: 'dingTalkApi',
					data: {
						appType: 'internal',
						clientId: app.appKey,
						clientSecret: app.appSecret,
						region: 'custom',
						baseUrl: dingtalk.url,
						accessToken: '',
					},
				},
			],
			workDir,
		);
		const dir = join(workDir, 'workflows');
		mkdirSync(dir);
		writeFileSync(
			join(dir, 'node.json'),
			JSON.stringify(workflow(WORKFLOW_IDS[0], VARIANTS.node, ourNode)),
		);
		writeFileSync(
			join(dir, 'defaults.json'),
			JSON.stringify(
				workflow(WORKFLOW_IDS[1], VARIANTS.httpRequestDefaults, httpRequest(dingtalk.url, false)),
			),
		);
		writeFileSync(
			join(dir, 'batched.json'),
			JSON.stringify(
				workflow(WORKFLOW_IDS[2], VARIANTS.httpRequestBatched, httpRequest(dingtalk.url, true)),
			),
		);
		await importWorkflows(instance, dir);
		for (const id of WORKFLOW_IDS) {
			const activate = await n8nCli(instance, ['update:workflow', `--id=${id}`, '--active=true']);
			if (activate.code !== 0)
				throw new Error(
					describeCliFailure(
						`n8n update:workflow --id=${id} --active=true`,
						activate,
						instance.logPath,
					),
				);
		}
		const server = await startN8n(instance);
		try {
			const results = {} as Record<keyof typeof VARIANTS, ComparisonRun>;
			for (const [variant, path] of Object.entries(VARIANTS) as Array<
				[keyof typeof VARIANTS, string]
			>) {
				await dingtalk.reset(seed);
				await dingtalk.config({ qps: options.qps, latencyMs: options.latencyMs });
				await waitForWebhook(server.url, path);
				const cpuBefore = cpuMs(server.pid!);
				const started = performance.now();
				const response = await fetch(`${server.url}/webhook/${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ bookings }),
				});
				const body = await response.text();
				const seconds = (performance.now() - started) / 1000;
				const cpu = cpuMs(server.pid!) - cpuBefore;
				if (!response.ok)
					throw new Error(
						`POST /webhook/${path} answered ${response.status}: ${body.slice(0, 200)}`,
					);
				const stats = (await dingtalk.stats()) as unknown as {
					actions: Record<string, Record<string, number>>;
					tokenRequests: number;
					rateLimited: number;
				};
				let booked = 0;
				for (const booking of bookings)
					if (Object.keys(await dingtalk.roomsOf(booking.eventId)).includes(booking.rooms[0]))
						booked++;
				const adds = stats.actions.AddMeetingRooms ?? {};
				const failedCalls = Object.entries(adds)
					.filter(([status]) => status !== '200')
					.reduce((sum, [, n]) => sum + n, 0);
				results[variant] = {
					seconds: round(seconds, 2),
					booked,
					failedItems: options.items - booked,
					tokenRequests: stats.tokenRequests,
					rateLimited: stats.rateLimited,
					cpuMsPerItem: round(cpu / options.items, 2),
					...(failedCalls
						? {
								firstError: `${failedCalls} calls answered ${Object.keys(adds)
									.filter((s) => s !== '200')
									.join('/')}`,
							}
						: {}),
				};
			}
			await dingtalk.config({ qps: null, latencyMs: 0 });
			return {
				n8n: line.n8n,
				items: options.items,
				...results,
				cpuRatioVsBatched: round(
					results.node.cpuMsPerItem / results.httpRequestBatched.cpuMsPerItem,
					2,
				),
			};
		} finally {
			await server.stop();
		}
	} finally {
		await cleanupAll();
		rmSync(workDir, { recursive: true, force: true });
	}
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
