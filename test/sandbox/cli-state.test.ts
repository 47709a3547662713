/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
/**
 * `--state FILE` persistence (atomic, restart-safe, corrupt files refused and left untouched) and the
 * `npm run sandbox` CLI (start-up time, options, SIGTERM).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { cloneSeed, ROOM_IDS, startSandbox, StateFileError } from '../../sandbox';
import { ALICE, api, eventBody, getToken, raw } from './helpers';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
let dir: string;

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'dingtalk-sandbox-test-'));
});

afterAll(() => {
	rmSync(dir, { recursive: true, force: true });
});

describe('--state persistence', () => {
	it('keeps events, bookings, tokens and the clock across restarts, written atomically', async () => {
		const statePath = join(dir, 'state.json');
		const first = await startSandbox({ port: 0, statePath });
		const token = await getToken(first.url);
		const dt = api(first.url, token);
		const id = (await dt.createEvent(eventBody(9, 10, 'persisted'))).json.id as string;
		expect((await dt.addRooms(id, [ROOM_IDS.xixi])).status).toBe(200);
		await raw(first.url, { path: '/__sandbox/clock', body: { advanceSeconds: 60 } });
		await first.close();
		const saved = JSON.parse(readFileSync(statePath, 'utf8'));
		expect(saved).toMatchObject({
			format: 'dingtalk-sandbox-state',
			version: 1,
			clockOffsetMs: 60_000,
		});
		expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

		const second = await startSandbox({ port: 0, statePath });
		try {
			const dt2 = api(second.url, token); // the old token is still valid
			const ev = await dt2.getEvent(id);
			expect(ev.status).toBe(200);
			expect(ev.json.meetingRooms).toEqual([
				expect.objectContaining({ roomId: ROOM_IDS.xixi, responseStatus: 'accepted' }),
			]);
			const other = (await dt2.createEvent(eventBody(9, 10))).json.id as string;
			expect((await dt2.addRooms(other, [ROOM_IDS.xixi])).json.code).toBe(
				'meetingRoomNotAvailable',
			);
			expect(
				(await raw(second.url, { path: '/__sandbox/clock' })).json.offsetSeconds,
			).toBeGreaterThanOrEqual(60);
			// Changes are written in the background while running, not only at close.
			await dt2.call('DELETE', `${dt2.events()}/${other}`);
			const statusOnDisk = () => {
				const events = JSON.parse(readFileSync(statePath, 'utf8')).model.orgs[0].events as Array<{
					id: string;
					status: string;
				}>;
				return events.find((e) => e.id === other)?.status;
			};
			const deadline = Date.now() + 5000;
			while (statusOnDisk() !== 'cancelled' && Date.now() < deadline)
				await new Promise((r) => setTimeout(r, 50));
			expect(statusOnDisk()).toBe('cancelled');
		} finally {
			await second.close();
		}
	});

	it('a saved state (with its seed) wins over the seed option', async () => {
		const statePath = join(dir, 'seeded.json');
		const seed = cloneSeed();
		seed.users[0].name = 'Alice From Seed File';
		const a = await startSandbox({ port: 0, statePath, seed });
		await a.close();
		const b = await startSandbox({ port: 0, statePath });
		try {
			expect(b.seed.users[0].name).toBe('Alice From Seed File');
		} finally {
			await b.close();
		}
	});

	it.each([
		['not JSON', '{"format": "dingtalk-sandbox-state", '],
		['not a state file', '{"hello": "world"}'],
		[
			'a broken snapshot',
			JSON.stringify({
				format: 'dingtalk-sandbox-state',
				version: 1,
				seed: cloneSeed(),
				clockOffsetMs: 0,
				model: { tokens: 'x', orgs: [] },
				idempotency: [],
			}),
		],
	])(
		'refuses a corrupt file (%s) with a clear error and never overwrites it',
		async (_name, content) => {
			const statePath = join(dir, `corrupt-${Math.random().toString(36).slice(2)}.json`);
			writeFileSync(statePath, content);
			await expect(startSandbox({ port: 0, statePath })).rejects.toThrow(
				/Cannot use sandbox state file .*left untouched/,
			);
			await new Promise((r) => setTimeout(r, 300));
			expect(readFileSync(statePath, 'utf8')).toBe(content);
		},
	);

	it('StateFileError is exported for callers', async () => {
		const statePath = join(dir, 'bad.json');
		writeFileSync(statePath, 'nope');
		await expect(startSandbox({ port: 0, statePath })).rejects.toBeInstanceOf(StateFileError);
	});
});

interface Spawned {
	child: ChildProcess;
	stdout: () => string;
	stderr: () => string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

afterEach(async () => {
	// A failed assertion must not leave a sandbox process behind.
	for (const child of running) {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
			await new Promise((r) => child.once('exit', r));
		}
	}
	running.clear();
});

function spawnCli(command: string, args: string[]): Spawned {
	const child = spawn(command, args, {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, NO_COLOR: '1' },
	});
	running.add(child);
	let out = '';
	let err = '';
	child.stdout?.on('data', (d) => (out += String(d)));
	child.stderr?.on('data', (d) => (err += String(d)));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
		child.on('exit', (code, signal) => res({ code, signal })),
	);
	return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitFor(s: Spawned, pattern: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
	const start = Date.now();
	for (;;) {
		const m = s.stdout().match(pattern);
		if (m) return m;
		if (Date.now() - start > timeoutMs || s.child.exitCode !== null) {
			throw new Error(`no ${pattern} in output: ${s.stdout()} ${s.stderr()}`);
		}
		await new Promise((r) => setTimeout(r, 10));
	}
}

describe('CLI', () => {
	it('the CLI (what npm run sandbox runs) starts on --port 0, prints the URL and app keys, stops on SIGTERM', async () => {
		// How fast it starts is a speed figure: `npm run bench` reports it (sandboxStartMs), not a timed test.
		const s = spawnCli(TSX, ['sandbox/cli.ts', '--port', '0']);
		const [, url] = await waitFor(s, /listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
		await waitFor(s, /Press Ctrl\+C/);
		const app = cloneSeed().apps[0] as { appKey: string; appSecret: string };
		expect(s.stdout()).toContain(app.appKey);
		expect(s.stdout()).toContain(app.appSecret);
		expect((await raw(url, { path: '/__sandbox/health' })).json).toEqual({ ok: true });
		s.child.kill('SIGTERM');
		expect(await s.exited).toEqual({ code: 0, signal: null });
		expect(s.stdout()).toMatch(/stopped \(SIGTERM\)/);
	});

	it('honours --seed, --state, --latency-ms, --qps and --json', async () => {
		const seedPath = join(dir, 'cli-seed.json');
		const statePath = join(dir, 'cli-state.json');
		const seed = cloneSeed();
		(seed.apps[0] as { appKey: string }).appKey = 'dingclicustomkey';
		writeFileSync(seedPath, JSON.stringify(seed));
		const s = spawnCli(TSX, [
			'sandbox/cli.ts',
			'--port',
			'0',
			'--seed',
			seedPath,
			'--state',
			statePath,
			'--latency-ms',
			'7',
			'--qps',
			'--json',
		]);
		const [line] = await waitFor(s, /^\{.*\}$/m);
		const info = JSON.parse(line);
		expect(info.apps[0].appKey).toBe('dingclicustomkey');
		expect((await raw(info.url, { path: '/__sandbox/config' })).json).toMatchObject({
			latencyMs: 7,
			qps: 20,
		});
		s.child.kill('SIGINT');
		expect((await s.exited).code).toBe(0);
		expect(existsSync(statePath)).toBe(true);
	});

	it('--log logs method, path and status but never a token, a secret or a query string', async () => {
		const s = spawnCli(TSX, ['sandbox/cli.ts', '--port', '0', '--log', '--json']);
		const [line] = await waitFor(s, /^\{"url".*\}$/m);
		const { url } = JSON.parse(line);
		const token = await getToken(url);
		await api(url, token).call(
			'GET',
			`/v1.0/rooms/meetingRoomLists?unionId=${ALICE}&access_token=${token}`,
		);
		await waitFor(s, /meetingRoomLists/);
		await waitFor(s, /"statusCode":200/);
		s.child.kill('SIGTERM');
		await s.exited;
		const app = cloneSeed().apps[0] as { appSecret: string };
		// Only the request log lines (the start-up banner prints the seed's keys on purpose).
		const logs = s
			.stdout()
			.split('\n')
			.filter((l) => l.includes('"level"'))
			.join('\n');
		expect(logs).toMatch(/"path":"\/v1.0\/oauth2\/accessToken"/);
		expect(logs).not.toContain(token);
		expect(logs).not.toContain(app.appSecret);
		expect(logs).not.toContain('unionId=');
	});

	it('exits with a clear message on a corrupt state file (left untouched) and on bad options', async () => {
		const statePath = join(dir, 'cli-corrupt.json');
		writeFileSync(statePath, '{{{');
		const s = spawnCli(TSX, ['sandbox/cli.ts', '--port', '0', '--state', statePath]);
		expect((await s.exited).code).toBe(1);
		expect(s.stderr()).toMatch(/Cannot use sandbox state file .*cli-corrupt\.json.*not valid JSON/);
		expect(readFileSync(statePath, 'utf8')).toBe('{{{');
		const bad = spawnCli(TSX, ['sandbox/cli.ts', '--port', 'eighty']);
		expect((await bad.exited).code).toBe(2);
		expect(bad.stderr()).toMatch(/--port must be an integer/);
		const badSeed = join(dir, 'bad-seed.json');
		writeFileSync(badSeed, JSON.stringify({ apps: [] }));
		const b2 = spawnCli(TSX, ['sandbox/cli.ts', '--port', '0', '--seed', badSeed]);
		expect((await b2.exited).code).toBe(1);
		expect(b2.stderr()).toMatch(/cannot load seed file .*Invalid sandbox seed/);
	});
});

// Sanity: the helpers resolve the internal app's token through the default seed.
it('helper smoke test', async () => {
	const sb = await startSandbox({ port: 0 });
	try {
		expect(
			(
				await api(sb.url, await getToken(sb.url)).call(
					'GET',
					`/v1.0/calendar/users/${ALICE}/calendars`,
				)
			).status,
		).toBe(200);
	} finally {
		await sb.close();
	}
});
