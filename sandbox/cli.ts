/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console, @n8n/community-nodes/require-node-api-error */
/**
 * `npm run sandbox -- [--port N] [--host H] [--seed FILE] [--state FILE] [--latency-ms N] [--qps [N]]
 *                     [--log] [--json]`
 *
 * Prints the base URL and the seed apps' keys, then serves until SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';

import { DEFAULT_QPS_WHEN_ENABLED } from './gateway/rateLimit';
import { startSandbox, type StartSandboxOptions } from './index';
import { SeedError, validateSeed } from './model/seedValidation';

export const DEFAULT_CLI_PORT = 3464; // D-I-N-G on a phone keypad

const USAGE = `DingTalk sandbox: a local DingTalk Calendar + Rooms API.

Usage: npm run sandbox -- [options]

  --port N         port to listen on (default ${DEFAULT_CLI_PORT}; 0 = any free port)
  --host H         interface to bind (default 127.0.0.1; 0.0.0.0 = all)
  --seed FILE      start from this seed (JSON, same shape as GET /__sandbox/seed)
  --state FILE     persist state in FILE across restarts (loaded at start when it exists)
  --latency-ms N   add N ms to every /v1.0 request
  --qps [N]        per-app, per-API QPS limit (N defaults to ${DEFAULT_QPS_WHEN_ENABLED}; off unless given)
  --log            log each request (method, path, status, request id; never secrets)
  --json           print one JSON line {url, apps} instead of the banner
  --help           this text
`;

class UsageError extends Error {}

function parseArgs(
	argv: string[],
): StartSandboxOptions & { json: boolean; help: boolean; seedFile?: string } {
	const out: StartSandboxOptions & { json: boolean; help: boolean; seedFile?: string } = {
		port: DEFAULT_CLI_PORT,
		json: false,
		help: false,
	};
	const value = (i: number, flag: string): string => {
		const v = argv[i + 1];
		if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
		return v;
	};
	const number = (v: string, flag: string, min = 0): number => {
		const n = Number(v);
		if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min)
			throw new UsageError(`${flag} must be an integer >= ${min}`);
		return n;
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].includes('=')
			? argv[i].split(/=(.*)/s, 2)
			: [argv[i], undefined];
		const take = (): string => {
			if (inline !== undefined) return inline;
			const v = value(i, flag);
			i++;
			return v;
		};
		switch (flag) {
			case '--port':
				out.port = number(take(), flag);
				if ((out.port ?? 0) > 65535) throw new UsageError('--port must be <= 65535');
				break;
			case '--host':
				out.host = take();
				break;
			case '--seed':
				out.seedFile = take();
				break;
			case '--state':
				out.statePath = take();
				break;
			case '--latency-ms':
				out.latencyMs = number(take(), flag);
				break;
			case '--qps': {
				const next = inline ?? argv[i + 1];
				if (next !== undefined && /^\d+$/.test(next)) {
					out.qps = number(next, flag);
					if (inline === undefined) i++;
				} else {
					out.qps = DEFAULT_QPS_WHEN_ENABLED;
				}
				break;
			}
			case '--log':
				out.logger = true;
				break;
			case '--json':
				out.json = true;
				break;
			case '--help':
			case '-h':
				out.help = true;
				break;
			default:
				throw new UsageError(`unknown option ${argv[i]}`);
		}
	}
	return out;
}

async function main(): Promise<void> {
	let opts: ReturnType<typeof parseArgs>;
	try {
		opts = parseArgs(process.argv.slice(2));
	} catch (e) {
		if (e instanceof UsageError) {
			console.error(`error: ${e.message}\n\n${USAGE}`);
			process.exit(2);
		}
		throw e;
	}
	if (opts.help) {
		console.log(USAGE);
		return;
	}
	if (opts.seedFile) {
		try {
			opts.seed = validateSeed(JSON.parse(readFileSync(opts.seedFile, 'utf8')));
		} catch (e) {
			const why =
				e instanceof SeedError || e instanceof SyntaxError ? e.message : (e as Error).message;
			console.error(`error: cannot load seed file ${opts.seedFile}: ${why}`);
			process.exit(1);
		}
	}
	let sandbox: Awaited<ReturnType<typeof startSandbox>>;
	try {
		sandbox = await startSandbox(opts);
	} catch (e) {
		console.error(`error: ${(e as Error).message}`);
		process.exit(1);
	}
	const apps = sandbox.seed.apps;
	if (opts.json) {
		console.log(JSON.stringify({ url: sandbox.url, controlUrl: `${sandbox.url}/__sandbox`, apps }));
	} else {
		const lines = [`DingTalk sandbox listening on ${sandbox.url}`, ''];
		for (const app of apps) {
			if (app.type === 'internal') {
				lines.push(`  internal app     ${app.name}`);
				lines.push(`    Client ID (appKey)        ${app.appKey}`);
				lines.push(`    Client Secret (appSecret) ${app.appSecret}`);
				lines.push(`    corpId                    ${app.corpId}`);
			} else {
				lines.push(`  third-party app  ${app.name}`);
				lines.push(`    suiteKey                  ${app.suiteKey}`);
				lines.push(`    suiteSecret               ${app.suiteSecret}`);
				lines.push(`    suiteTicket               ${app.suiteTicket}`);
				lines.push(`    authCorpId                ${app.corpId}`);
			}
		}
		const organizer = sandbox.seed.users[0];
		if (organizer)
			lines.push('', `  default organizer unionId   ${organizer.unionId} (${organizer.name})`);
		lines.push(
			`  control API                 ${sandbox.url}/__sandbox  (GET /seed, /stats; POST /reset, /config)`,
		);
		if (opts.statePath) lines.push(`  state file                  ${opts.statePath}`);
		if (opts.latencyMs) lines.push(`  injected latency            ${opts.latencyMs} ms`);
		if (opts.qps !== undefined && opts.qps !== null)
			lines.push(`  QPS limit                   ${opts.qps} per app per API`);
		lines.push('', 'Press Ctrl+C to stop.');
		console.log(lines.join('\n'));
	}

	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		sandbox
			.close()
			.then(() => {
				if (!opts.json) console.log(`\nDingTalk sandbox stopped (${signal}).`);
				process.exit(0);
			})
			.catch((e: Error) => {
				console.error(`error while stopping: ${e.message}`);
				process.exit(1);
			});
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
