/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
/**
 * `npm run test:queue`: the packed package in real n8n queue mode, headless, for n8n 1.x and 2.x.
 *
 *   Postgres and Redis (Debian packages) on loopback, free ports, a temporary folder; per line: n8n main +
 *   2 `n8n worker` processes, EXECUTIONS_MODE=queue, one database and encryption key, the packed package
 *   installed in EACH process's user folder the way n8n installs a community package (a package installed
 *   on the main process only is a known trap: the workers then cannot run the node).
 *   A workflow Webhook → Split Out → DingTalk Calendar (Add to Event) is imported and activated before
 *   `n8n start` (1.x `update:workflow --active=true`, 2.x `publish:workflow`); 20 webhook calls of 25
 *   bookings each go to the main process against a sandbox with DingTalk's quota (20 calls/s) and 150 ms
 *   latency. Then: every execution succeeded; every one ran on a worker (each worker's log says "Worker
 *   started execution <id>", the main's says "Enqueued execution <id>" and never that it started one);
 *   every booking was made exactly once; the executions' start/stop times (execution_entity) show both
 *   workers busy at the same time.
 *
 * Reuses the e2e modules: the n8n cache and installs (install.ts), the community-package install and the
 * n8n commands (n8n.ts), processes and cleanup (proc.ts), build + pack (pack.ts).
 * Options: --line 1.x|2.x (repeatable; default both), --keep (keep the work folder on success too).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

import { startSandbox, type RunningSandbox } from '../../sandbox';
import { benchSeed, type BenchBooking } from '../bench/benchSeed';
import { SandboxClient } from '../harness/sandboxClient';
import { cacheRoot, ensureN8n } from '../e2e/install';
import {
	createInstance,
	describeCliFailure,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	interestingLines,
	n8nCli,
	n8nEnv,
	startN8n,
	type N8nInstance,
} from '../e2e/n8n';
import { buildAndPack } from '../e2e/pack';
import { StepTable } from '../e2e/steps';
import {
	cleanupAll,
	freePort,
	installSignalHandlers,
	onCleanup,
	openLog,
	runMain,
	sleep,
	startBackground,
} from '../e2e/proc';
import { N8N_LINES, type N8nLine } from '../e2e/versions';
import {
	ensureServices,
	startPostgres,
	startRedis,
	type RunningPostgres,
	type RunningRedis,
} from './services';
import { addToEventParameters } from '../harness/nodeParameters';

const REPO = resolve(__dirname, '..', '..');
const WORKERS = 2;
const CALLS = 20;
const BOOKINGS_PER_CALL = 25;
const QPS = 20;
const LATENCY_MS = 150;
const WORKFLOW_ID = 'dtQueueModeBookings1';
const WEBHOOK_PATH = 'dingtalk-queue-bookings';
const CREDENTIAL = { id: 'dingtalkQueueSandbox', name: 'DingTalk Sandbox (queue)' };
const NODE_NAME = 'Book rooms';

const steps = new StepTable('queue');
const timed = steps.timed.bind(steps) as StepTable['timed'];

function parseArgs(argv: string[]): { lines: N8nLine[]; keep: boolean } {
	const wanted: string[] = [];
	let keep = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--line') wanted.push(argv[++i]);
		else if (arg.startsWith('--line=')) wanted.push(arg.slice('--line='.length));
		else if (arg === '--keep') keep = true;
		else if (arg === '--help' || arg === '-h') {
			console.log('usage: npm run test:queue -- [--line 1.x|2.x]... [--keep]');
			process.exit(0);
		} else throw new Error(`unknown option ${arg}`);
	}
	const lines = wanted.length ? N8N_LINES.filter((l) => wanted.includes(l.line)) : N8N_LINES;
	if (wanted.length && lines.length !== wanted.length)
		throw new Error(`unknown --line; known: ${N8N_LINES.map((l) => l.line).join(', ')}`);
	return { lines, keep };
}

/** Webhook (answers at once) → Split Out the bookings → DingTalk Calendar, Add to Event, default Request Options. */
function queueWorkflow() {
	return {
		id: WORKFLOW_ID,
		name: 'queue mode: book rooms from a webhook',
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		nodes: [
			{
				id: 'a0000000-0000-4000-8000-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b0000000-0000-4000-8000-000000000001',
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: 'a0000000-0000-4000-8000-000000000002',
				name: 'Bookings',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.bookings', options: {} },
			},
			{
				id: 'a0000000-0000-4000-8000-000000000003',
				name: NODE_NAME,
				type: 'n8n-nodes-dingtalk-calendar.dingTalkCalendar',
				typeVersion: 1,
				position: [440, 0],
				parameters: addToEventParameters(),
				credentials: { dingTalkApi: CREDENTIAL },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Bookings', type: 'main', index: 0 }]] },
			Bookings: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
		},
	};
}

interface Worker {
	name: string;
	instance: N8nInstance;
	output: () => string;
	stop: () => Promise<void>;
}

/** `n8n worker` with its own user folder, health endpoint and (2.x) task broker on free ports. */
async function startWorker(name: string, instance: N8nInstance): Promise<Worker> {
	const healthPort = await freePort();
	const env = await n8nEnv(instance, {
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	});
	const worker = startBackground(instance.installed.node, [instance.installed.n8nBin, 'worker'], {
		cwd: instance.userFolder,
		env,
		log: instance.log,
		name: `n8n ${instance.line.line} ${name}`,
	});
	const deadline = Date.now() + 3 * 60_000;
	for (;;) {
		if (worker.child.exitCode !== null || worker.child.signalCode !== null) {
			throw new Error(
				`n8n worker exited (${worker.child.exitCode ?? worker.child.signalCode}):\n    ${interestingLines(worker.output(), 12)}\n    log: ${instance.logPath}`,
			);
		}
		try {
			const response = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`);
			await response.arrayBuffer();
			if (response.ok) break;
		} catch {
			// not up yet
		}
		if (Date.now() > deadline)
			throw new Error(`n8n worker not ready within 3 minutes; log: ${instance.logPath}`);
		await sleep(500);
	}
	return { name, instance, output: worker.output, stop: worker.stop };
}

interface ExecutionRow {
	id: string;
	status: string;
	mode: string;
	startedAt: number;
	stoppedAt: number;
}

async function executions(postgres: RunningPostgres, database: string): Promise<ExecutionRow[]> {
	const rowsOut = await postgres.query(
		database,
		`select id, status, mode, extract(epoch from "startedAt") * 1000, extract(epoch from "stoppedAt") * 1000 from execution_entity where "workflowId" = '${WORKFLOW_ID}' order by id`,
	);
	return rowsOut.map(([id, status, mode, startedAt, stoppedAt]) => ({
		id,
		status,
		mode,
		startedAt: Number(startedAt),
		stoppedAt: stoppedAt ? Number(stoppedAt) : NaN,
	}));
}

/** The execution IDs a process's log says it started as a worker. */
function startedByWorker(output: string): Set<string> {
	return new Set([...output.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]));
}

async function runLine(
	line: N8nLine,
	tarball: string,
	postgres: RunningPostgres,
	redis: RunningRedis,
	workDir: string,
): Promise<void> {
	const tag = line.line;
	const installed = await timed(
		tag,
		`install n8n ${line.n8n}`,
		() => ensureN8n(line, workDir),
		(r) => (r.installed ? `installed into ${r.dir}` : `cached (${relative(cacheRoot(), r.dir)})`),
	);
	if (!installed) return;
	const database = `n8n_queue_${tag.replace('.', '')}`;
	const env: Record<string, string> = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_PREFIX: `bull-${tag.replace('.', '')}`,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		// Workers report to the main process; keep every execution's data for the checks.
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		N8N_RUNNERS_ENABLED: 'false',
	};
	const lineDir = join(workDir, `n8n-${tag}`);
	const names = ['main', ...Array.from({ length: WORKERS }, (_, i) => `worker-${i + 1}`)];
	const instances = new Map<string, N8nInstance>();
	for (const name of names) {
		const dir = join(lineDir, name);
		mkdirSync(dir, { recursive: true });
		const instance = createInstance(line, installed, dir);
		instance.env = env;
		onCleanup(`log of ${tag} ${name}`, () => new Promise<void>((done) => instance.log.end(done)));
		instances.set(name, instance);
	}
	const main = instances.get('main')!;

	const packaged = await timed(
		tag,
		`install packed package into ${names.length} user folders`,
		async () => {
			for (const instance of instances.values()) await installCommunityPackage(instance, tarball);
			return names.join(', ');
		},
		(n) => n,
	);
	if (!packaged) return;

	const { seed, bookings } = benchSeed(CALLS * BOOKINGS_PER_CALL);
	const sandbox = await timed(
		tag,
		'start sandbox (20 calls/s, 150 ms)',
		async () => {
			const sb = await startSandbox({ port: 0, seed, qps: QPS, latencyMs: LATENCY_MS });
			onCleanup(`sandbox ${tag}`, () => sb.close());
			return sb;
		},
		(sb) => sb.url,
	);
	if (!sandbox) return;

	const ready = await timed(
		tag,
		'database, credential, workflow, activation',
		async () => {
			await postgres.createDatabase(database);
			const app = sandbox.seed.apps[0];
			if (app.type !== 'internal')
				throw new Error('the sandbox seed apps[0] is not an internal app');
			await importCredentials(
				main,
				[
					{
						...CREDENTIAL,
						type: 'dingTalkApi',
						data: {
							appType: 'internal',
							clientId: app.appKey,
							clientSecret: app.appSecret,
							region: 'custom',
							baseUrl: sandbox.url,
							accessToken: '',
						},
					},
				],
				lineDir,
			);
			const dir = join(lineDir, 'workflows');
			mkdirSync(dir, { recursive: true });
			writeFileSync(join(dir, 'queue.json'), JSON.stringify(queueWorkflow(), null, 2));
			await importWorkflows(main, dir);
			// Activation before `n8n start`: 1.x sets the workflow active, 2.x publishes it (2.x has no --active).
			const activate =
				tag === '1.x'
					? ['update:workflow', `--id=${WORKFLOW_ID}`, '--active=true']
					: ['publish:workflow', `--id=${WORKFLOW_ID}`];
			const result = await n8nCli(main, activate);
			if (result.code !== 0)
				throw new Error(describeCliFailure(`n8n ${activate.join(' ')}`, result, main.logPath));
			return `${database}; ${activate[0]}`;
		},
		(n) => n,
	);
	if (!ready) return;

	const workers: Worker[] = [];
	const started = await timed(
		tag,
		`n8n start (queue mode) + ${WORKERS} workers`,
		async () => {
			// All three at once: each loads n8n and connects to the database and Redis on its own.
			const [server, ...started] = await Promise.all([
				startN8n(main),
				...names.slice(1).map((name) => startWorker(name, instances.get(name)!)),
			]);
			workers.push(...started);
			return server;
		},
		(s) => s.url,
	);
	if (!started) return;

	try {
		await timed(
			tag,
			`${CALLS} webhook calls × ${BOOKINGS_PER_CALL} bookings on the workers`,
			async () => {
				const sent = await sendBookings(started.url, bookings);
				const runs = await waitForExecutions(postgres, database, CALLS);
				return await check(runs, sent, workers, started.output(), sandbox, bookings);
			},
			(n) => n,
		);
	} finally {
		for (const worker of workers) await worker.stop();
		await started.stop();
		await sandbox.close();
	}
}

/** 20 POSTs at once; n8n answers each as soon as it enqueued the execution. Retries 404 while n8n registers the webhook. */
async function sendBookings(url: string, bookings: BenchBooking[]): Promise<number> {
	const deadline = Date.now() + 60_000;
	const post = async (body: unknown): Promise<void> => {
		for (;;) {
			const response = await fetch(`${url}/webhook/${WEBHOOK_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const text = await response.text();
			if (response.ok) return;
			if (response.status !== 404 || Date.now() > deadline)
				throw new Error(
					`POST /webhook/${WEBHOOK_PATH} answered ${response.status}: ${text.slice(0, 200)}`,
				);
			await sleep(500);
		}
	};
	// One call first: it waits out the webhook's registration, then the other 19 go at once.
	await post({ bookings: bookings.slice(0, BOOKINGS_PER_CALL) });
	await Promise.all(
		Array.from({ length: CALLS - 1 }, (_, i) =>
			post({ bookings: bookings.slice((i + 1) * BOOKINGS_PER_CALL, (i + 2) * BOOKINGS_PER_CALL) }),
		),
	);
	return CALLS;
}

async function waitForExecutions(
	postgres: RunningPostgres,
	database: string,
	count: number,
): Promise<ExecutionRow[]> {
	const deadline = Date.now() + 5 * 60_000;
	for (;;) {
		const runs = await executions(postgres, database);
		const finished = runs.filter(
			(r) => !['new', 'running', 'waiting'].includes(r.status) && Number.isFinite(r.stoppedAt),
		);
		if (finished.length >= count) return runs;
		if (Date.now() > deadline) {
			throw new Error(
				`after 5 minutes ${finished.length} of ${count} executions finished (${runs.map((r) => `${r.id}:${r.status}`).join(', ')})`,
			);
		}
		await sleep(1000);
	}
}

async function check(
	runs: ExecutionRow[],
	sent: number,
	workers: Worker[],
	mainOutput: string,
	sandbox: RunningSandbox,
	bookings: BenchBooking[],
): Promise<string> {
	const problems: string[] = [];
	if (runs.length !== sent) problems.push(`${runs.length} executions for ${sent} webhook calls`);
	const failed = runs.filter((r) => r.status !== 'success');
	if (failed.length)
		problems.push(
			`executions not successful: ${failed.map((r) => `${r.id} (${r.status})`).join(', ')}`,
		);
	const notWebhook = runs.filter((r) => r.mode !== 'webhook');
	if (notWebhook.length)
		problems.push(
			`executions not started by the webhook: ${notWebhook.map((r) => `${r.id} (${r.mode})`).join(', ')}`,
		);

	// Where each execution ran: the worker whose log says it started it. The main process enqueues.
	const byWorker = workers.map((w) => ({ name: w.name, ids: startedByWorker(w.output()) }));
	const enqueued = new Set([...mainOutput.matchAll(/Enqueued execution (\d+)/g)].map((m) => m[1]));
	const ranOnMain = startedByWorker(mainOutput);
	for (const run of runs) {
		const on = byWorker.filter((w) => w.ids.has(run.id)).map((w) => w.name);
		if (on.length !== 1)
			problems.push(`execution ${run.id} started on ${on.length ? on.join(' and ') : 'no worker'}`);
		if (!enqueued.has(run.id))
			problems.push(`the main process did not enqueue execution ${run.id}`);
		if (ranOnMain.has(run.id)) problems.push(`execution ${run.id} ran on the main process`);
	}
	const idle = byWorker.filter((w) => !runs.some((r) => w.ids.has(r.id)));
	if (idle.length) problems.push(`${idle.map((w) => w.name).join(', ')} ran no execution`);

	// Both workers busy at once: an execution of one overlaps in time with an execution of the other.
	const intervals = (ids: Set<string>) => runs.filter((r) => ids.has(r.id));
	const [first, second] = byWorker.map((w) => intervals(w.ids));
	let overlapMs = 0;
	for (const a of first ?? []) {
		for (const b of second ?? [])
			overlapMs = Math.max(
				overlapMs,
				Math.min(a.stoppedAt, b.stoppedAt) - Math.max(a.startedAt, b.startedAt),
			);
	}
	if (!(overlapMs > 0))
		problems.push('no execution of one worker overlapped in time with one of the other');

	// Every booking exactly once: each event holds its room, and DingTalk applied one booking per item.
	const dingtalk = new SandboxClient(sandbox.url);
	const stats = (await dingtalk.stats()) as Awaited<ReturnType<SandboxClient['stats']>> & {
		actions: Record<string, Record<string, number>>;
		rateLimited: number;
		idempotentReplays: number;
	};
	const adds = stats.actions.AddMeetingRooms ?? {};
	const applied = (adds['200'] ?? 0) - stats.idempotentReplays;
	if (applied !== bookings.length)
		problems.push(
			`the sandbox applied ${applied} bookings for ${bookings.length} items (answers: ${JSON.stringify(adds)})`,
		);
	let wrong = 0;
	for (const booking of bookings) {
		const rooms = Object.keys(await dingtalk.roomsOf(booking.eventId));
		if (rooms.length !== 1 || rooms[0] !== booking.rooms[0]) wrong++;
	}
	if (wrong)
		problems.push(`${wrong} of ${bookings.length} events do not hold exactly their booked room`);

	if (problems.length) throw new Error(problems.join('\n'));
	const span =
		(Math.max(...runs.map((r) => r.stoppedAt)) - Math.min(...runs.map((r) => r.startedAt))) / 1000;
	return (
		`${runs.length} executions succeeded, ${byWorker.map((w) => `${w.name} ran ${intervals(w.ids).length}`).join(', ')}, ` +
		`none on main; ${bookings.length} bookings once each in ${span.toFixed(1)} s ` +
		`(${(bookings.length / span).toFixed(1)}/s; 403s met and retried: ${stats.rateLimited}); workers overlapped ${(overlapMs / 1000).toFixed(1)} s`
	);
}

const printTable = (): void => steps.print();

async function main(): Promise<number> {
	const options = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-dingtalk-queue-'));
	installSignalHandlers(() => {
		printTable();
		console.log(`\ninterrupted; logs kept in ${workDir}`);
	});
	console.error(`[queue] work folder (logs, user folders, database): ${workDir}`);
	try {
		const services = await timed(
			'-',
			'Postgres and Redis (Debian packages)',
			() => ensureServices(workDir),
			(s) => s,
		);
		const pack = await timed(
			'-',
			'build, pack, check + lint tarball',
			async () => {
				const result = await buildAndPack(REPO, workDir);
				if (result.problems.length) throw new Error(result.problems.join('\n'));
				return result;
			},
			(p) => `${p.files.length} files`,
		);
		if (services && pack) {
			const log = openLog(join(workDir, 'services.log'));
			onCleanup('services log', () => new Promise<void>((done) => log.end(done)));
			const postgres = await timed(
				'-',
				'start Postgres',
				() => startPostgres(log),
				(p) => `127.0.0.1:${p.port}`,
			);
			const redis = await timed(
				'-',
				'start Redis',
				() => startRedis(log),
				(r) => `127.0.0.1:${r.port}`,
			);
			if (postgres && redis)
				for (const line of options.lines)
					await runLine(line, pack.tarball, postgres, redis, workDir);
		}
	} catch (error) {
		steps.recordCrash('queue run', error);
	} finally {
		await cleanupAll();
	}
	if (!steps.printSummary(started, `logs kept in ${workDir}`)) return 1;
	if (options.keep) console.log(`work folder kept: ${workDir}`);
	else rmSync(workDir, { recursive: true, force: true });
	console.log('queue mode passed');
	return 0;
}

runMain(main);
