/**
 * Everything one running sandbox holds: the seed, the clock, the model, the idempotency cache, the QPS
 * limiter, fault rules, statistics and runtime config. `reset()` rebuilds all of it.
 */
import { FaultEngine } from './gateway/faults';
import { IdempotencyCache, type StoredResponse } from './gateway/idempotency';
import { RateLimiter } from './gateway/rateLimit';
import { Stats } from './gateway/stats';
import { SandboxClock } from './model/clock';
import { DEFAULT_LIMITS, SandboxModel, type ModelLimits, type ModelSnapshot } from './model/model';
import { TOKEN_TTL_SECONDS } from './model/tokens';
import type { SandboxSeed } from './model/types';

export interface RuntimeConfig {
	/** Added to every /v1.0 request (not the control API). */
	latencyMs: number;
	/** Per-app, per-API QPS limit; `null` = off. */
	qps: number | null;
	limits: ModelLimits;
	/** Reject filter times without milliseconds (InvalidParameter.ParsedISO8601TimestampError). */
	strictTimestamps: boolean;
	/** Lifetime (`expireIn`) of access tokens issued or renewed from now on; DingTalk's is 7200. */
	tokenTtlSeconds: number;
}

export interface RuntimeDefaults {
	latencyMs: number;
	qps: number | null;
}

/** What `--state FILE` holds. */
export interface StateFile {
	format: 'dingtalk-sandbox-state';
	version: 1;
	savedAt: string;
	seed: SandboxSeed;
	clockOffsetMs: number;
	model: ModelSnapshot;
	idempotency: Array<[string, StoredResponse]>;
}

export class SandboxRuntime {
	seed: SandboxSeed;
	readonly clock = new SandboxClock();
	model: SandboxModel;
	idempotency: IdempotencyCache;
	readonly limiter: RateLimiter;
	readonly faults = new FaultEngine();
	stats = new Stats();
	config: RuntimeConfig;
	/** Called after any state change worth persisting. */
	onChange?: () => void;

	constructor(
		seed: SandboxSeed,
		private readonly defaults: RuntimeDefaults,
	) {
		this.seed = seed;
		this.model = this.newModel(seed, DEFAULT_LIMITS);
		this.idempotency = new IdempotencyCache(this.clock);
		this.config = {
			latencyMs: defaults.latencyMs,
			qps: defaults.qps,
			limits: { ...DEFAULT_LIMITS },
			strictTimestamps: false,
			tokenTtlSeconds: TOKEN_TTL_SECONDS,
		};
		this.limiter = new RateLimiter(defaults.qps);
	}

	private newModel(seed: SandboxSeed, limits: ModelLimits): SandboxModel {
		const model = new SandboxModel(seed, this.clock, limits);
		model.onChange = () => this.onChange?.();
		return model;
	}

	/** Reset state, config, faults, stats and clock; optionally switch to another seed (validated first). */
	reset(seed?: SandboxSeed): void {
		const next = seed ?? this.seed;
		this.clock.reset();
		const model = this.newModel(next, DEFAULT_LIMITS); // throws SeedError before anything changes
		this.seed = next;
		this.model = model;
		this.idempotency = new IdempotencyCache(this.clock);
		this.faults.reset();
		this.stats = new Stats();
		this.config = {
			latencyMs: this.defaults.latencyMs,
			qps: this.defaults.qps,
			limits: { ...DEFAULT_LIMITS },
			strictTimestamps: false,
			tokenTtlSeconds: TOKEN_TTL_SECONDS,
		};
		this.limiter.qps = this.defaults.qps;
		this.limiter.reset();
		this.onChange?.();
	}

	setQps(qps: number | null): void {
		this.config.qps = qps;
		this.limiter.qps = qps;
		this.limiter.reset();
	}

	setStrictTimestamps(on: boolean): void {
		this.config.strictTimestamps = on;
		this.model.strictTimestamps = on;
	}

	setTokenTtl(seconds: number): void {
		this.config.tokenTtlSeconds = seconds;
		this.model.tokens.ttlSeconds = seconds;
	}

	setLimits(limits: Partial<ModelLimits>): void {
		this.config.limits = { ...this.config.limits, ...limits };
		this.model.limits = this.config.limits;
	}

	toStateFile(): StateFile {
		return {
			format: 'dingtalk-sandbox-state',
			version: 1,
			savedAt: new Date().toISOString(),
			seed: this.seed,
			clockOffsetMs: this.clock.offsetMs,
			model: this.model.snapshot(),
			idempotency: this.idempotency.snapshot(),
		};
	}

	restoreState(state: StateFile): void {
		this.clock.offsetMs = state.clockOffsetMs;
		this.model.restore(state.model);
		this.idempotency.restore(state.idempotency);
	}
}
