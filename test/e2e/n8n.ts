/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * One throw-away n8n instance per line: its user folder, the community package installed the way n8n
 * installs one, and the CLI commands the e2e run needs (import, execute, start).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';

import type { InstalledLine } from './install';
import { freePort, openLog, run, sleep, startBackground, type RunResult } from './proc';
import type { N8nLine } from './versions';

/** Fixed, so every command of a run (and a re-run on a kept folder) can decrypt the credentials. */
export const ENCRYPTION_KEY = 'n8n-nodes-dingtalk-calendar-e2e-fixed-key-0123456789';
export const PACKAGE_NAME = 'n8n-nodes-dingtalk-calendar';

export interface N8nInstance {
	line: N8nLine;
	installed: InstalledLine;
	/** N8N_USER_FOLDER: n8n keeps its data in `<userFolder>/.n8n`. */
	userFolder: string;
	/** Every command's output, with a header per command. */
	logPath: string;
	log: WriteStream;
	/** Settings for every command of this instance (queue mode: database, Redis), over the defaults. */
	env?: Record<string, string>;
}

export function createInstance(
	line: N8nLine,
	installed: InstalledLine,
	lineDir: string,
): N8nInstance {
	const userFolder = join(lineDir, 'user-folder');
	mkdirSync(join(userFolder, '.n8n'), { recursive: true });
	const logPath = join(lineDir, 'n8n.log');
	return { line, installed, userFolder, logPath, log: openLog(logPath) };
}

/** Our environment without n8n settings of the user's own shell (they would change what we test). */
function inheritedEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (
			/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|CREDENTIALS_|NODE_FUNCTION_ALLOW_|NODE_OPTIONS$)/.test(
				key,
			)
		)
			continue;
		env[key] = value;
	}
	return env;
}

