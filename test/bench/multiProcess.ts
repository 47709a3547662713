/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions */
/**
 * The bench's multi-process section: K Node processes, as K queue-mode workers would be, each running the
 * node through n8n's engine on its share of the bookings, all against one sandbox with DingTalk's quota.
 * They share nothing but the quota: each paces on its own and must find its share from DingTalk's
 * rate limits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import type { SandboxClient } from '../harness/sandboxClient';
import type { BenchProcessInput, BenchProcessResult } from './benchProcess';
import { benchSeed } from './benchSeed';

export interface MultiProcessResult {
	processes: number;
	items: number;
	achievedQps: number;
	qpsRatio: number;
	/** 403 QpsLimit answers the sandbox gave. */
	rateLimited: number;
	/** Of all AddMeetingRooms calls that reached the sandbox. */
	rateLimitedShare: number;
	/** Items that ended in an error. */
	surfacedErrors: number;
	/** Every booking's event holds exactly its room, and the sandbox applied exactly one booking per item. */
	bookedOnce: boolean;
	/** Slowest process's own time (the aggregate rate uses the wall time of all). */
	seconds: number;
	firstError?: string;
}

interface Options {
	processes: number;
	items: number;
	qps: number;
	latencyMs: number;
	concurrency: number;
	adaptive: boolean;
}

export async function runMultiProcess(
	dingtalk: SandboxClient,
	options: Options,
): Promise<MultiProcessResult> {
	const { seed, bookings } = benchSeed(options.items);
	const reset = await dingtalk.http.post('/__sandbox/reset', seed);
	if (reset.status !== 200) throw new Error(`sandbox reset failed: ${reset.status}`);
	await dingtalk.config({ qps: options.qps, latencyMs: options.latencyMs });
	const credential = await dingtalk.internalCredential();
	const dir = mkdtempSync(join(tmpdir(), 'n8n-dingtalk-bench-mp-'));
	const children: Array<{ child: ChildProcess; next: () => Promise<string> }> = [];
	try {
		for (let k = 0; k < options.processes; k++) {
			const share = bookings.filter((_, i) => i % options.processes === k);
			const input: BenchProcessInput = {
				credential,
				bookings: share,
				requestOptions: { concurrency: options.concurrency, callsPerSecond: options.qps },
				adaptive: options.adaptive,
			};
			const file = join(dir, `process-${k}.json`);
			writeFileSync(file, JSON.stringify(input));
			const child = spawn(
				process.execPath,
				[require.resolve('tsx/cli'), join(__dirname, 'benchProcess.ts'), file],
				{
					stdio: ['pipe', 'pipe', 'inherit'],
					env: { ...process.env, N8N_USER_FOLDER: mkdtempSync(join(dir, `user-${k}-`)) },
				},
			);
			const lines = createInterface({ input: child.stdout! });
			const queue: string[] = [];
			const waiting: Array<(line: string) => void> = [];
			lines.on('line', (line) => {
				if (!line.trim().startsWith('{')) return;
				const take = waiting.shift();
				if (take) take(line);
				else queue.push(line);
			});
			const exited = new Promise<string>((_, reject) =>
				child.on('exit', (code) => reject(new Error(`bench process ${k} exited with ${code}`))),
			);
			exited.catch(() => undefined);
			const next = () =>
				Promise.race([
					queue.length
						? Promise.resolve(queue.shift()!)
						: new Promise<string>((resolve) => waiting.push(resolve)),
					exited,
				]);
			children.push({ child, next });
		}
		// Every process loads n8n first; the clock starts when all are ready and told to go at once.
		await Promise.all(children.map(({ next }) => next()));
		const started = performance.now();
		for (const { child } of children) child.stdin!.write('go\n');
		const results = await Promise.all(
			children.map(async ({ next }) => JSON.parse(await next()) as BenchProcessResult),
		);
		const wallSeconds = (performance.now() - started) / 1000;
		const stats = (await dingtalk.stats()) as unknown as {
			actions: Record<string, Record<string, number>>;
			rateLimited: number;
			idempotentReplays: number;
		};
		const adds = stats.actions.AddMeetingRooms ?? {};
		const calls = Object.values(adds).reduce((sum, n) => sum + n, 0);
		const applied = (adds['200'] ?? 0) - stats.idempotentReplays;
		let everyEventRight = true;
		for (const booking of bookings) {
			const rooms = Object.keys(await dingtalk.roomsOf(booking.eventId));
			if (rooms.length !== 1 || rooms[0] !== booking.rooms[0]) everyEventRight = false;
		}
		await dingtalk.config({ qps: null, latencyMs: 0 });
		const achievedQps = options.items / wallSeconds;
		return {
			processes: options.processes,
			items: options.items,
			achievedQps: round(achievedQps, 2),
			qpsRatio: round(achievedQps / options.qps, 3),
			rateLimited: stats.rateLimited,
			rateLimitedShare: round(calls ? stats.rateLimited / calls : 0, 3),
			surfacedErrors: results.reduce((sum, r) => sum + r.errors, 0),
			bookedOnce: everyEventRight && applied === options.items,
			seconds: round(Math.max(...results.map((r) => r.seconds)), 2),
			firstError: results.find((r) => r.firstError)?.firstError,
		};
	} finally {
		for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	}
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
