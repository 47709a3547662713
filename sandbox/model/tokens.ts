/**
 * Access tokens (reference §2.2, §3): 32 hex characters, 7200 s of sandbox time (`ttlSeconds`, settable
 * through `POST /__sandbox/config {tokenTtlSeconds}`; it applies to tokens issued or renewed afterwards).
 * Internal app: the same token is returned while it is valid, and its expiry is extended
 * (doc: "有效期内重复获取会返回相同结果并自动续期"). Corp token (third party): every call mints a new
 * token (doc: "有效期内重复获取会返回新的accessToken"); earlier tokens stay valid until they expire.
 */
import { randomBytes } from 'node:crypto';

import { dingError } from '../errors';
import type { SandboxClock } from './clock';
import { appId, type AuthContext, type SandboxSeed, type SeedApp, type TokenRecord } from './types';
import { isObject, optString } from './validate';

export const TOKEN_TTL_SECONDS = 7200;

export interface TokenGrant {
	accessToken: string;
	expireIn: number;
	/** True when a new token was minted (false: the cached internal-app token was returned). */
	minted: boolean;
}

export class TokenStore {
	private readonly apps = new Map<string, SeedApp>();
	private readonly byToken = new Map<string, TokenRecord>();
	private readonly internalCurrent = new Map<string, string>();
	issued = 0;
	/** Lifetime of tokens issued or renewed from now on; answered as `expireIn`. */
	ttlSeconds = TOKEN_TTL_SECONDS;

	constructor(
		seed: SandboxSeed,
		private readonly clock: SandboxClock,
	) {
		for (const app of seed.apps) this.apps.set(appId(app), app);
	}

	private mint(app: SeedApp, corpId: string): TokenRecord {
		const now = this.clock.now();
		const rec: TokenRecord = {
			token: randomBytes(16).toString('hex'),
			appId: appId(app),
			corpId,
			issuedAtMs: now,
			expiresAtMs: now + this.ttlSeconds * 1000,
			revoked: false,
		};
		this.byToken.set(rec.token, rec);
		this.issued++;
		this.prune(now);
		return rec;
	}

	private valid(rec: TokenRecord | undefined, now: number): rec is TokenRecord {
		return !!rec && !rec.revoked && rec.expiresAtMs > now;
	}

	/** POST /v1.0/oauth2/accessToken */
	accessToken(body: unknown): TokenGrant {
		if (!isObject(body)) throw dingError('missingBody');
		const appKey = optString(body, 'appKey');
		const appSecret = optString(body, 'appSecret');
		const app = appKey ? this.apps.get(appKey) : undefined;
		if (!app || app.type !== 'internal' || app.appSecret !== appSecret)
			throw dingError('invalidClientIdOrSecret');
		const now = this.clock.now();
		const current = this.byToken.get(this.internalCurrent.get(app.appKey) ?? '');
		if (this.valid(current, now)) {
			current.expiresAtMs = now + this.ttlSeconds * 1000;
			return { accessToken: current.token, expireIn: this.ttlSeconds, minted: false };
		}
		const rec = this.mint(app, app.corpId);
		this.internalCurrent.set(app.appKey, rec.token);
		return { accessToken: rec.token, expireIn: this.ttlSeconds, minted: true };
	}

	/** POST /v1.0/oauth2/corpAccessToken */
	corpAccessToken(body: unknown): TokenGrant {
		if (!isObject(body)) throw dingError('missingBody');
		const suiteKey = optString(body, 'suiteKey');
		const suiteSecret = optString(body, 'suiteSecret');
		const authCorpId = optString(body, 'authCorpId');
		const suiteTicket = optString(body, 'suiteTicket');
		const app = suiteKey ? this.apps.get(suiteKey) : undefined;
		if (!app || app.type !== 'thirdParty') throw dingError('invalidSuiteKey');
		if (app.suiteSecret !== suiteSecret) throw dingError('invalidClientIdOrSecret');
		if (app.suiteTicket !== suiteTicket) throw dingError('invalidSuiteTicket');
		if (!authCorpId || authCorpId !== app.corpId) throw dingError('invalidAuthInfo');
		const rec = this.mint(app, authCorpId);
		return { accessToken: rec.token, expireIn: this.ttlSeconds, minted: true };
	}

	/** Resolve the `x-acs-dingtalk-access-token` header. */
	authenticate(header: string | string[] | undefined): AuthContext {
		const token = Array.isArray(header) ? header[0] : header;
		if (token === undefined || token === '') throw dingError('missingAccessToken');
		const rec = this.byToken.get(token);
		if (!this.valid(rec, this.clock.now())) throw dingError('invalidAuthentication');
		const app = this.apps.get(rec.appId);
		if (!app) throw dingError('invalidAuthentication');
		return {
			appId: rec.appId,
			appType: app.type,
			corpId: rec.corpId,
			permissions: app.permissions,
		};
	}

	/** The app behind a header if its token is valid now; never throws (fault answers pick a code by it). */
	peek(header: string | string[] | undefined): AuthContext | undefined {
		try {
			return this.authenticate(header);
		} catch {
			return undefined;
		}
	}

	/** Control API: expire one token (or all); returns how many were affected. */
	expire(token?: string): number {
		const now = this.clock.now();
		let n = 0;
		for (const rec of this.byToken.values()) {
			if ((token === undefined || rec.token === token) && rec.expiresAtMs > now) {
				rec.expiresAtMs = now;
				n++;
			}
		}
		return n;
	}

	/** Control API: revoke one token (or all); returns how many were affected. */
	revoke(token?: string): number {
		let n = 0;
		for (const rec of this.byToken.values()) {
			if ((token === undefined || rec.token === token) && !rec.revoked) {
				rec.revoked = true;
				n++;
			}
		}
		return n;
	}

	/** Forget tokens that expired more than a day ago (bounded memory under long benchmarks). */
	private prune(now: number): void {
		if (this.byToken.size < 10_000) return;
		for (const [token, rec] of this.byToken) {
			if (rec.expiresAtMs < now - 86_400_000 || rec.revoked) this.byToken.delete(token);
		}
	}

	snapshot(): TokenRecord[] {
		return Array.from(this.byToken.values(), (r) => ({ ...r }));
	}

	restore(records: TokenRecord[]): void {
		this.byToken.clear();
		this.internalCurrent.clear();
		for (const r of records) {
			this.byToken.set(r.token, { ...r });
			const app = this.apps.get(r.appId);
			if (app?.type === 'internal') {
				const cur = this.byToken.get(this.internalCurrent.get(r.appId) ?? '');
				if (!cur || cur.issuedAtMs <= r.issuedAtMs) this.internalCurrent.set(r.appId, r.token);
			}
		}
	}
}