/** Environment of every n8n command: isolated, offline-friendly, every port of our choosing. */
export async function n8nEnv(
	instance: N8nInstance,
	extra: Record<string, string> = {},
): Promise<NodeJS.ProcessEnv> {
	const nodeDir = dirname(instance.installed.node);
	return {
		// PATH first has the Node that runs this n8n, so any `node`/`npm` child n8n spawns matches it.
		...inheritedEnv(),
		PATH: `${nodeDir}:${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: instance.userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		// The editor fetches banners from api.n8n.io, unreachable here (a console error otherwise).
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		// Each process gets its own free port for n8n's task broker (default 5679) and for the server.
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_PORT: String(await freePort()),
		NODE_ENV: 'production',
		...instance.env,
		...extra,
	};
}

/** Runs `n8n <args>` with this instance's Node and environment. */
export async function n8nCli(
	instance: N8nInstance,
	args: string[],
	timeoutMs = 3 * 60_000,
): Promise<RunResult> {
	return await run(instance.installed.node, [instance.installed.n8nBin, ...args], {
		cwd: instance.userFolder,
		env: await n8nEnv(instance),
		log: instance.log,
		timeoutMs,
	});
}

/**
 * Installs the packed tarball as n8n itself installs a community package (n8n 1.123 and 2.41
 * `CommunityPackagesService.downloadPackage`): unpack into `<user folder>/.n8n/nodes/node_modules/<name>`,
 * drop dev/peer/optional dependencies from its package.json, `npm install` its runtime dependencies
 * with n8n's flags, and record it in `nodes/package.json`. n8n scans `nodes/node_modules/n8n-nodes-*`
 * at startup.
 */
export async function installCommunityPackage(
	instance: N8nInstance,
	tarball: string,
): Promise<void> {
	const nodesDir = join(instance.userFolder, '.n8n', 'nodes');
	const packageDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	mkdirSync(packageDir, { recursive: true });
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
	);
	const untar = await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], {
		log: instance.log,
	});
	if (untar.code !== 0) throw new Error(`could not unpack ${tarball}: ${untar.stderr.trim()}`);
	const manifestPath = join(packageDir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	const install = await run(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--no-update-notifier',
		],
		{
			cwd: packageDir,
			log: instance.log,
			timeoutMs: 5 * 60_000,
			env: { ...process.env, NODE_ENV: 'production' },
		},
	);
	if (install.code !== 0) {
		throw new Error(
			`npm install in ${packageDir} failed (exit ${install.code}); see ${instance.logPath}`,
		);
	}
	const nodesManifest = {
		name: 'installed-nodes',
		private: true,
		dependencies: { [PACKAGE_NAME]: manifest.version },
	};
	writeFileSync(join(nodesDir, 'package.json'), JSON.stringify(nodesManifest, null, 2));
}

export interface CliFailure {
	what: string;
	result: RunResult;
}

export function describeCliFailure(what: string, result: RunResult, logPath: string): string {
	const text = `${result.stdout}\n${result.stderr}`;
	const interesting = interestingLines(text, 12);
	return (
		`${what} failed (exit ${result.code ?? `timeout/${result.signal ?? ''}`})` +
		(interesting ? `:\n    ${interesting}` : '') +
		`\n    n8n log: ${logPath}`
	);
}

/** Error-looking lines of n8n's output (its logger prints one line per message). */
export function interestingLines(text: string, max: number): string {
	const lines = text
		.split('\n')
		.map((l) => l.trimEnd())
		.filter((l) => l.trim())
		.filter((l) =>
			/error|fail|unrecognized|cannot|could not|not found|invalid|exception|throw|missing|denied|ENOENT/i.test(
				l,
			),
		)
		.filter((l) => !/^\s+at /.test(l));
	const unique = [...new Set(lines)];
	return unique.slice(0, max).join('\n    ');
}

export async function importCredentials(
	instance: N8nInstance,
	credentials: unknown[],
	workDir: string,
): Promise<void> {
	const file = join(workDir, 'credentials.json');
	writeFileSync(file, JSON.stringify(credentials, null, 2));
	const result = await n8nCli(instance, ['import:credentials', `--input=${file}`]);
	if (result.code !== 0)
		throw new Error(describeCliFailure('n8n import:credentials', result, instance.logPath));
}

/** Imports every `*.json` workflow of a folder (`import:workflow --separate`). */
export async function importWorkflows(instance: N8nInstance, dir: string): Promise<void> {
	const result = await n8nCli(instance, ['import:workflow', '--separate', `--input=${dir}`]);
	if (result.code !== 0)
		throw new Error(
			describeCliFailure(`n8n import:workflow --separate --input=${dir}`, result, instance.logPath),
		);
}

/** What `n8n execute --rawOutput` prints: the run (IRun). Only the parts we read are typed. */
export interface RunOutput {
	data?: {
		resultData?: {
			error?: { message?: string; description?: string };
			runData?: Record<
				string,
				Array<{
					error?: { message?: string; description?: string };
					data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
				}>
			>;
		};
	};
	status?: string;
	finished?: boolean;
}

/**
 * The JSON printed by `execute --rawOutput`, found in output that may also hold log lines: it starts
 * at a line that is exactly `{` and ends at a line that is exactly `}`.
 */
export function extractRunJson(stdout: string): RunOutput | undefined {
	const lines = stdout.split('\n');
	for (let start = 0; start < lines.length; start++) {
		if (lines[start].trimEnd() !== '{') continue;
		for (let end = lines.length - 1; end > start; end--) {
			if (lines[end].trimEnd() !== '}') continue;
			try {
				return JSON.parse(lines.slice(start, end + 1).join('\n')) as RunOutput;
			} catch {
				// not this pair
			}
		}
	}
	return undefined;
}

export interface ExecuteResult {
	result: RunResult;
	output?: RunOutput;
}

export async function executeWorkflow(
	instance: N8nInstance,
	workflowId: string,
): Promise<ExecuteResult> {
	const result = await n8nCli(
		instance,
		['execute', `--id=${workflowId}`, '--rawOutput'],
		5 * 60_000,
	);
	const output = extractRunJson(result.stdout);
	// Seen once under heavy load (n8n 1.123.81, Node 20): the process died of SIGSEGV while exiting, AFTER
	// it had printed the whole, finished run. The run itself is complete, so it is judged like any other
	// (items and sandbox state); the crash is printed, not hidden.
	if (result.code === null && result.signal === 'SIGSEGV' && output?.finished === true) {
		process.stderr.write(
			`[e2e] note: n8n execute --id ${workflowId} died of SIGSEGV after printing a finished run; that run is checked\n`,
		);
		return { result: { ...result, code: 0 }, output };
	}
	return { result, output };
}

export interface RunningN8n {
	url: string;
	/** The n8n process (for reading its CPU time). */
	pid?: number;
	stop: () => Promise<void>;
	output: () => string;
}

/** `n8n start` on free ports; resolves when n8n is ready for REST calls (see isReady). */
export async function startN8n(instance: N8nInstance): Promise<RunningN8n> {
	const port = await freePort();
	const env = await n8nEnv(instance, {
		N8N_PORT: String(port),
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
	});
	const url = `http://127.0.0.1:${port}`;
	const server = startBackground(instance.installed.node, [instance.installed.n8nBin, 'start'], {
		cwd: instance.userFolder,
		env,
		log: instance.log,
		name: `n8n ${instance.line.line} start`,
	});
	const deadline = Date.now() + 3 * 60_000;
	while (Date.now() < deadline) {
		if (server.child.exitCode !== null || server.child.signalCode !== null) {
			throw new Error(
				`n8n start exited (${server.child.exitCode ?? server.child.signalCode}) before answering /healthz:\n    ` +
					`${interestingLines(server.output(), 12)}\n    n8n log: ${instance.logPath}`,
			);
		}
		try {
			if (await isReady(url))
				return { url, pid: server.child.pid, stop: server.stop, output: server.output };
		} catch {
			// not up yet
		}
		await sleep(500);
	}
	await server.stop();
	throw new Error(
		`n8n start did not answer ${url}/healthz within 3 minutes; n8n log: ${instance.logPath}`,
	);
}

/**
 * n8n is ready for the REST calls we make once both of these hold:
 * - `/healthz/readiness` answers 200 (database connected and migrated; in 2.x also "fully ready").
 *   Plain `/healthz` answers as soon as the port is open, too early.
 * - `/rest/settings` answers JSON. Before migrations finish, n8n answers every other path with
 *   200 text/plain "n8n is starting up. Please wait", so a 200 alone proves nothing.
 */
async function isReady(url: string): Promise<boolean> {
	const readiness = await fetch(`${url}/healthz/readiness`);
	await readiness.arrayBuffer();
	if (readiness.status !== 200) return false;
	const settings = await fetch(`${url}/rest/settings`);
	const body = await settings.text();
	if (!settings.ok || !(settings.headers.get('content-type') ?? '').includes('application/json'))
		return false;
	try {
		JSON.parse(body);
		return true;
	} catch {
		return false;
	}
}

export const OWNER = {
	email: 'owner@e2e.example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Owner-Passw0rd',
};

/** Creates the owner account through the REST API, then logs in; returns the auth cookie. */
export async function setupOwner(url: string): Promise<string> {
	// startN8n waits for readiness; still, a "starting up" answer here means "try again", not failure.
	let setup: Response;
	let setupBody: string;
	const deadline = Date.now() + 60_000;
	for (;;) {
		setup = await fetch(`${url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		setupBody = await setup.text();
		const startingUp = setup.status === 503 || setupBody.startsWith('n8n is starting up');
		if (!startingUp || Date.now() > deadline) break;
		await sleep(500);
	}
	if (!setup.ok)
		throw new Error(`POST /rest/owner/setup answered ${setup.status}: ${setupBody.slice(0, 300)}`);
	const fromSetup = authCookie(setup);
	if (fromSetup) return fromSetup;
	// Setup normally logs the owner in; if it did not, log in like the sign-in page does.
	const login = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			emailOrLdapLoginId: OWNER.email,
			email: OWNER.email,
			password: OWNER.password,
		}),
	});
	const loginBody = await login.text();
	const fromLogin = authCookie(login);
	if (fromLogin) return fromLogin;
	throw new Error(
		`no n8n-auth cookie: POST /rest/owner/setup answered ${setup.status} ${setupBody.slice(0, 200)}; ` +
			`POST /rest/login answered ${login.status} ${loginBody.slice(0, 200)}`,
	);
}

function authCookie(response: Response): string | undefined {
	const cookies = response.headers.getSetCookie?.() ?? [];
	return cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
}

export async function getJson<T>(url: string, cookie: string): Promise<T> {
	const response = await fetch(url, { headers: { cookie } });
	if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
	const body = (await response.json()) as T | { data: T };
	return body && typeof body === 'object' && 'data' in (body as object) && !Array.isArray(body)
		? (body as { data: T }).data
		: (body as T);
}

export function userFolderHasPackage(instance: N8nInstance): boolean {
	return existsSync(
		join(instance.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME, 'package.json'),
	);
}

/**
 * Activates workflows before `n8n start` (which then registers their triggers and webhooks): 1.x
 * `update:workflow --id … --active=true`, 2.x `publish:workflow --id …` (2.x activates a published version).
 */
export async function activateWorkflows(instance: N8nInstance, ids: string[]): Promise<void> {
	for (const id of ids) {
		const args =
			instance.line.line === '1.x'
				? ['update:workflow', `--id=${id}`, '--active=true']
				: ['publish:workflow', `--id=${id}`];
		const result = await n8nCli(instance, args);
		if (result.code !== 0)
			throw new Error(describeCliFailure(`n8n ${args.join(' ')}`, result, instance.logPath));
	}
}
