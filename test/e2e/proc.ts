/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * Child processes, cleanup and ports for the e2e run. Everything started registers a cleanup that
 * runs on success, on failure and on Ctrl-C (SIGINT/SIGTERM), newest first.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

type Cleanup = { name: string; run: () => Promise<void> | void };

const cleanups: Cleanup[] = [];
let cleaningUp: Promise<void> | undefined;

/** Process groups of children still running: killed outright if we exit without cleaning up. */
const liveGroups = new Set<number>();
process.on('exit', () => {
	for (const pid of liveGroups) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// gone
		}
	}
});

function track(child: ChildProcess): void {
	if (child.pid === undefined) return;
	const pid = child.pid;
	liveGroups.add(pid);
	child.once('close', () => liveGroups.delete(pid));
}

/** Registers something to stop; returns a function that runs (and unregisters) it early. */
export function onCleanup(name: string, run: () => Promise<void> | void): () => Promise<void> {
	const entry: Cleanup = { name, run };
	cleanups.push(entry);
	return async () => {
		const index = cleanups.indexOf(entry);
		if (index === -1) return;
		cleanups.splice(index, 1);
		await entry.run();
	};
}

/** Stops everything registered, newest first. Safe to call more than once. */
export function cleanupAll(): Promise<void> {
	cleaningUp ??= (async () => {
		while (cleanups.length) {
			const entry = cleanups.pop()!;
			try {
				await entry.run();
			} catch (error) {
				process.stderr.write(`cleanup of ${entry.name} failed: ${(error as Error).message}\n`);
			}
		}
	})();
	return cleaningUp;
}

/**
 * Runs a driver's main function as the process: exits with its code, or, when it throws, prints the
 * error, stops everything registered and exits 1.
 */
export function runMain(main: () => Promise<number>): void {
	main().then(
		(code) => process.exit(code),
		async (error) => {
			process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
			await cleanupAll();
			process.exit(1);
		},
	);
}

/**
 * Ctrl-C and kill: stop everything, then exit with the conventional code. Later signals (npm and
 * `timeout` pass on their own) are ignored while stopping, so the cleanup always finishes.
 */
export function installSignalHandlers(onStop?: () => void): void {
	let stopping = false;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			if (stopping) {
				process.stderr.write(`${signal}: still stopping what the e2e run started...\n`);
				return;
			}
			stopping = true;
			process.stderr.write(`\n${signal}: stopping everything the e2e run started...\n`);
			void cleanupAll().finally(() => {
				onStop?.();
				process.exit(signal === 'SIGINT' ? 130 : 143);
			});
		});
	}
}

/** A TCP port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Ports for one n8n instance, all distinct. */
export async function freePorts(count: number): Promise<number[]> {
	const ports = new Set<number>();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface RunOptions extends SpawnOptions {
	/** Every byte of stdout/stderr is also appended here, with a header naming the command. */
	log?: WriteStream;
	timeoutMs?: number;
	/** Echo output live to our own stderr (long installs). */
	echo?: boolean;
}

/**
 * Runs a command to completion (in its own process group, so the whole tree is killed on timeout or
 * Ctrl-C) and returns its output. Never throws for a non-zero exit: callers decide.
 */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const { log, timeoutMs, echo, ...spawnOptions } = options;
	const started = Date.now();
	log?.write(
		`\n$ ${[command, ...args].join(' ')}   (cwd ${String(spawnOptions.cwd ?? process.cwd())})\n`,
	);
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			...spawnOptions,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		track(child);
		const stop = onCleanup(`${command} ${args[0] ?? ''}`, () => killTree(child));
		let stdout = '';
		let stderr = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			log?.write(chunk);
			if (echo) process.stderr.write(chunk);
		});
		child.stderr!.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			log?.write(chunk);
			if (echo) process.stderr.write(chunk);
		});
		let timedOut = false;
		const timer = timeoutMs
			? setTimeout(() => {
					timedOut = true;
					log?.write(`\n[e2e] timed out after ${timeoutMs} ms: killing\n`);
					void killTree(child);
				}, timeoutMs)
			: undefined;
		child.once('error', (error) => {
			if (timer) clearTimeout(timer);
			void stop();
			reject(error);
		});
		child.once('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			void stop();
			const ms = Date.now() - started;
			log?.write(`[e2e] exit ${code ?? signal} after ${ms} ms${timedOut ? ' (timed out)' : ''}\n`);
			resolve({ code: timedOut ? null : code, signal, stdout, stderr, ms });
		});
	});
}

/** Starts a long-running process (n8n start) with output appended to `log`. */
export function startBackground(
	command: string,
	args: string[],
	options: SpawnOptions & { log: WriteStream; name: string },
): { child: ChildProcess; stop: () => Promise<void>; output: () => string } {
	const { log, name, ...spawnOptions } = options;
	log.write(`\n$ ${[command, ...args].join(' ')}   (background: ${name})\n`);
	const child = spawn(command, args, {
		...spawnOptions,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	track(child);
	let output = '';
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
		if (output.length > 2_000_000) output = output.slice(-1_000_000);
		log.write(chunk);
	};
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);
	const stop = onCleanup(name, () => killTree(child));
	return { child, stop, output: () => output };
}

/** SIGTERM to the process group, SIGKILL after a grace period. */
export function killTree(child: ChildProcess, graceMs = 8000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
		return Promise.resolve();
	const pid = child.pid;
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			resolve();
		};
		child.once('close', done);
		const signalGroup = (signal: NodeJS.Signals) => {
			try {
				process.kill(-pid, signal);
			} catch {
				try {
					child.kill(signal);
				} catch {
					// already gone
				}
			}
		};
		signalGroup('SIGTERM');
		const timer = setTimeout(() => {
			signalGroup('SIGKILL');
			setTimeout(resolve, 500);
		}, graceMs);
	});
}

export function openLog(path: string): WriteStream {
	return createWriteStream(path, { flags: 'a' });
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)}s`;
}

/**
 * Installs Debian packages when we are root and have apt-get (`apt-get update` once, then `install -y`),
 * logging to `<logDir>/apt-get.log`. Returns that log's path, or undefined when it could not try (not
 * root, no apt-get): the caller then says what to install.
 */
export async function aptInstall(
	packages: string[],
	logDir: string,
	tag: string,
): Promise<string | undefined> {
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
	if (!isRoot || !hasApt) return undefined;
	const logPath = join(logDir, 'apt-get.log');
	process.stderr.write(
		`[${tag}] missing ${packages.join(', ')}: apt-get install (log ${logPath})\n`,
	);
	const log = openLog(logPath);
	try {
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		await run('apt-get', ['update', '-q'], { log, env, timeoutMs: 10 * 60_000 });
		await run('apt-get', ['install', '-y', '-q', ...packages], {
			log,
			env,
			timeoutMs: 15 * 60_000,
		});
	} finally {
		log.end();
	}
	return logPath;
}
