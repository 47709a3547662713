/**
 * `x-client-token` replay cache (reference §2.9): the same token on the same write (same app, method and
 * path) within 24 h of sandbox time replays the first answer's status, body and request id. A repeat that
 * arrives while the first is still being processed gets `400 idempotencyProcessing`.
 */
import { randomUUID } from 'node:crypto';

import type { SandboxClock } from '../model/clock';

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export interface StoredResponse {
	status: number;
	/** The exact body bytes sent the first time (`undefined` = empty body). */
	body: string | undefined;
	/**
	 * The first answer's request id: a replay sends it again as `x-acs-request-id`, so the header still
	 * equals the body's `requestid` (reference §2.4 MOCK-RULE).
	 */
	requestId: string;
	expiresAtMs: number;
}

export type IdempotencyLookup =
	| { state: 'new' }
	| { state: 'processing' }
	| { state: 'replay'; response: StoredResponse };

export class IdempotencyCache {
	private readonly done = new Map<string, StoredResponse>();
	private readonly inFlight = new Set<string>();
	private inserts = 0;

	constructor(private readonly clock: SandboxClock) {}

	static key(
		appId: string,
		corpId: string,
		method: string,
		path: string,
		clientToken: string,
	): string {
		return `${appId}\u0000${corpId}\u0000${method}\u0000${path}\u0000${clientToken}`;
	}

	/** Look a key up; a `new` answer marks it in flight (call `complete` or `abandon` next). */
	begin(key: string): IdempotencyLookup {
		const hit = this.done.get(key);
		if (hit) {
			if (hit.expiresAtMs > this.clock.now()) return { state: 'replay', response: hit };
			this.done.delete(key);
		}
		if (this.inFlight.has(key)) return { state: 'processing' };
		this.inFlight.add(key);
		return { state: 'new' };
	}

	complete(key: string, status: number, body: string | undefined, requestId: string): void {
		this.inFlight.delete(key);
		const now = this.clock.now();
		this.done.set(key, { status, body, requestId, expiresAtMs: now + IDEMPOTENCY_TTL_MS });
		if (++this.inserts % 1000 === 0) this.prune(now);
	}

	/** The request never reached the backend (e.g. a fault before the write): forget it. */
	abandon(key: string): void {
		this.inFlight.delete(key);
	}

	private prune(now: number): void {
		for (const [k, v] of this.done) if (v.expiresAtMs <= now) this.done.delete(k);
	}

	get size(): number {
		return this.done.size;
	}

	snapshot(): Array<[string, StoredResponse]> {
		const now = this.clock.now();
		return Array.from(this.done.entries()).filter(([, v]) => v.expiresAtMs > now);
	}

	restore(entries: Array<[string, StoredResponse]>): void {
		this.done.clear();
		this.inFlight.clear();
		for (const [k, v] of entries)
			this.done.set(k, { ...v, requestId: v.requestId ?? requestIdOf(v.body) });
	}
}

/** State files written before request ids were stored: take the error body's `requestid`, else a new one. */
function requestIdOf(body: string | undefined): string {
	try {
		const parsed: unknown = JSON.parse(body ?? '');
		const id = (parsed as { requestid?: unknown } | null)?.requestid;
		if (typeof id === 'string' && id) return id;
	} catch {
		// an empty or non-error body carries no request id
	}
	return randomUUID().toUpperCase();
}
