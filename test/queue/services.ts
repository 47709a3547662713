/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error */
/**
 * Postgres and Redis for queue mode, from Debian's packages (`postgresql`, `redis-server`): each started
 * on loopback, on a free port, with its data in a temporary folder, and stopped by the run's cleanup.
 * Postgres refuses to run as root: as root, its folder belongs to the `postgres` user the package
 * creates and the server runs as that user (runuser).
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WriteStream } from 'node:fs';

import { aptInstall, freePort, onCleanup, run, sleep, startBackground } from '../e2e/proc';

const POSTGRES_ROOT = '/usr/lib/postgresql';
const PACKAGES = { postgres: 'postgresql', redis: 'redis-server' } as const;

/** The newest Postgres server binaries Debian installed, if any. */
function postgresBin(): string | undefined {
	if (!existsSync(POSTGRES_ROOT)) return undefined;
	const versions = readdirSync(POSTGRES_ROOT)
		.filter((v) => existsSync(join(POSTGRES_ROOT, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? join(POSTGRES_ROOT, versions[0], 'bin') : undefined;
}

function onPath(command: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

function missingPackages(): string[] {
	const missing: string[] = [];
	if (!postgresBin()) missing.push(PACKAGES.postgres);
	if (!onPath('redis-server')) missing.push(PACKAGES.redis);
	return missing;
}

/**
 * Postgres and Redis must be installed: as root with apt-get they are installed here (as `.ci/run` does
 * up front); otherwise the error says what to install.
 */
export async function ensureServices(workDir: string): Promise<string> {
	let missing = missingPackages();
	if (!missing.length) return 'installed';
	if (await aptInstall(missing, workDir, 'queue')) {
		missing = missingPackages();
		if (!missing.length) return 'installed with apt-get';
	}
	throw new Error(
		`queue mode needs Postgres and Redis; missing: ${missing.join(', ')}. ` +
			`Install them with \`apt-get install ${missing.join(' ')}\` (Debian/Ubuntu; as root), then run again.`,
	);
}

export interface RunningPostgres {
	host: string;
	port: number;
	user: string;
	password: string;
	createDatabase(name: string): Promise<void>;
	/** Runs one SQL query; rows as arrays of strings (psql's unaligned output). */
	query(database: string, sql: string): Promise<string[][]>;
}

/** Runs a Postgres binary, as the postgres user when we are root. */
function asPostgresUser(bin: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0
		? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
		: [bin, args];
}

/** A throw-away cluster in a temporary folder of its own (the postgres user cannot enter ours), removed at cleanup. */
export async function startPostgres(log: WriteStream): Promise<RunningPostgres> {
	const bin = postgresBin();
	if (!bin)
		throw new Error(`no Postgres in ${POSTGRES_ROOT}: apt-get install ${PACKAGES.postgres}`);
	const data = mkdtempSync(join(tmpdir(), 'n8n-dingtalk-queue-postgres-'));
	onCleanup('postgres data folder', () => rmSync(data, { recursive: true, force: true }));
	if (process.getuid?.() === 0) {
		const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		if (id.status !== 0)
			throw new Error("no `postgres` user (Debian's postgresql package creates it)");
		chownSync(data, Number(id.stdout.trim()), Number(gid.stdout.trim()));
	}
	const user = 'postgres';
	const [initCommand, initArgs] = asPostgresUser(join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		user,
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	const init = await run(initCommand, initArgs, { log, timeoutMs: 2 * 60_000 });
	if (init.code !== 0)
		throw new Error(
			`initdb failed (exit ${init.code}): ${init.stderr.trim().split('\n').slice(-3).join(' ')}`,
		);
	const port = await freePort();
	// Trust on loopback only; no fsync: a throw-away database.
	const [command, args] = asPostgresUser(join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		data,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
	]);
	const server = startBackground(command, args, { log, name: 'postgres' });
	const psql = join(bin, 'psql');
	const query = async (database: string, sql: string): Promise<string[][]> => {
		const result = await run(
			psql,
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				user,
				'-d',
				database,
				'-AtX',
				'-F',
				'\t',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				sql,
			],
			{
				log,
				timeoutMs: 60_000,
			},
		);
		if (result.code !== 0) throw new Error(`psql failed: ${result.stderr.trim()}`);
		return result.stdout
			.split('\n')
			.filter((line) => line !== '')
			.map((line) => line.split('\t'));
	};
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (server.child.exitCode !== null)
			throw new Error(
				`postgres exited (${server.child.exitCode}): ${server.output().trim().split('\n').slice(-3).join(' ')}`,
			);
		try {
			await query('postgres', 'select 1');
			break;
		} catch (error) {
			if (Date.now() > deadline)
				throw new Error(
					`postgres did not accept connections within a minute: ${(error as Error).message}`,
				);
			await sleep(300);
		}
	}
	return {
		host: '127.0.0.1',
		port,
		user,
		password: 'trust-auth-on-loopback',
		createDatabase: async (name) => {
			await query('postgres', `create database "${name}"`);
		},
		query,
	};
}

export interface RunningRedis {
	host: string;
	port: number;
}

export async function startRedis(log: WriteStream): Promise<RunningRedis> {
	const port = await freePort();
	const server = startBackground(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ log, name: 'redis' },
	);
	const deadline = Date.now() + 30_000;
	while (!/Ready to accept connections/.test(server.output())) {
		if (server.child.exitCode !== null)
			throw new Error(
				`redis-server exited (${server.child.exitCode}): ${server.output().trim().split('\n').slice(-3).join(' ')}`,
			);
		if (Date.now() > deadline) throw new Error('redis-server did not get ready within 30 s');
		await sleep(200);
	}
	return { host: '127.0.0.1', port };
}
