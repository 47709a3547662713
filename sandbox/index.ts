/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-restricted-globals */
/**
 * DingTalk sandbox: a local DingTalk Calendar + Rooms API (see sandbox/README.md).
 *
 *   const sb = await startSandbox({ port: 0 });
 *   // sb.url → 'http://127.0.0.1:43123'; sb.seed.apps[0].appKey / appSecret
 *   await sb.close();
 */
import type { AddressInfo } from 'node:net';

import type { FastifyInstance } from 'fastify';

import { validateSeed } from './model/seedValidation';
import type { SandboxSeed } from './model/types';
import { readStateFile, StatePersister } from './persistence';
import { SandboxRuntime } from './runtime';
import { cloneSeed, defaultSeed } from './seed';
import { buildApp } from './server';

export interface StartSandboxOptions {
	/** TCP port; 0 (default) = any free port. */
	port?: number;
	/** Interface to bind; default `127.0.0.1`. */
	host?: string;
	/** Seed to start from; default `defaultSeed`. Ignored when `statePath` holds a saved state. */
	seed?: SandboxSeed;
	/** Persist state to this JSON file (atomic writes); a saved state is loaded at start. */
	statePath?: string;
	/** Latency added to every /v1.0 request, in ms (default 0). */
	latencyMs?: number;
	/** Per-app, per-API QPS limit; `null`/undefined = off (DingTalk's standard edition: 20). */
	qps?: number | null;
	/** fastify request logging (method, path, status, request id; never secrets). Default false. */
	logger?: boolean;
}

export interface RunningSandbox {
	/** Base URL without a trailing slash, e.g. `http://127.0.0.1:43123`. */
	url: string;
	/** The seed in use (after a `POST /__sandbox/reset` with a new seed, that one). */
	seed: SandboxSeed;
	close(): Promise<void>;
	/** The bound port. */
	port: number;
	/** The fastify instance (e.g. for `inject()` in tests). */
	app: FastifyInstance;
	/** Runtime internals (model, clock, config) for white-box tests. */
	runtime: SandboxRuntime;
}

function urlHost(host: string, address: AddressInfo): string {
	if (host === '0.0.0.0' || host === '') return '127.0.0.1';
	if (host === '::') return '[::1]';
	if (address.family === 'IPv6' || host.includes(':')) return `[${host.replace(/^\[|\]$/g, '')}]`;
	return host;
}

/** Build a sandbox without listening (for `app.inject()`). */
export function createSandbox(options: Omit<StartSandboxOptions, 'port' | 'host'> = {}): {
	app: FastifyInstance;
	runtime: SandboxRuntime;
	close(): Promise<void>;
} {
	const saved = options.statePath ? readStateFile(options.statePath) : undefined;
	const seed = validateSeed(cloneSeed(saved?.seed ?? options.seed ?? defaultSeed));
	const runtime = new SandboxRuntime(seed, {
		latencyMs: options.latencyMs ?? 0,
		qps: options.qps ?? null,
	});
	if (saved) {
		try {
			runtime.restoreState(saved);
		} catch (e) {
			throw new Error(
				`Cannot use sandbox state file ${options.statePath}: ${(e as Error).message}. The file was left untouched; ` +
					'fix or delete it, or pass another --state path.',
			);
		}
	}
	const { app, timers } = buildApp(runtime, { logger: options.logger });
	let persister: StatePersister | undefined;
	if (options.statePath) {
		const p = new StatePersister(options.statePath, () => runtime.toStateFile());
		persister = p;
		runtime.onChange = () => p.schedule();
		if (!saved) p.schedule();
	}
	let closing: Promise<void> | undefined;
	const close = (): Promise<void> => {
		closing ??= (async () => {
			for (const t of timers) clearTimeout(t);
			timers.clear();
			await app.close();
			if (persister) await persister.flush();
		})();
		return closing;
	};
	return { app, runtime, close };
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
	const host = options.host ?? '127.0.0.1';
	const sandbox = createSandbox(options);
	try {
		await sandbox.app.listen({ host, port: options.port ?? 0 });
	} catch (e) {
		await sandbox.close().catch(() => undefined);
		throw e;
	}
	const address = sandbox.app.server.address() as AddressInfo;
	const url = `http://${urlHost(host, address)}:${address.port}`;
	return {
		url,
		get seed() {
			return sandbox.runtime.seed;
		},
		close: sandbox.close,
		port: address.port,
		app: sandbox.app,
		runtime: sandbox.runtime,
	};
}

export { defaultSeed, cloneSeed, ROOM_IDS, USER_IDS, EVENT_IDS, SANDBOX_CORP_ID } from './seed';
export { ERRORS, DingTalkError } from './errors';
export type { ErrorDef } from './errors';
export { SandboxModel, DEFAULT_LIMITS } from './model/model';
export type { EventState, ModelLimits } from './model/model';
export type { FaultRule, FaultKind } from './gateway/faults';
export type { StatsView } from './gateway/stats';
export type {
	SandboxSeed,
	SeedApp,
	SeedInternalApp,
	SeedThirdPartyApp,
	SeedUser,
	SeedRoom,
	SeedRoomGroup,
	SeedEvent,
} from './model/types';
export { SeedError, validateSeed } from './model/seedValidation';
export { StateFileError } from './persistence';
export { SandboxRuntime } from './runtime';
export type { StateFile, RuntimeConfig } from './runtime';
