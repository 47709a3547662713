/* eslint-disable @n8n/community-nodes/require-node-api-error */
/**
 * Fault injection rules. A rule matches requests by `route` (a glob or regex on `"METHOD /path"`, a path
 * glob, or a DingTalk action name such as `AddMeetingRooms`), fires by `probability` (seeded PRNG, so runs
 * are reproducible) or `everyNth`, at most `count` times, and answers with `kind`. With `after: true` the
 * request is processed first (the write is applied) and the fault replaces the answer: the ambiguous case a
 * client must reconcile.
 */

export const FAULT_KINDS = [
	'http500',
	'http502',
	'http503',
	'qps403',
	'reset',
	'hang',
	'htmlBan',
	'idempotencyProcessing',
	'slow',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
	/** `"POST /v1.0/calendar/*\/meetingRooms"` (glob, `*` spans segments), `"^POST .*batchRemove$"` or
	 * `"re:..."` (regex), `"/v1.0/rooms/*"` (any method) or an action name (`"AddMeetingRooms"`). Omitted = every /v1.0 route. */
	route?: string;
	/** Chance (0–1) that a matching request is hit; default 1. */
	probability?: number;
	/** Hit every Nth matching request (1 = every one); takes precedence over `probability`. */
	everyNth?: number;
	/** Stop after this many hits (default: unlimited). */
	count?: number;
	/** PRNG seed for `probability` (default: the rule's index + 1). */
	seed?: number;
	kind: FaultKind;
	/** Process the request (apply the write), then answer with the fault. */
	after?: boolean;
	/** `slow`: extra delay (default 2000 ms). `hang`: reset the connection after this long (default: never answer). */
	delayMs?: number;
}

export class FaultRuleError extends Error {}

interface CompiledRule {
	rule: FaultRule;
	match: (method: string, path: string, action: string) => boolean;
	rng: () => number;
	seen: number;
	fired: number;
}

/** mulberry32: tiny, fast, good enough for reproducible fault schedules. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function globToRegExp(glob: string): RegExp {
	const body = glob
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${body}$`);
}

function compileMatcher(route: string | undefined): CompiledRule['match'] {
	if (route === undefined || route === '' || route === '*') return () => true;
	let re: RegExp;
	if (route.startsWith('re:') || route.startsWith('^')) {
		try {
			re = new RegExp(route.startsWith('re:') ? route.slice(3) : route);
		} catch (e) {
			throw new FaultRuleError(
				`route ${JSON.stringify(route)} is not a valid regex: ${(e as Error).message}`,
			);
		}
		return (method, path, action) => re.test(`${method} ${path}`) || re.test(action);
	}
	if (/^[A-Za-z]+$/.test(route)) return (_m, _p, action) => action === route;
	re = globToRegExp(route);
	if (route.startsWith('/')) return (_m, path) => re.test(path);
	return (method, path) => re.test(`${method} ${path}`);
}

function validateRule(input: unknown, i: number): FaultRule {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new FaultRuleError(`faults[${i}] must be an object`);
	}
	const r = input as Record<string, unknown>;
	const fail = (msg: string): never => {
		throw new FaultRuleError(`faults[${i}]: ${msg}`);
	};
	if (!FAULT_KINDS.includes(r.kind as FaultKind))
		fail(`kind must be one of ${FAULT_KINDS.join(', ')}`);
	if (r.route !== undefined && typeof r.route !== 'string') fail('route must be a string');
	const num = (k: string, ok: (n: number) => boolean, what: string): void => {
		if (r[k] !== undefined && (typeof r[k] !== 'number' || !ok(r[k] as number)))
			fail(`${k} must be ${what}`);
	};
	num('probability', (n) => n >= 0 && n <= 1, 'a number between 0 and 1');
	num('everyNth', (n) => Number.isInteger(n) && n >= 1, 'an integer >= 1');
	num('count', (n) => Number.isInteger(n) && n >= 0, 'an integer >= 0');
	num('seed', (n) => Number.isFinite(n), 'a number');
	num('delayMs', (n) => n >= 0 && n <= 600_000, 'a number of milliseconds (0–600000)');
	if (r.after !== undefined && typeof r.after !== 'boolean') fail('after must be a boolean');
	return r as unknown as FaultRule;
}

export class FaultEngine {
	private compiled: CompiledRule[] = [];
	injected = 0;

	/** Replace the rule list (validates everything first; throws FaultRuleError). */
	setRules(rules: unknown): void {
		if (!Array.isArray(rules)) throw new FaultRuleError('faults must be an array');
		const valid = rules.map(validateRule);
		this.compiled = valid.map((rule, i) => ({
			rule,
			match: compileMatcher(rule.route),
			rng: mulberry32(rule.seed ?? i + 1),
			seen: 0,
			fired: 0,
		}));
	}

	get rules(): Array<FaultRule & { matched: number; fired: number }> {
		return this.compiled.map((c) => ({ ...c.rule, matched: c.seen, fired: c.fired }));
	}

	get active(): boolean {
		return this.compiled.length > 0;
	}

	/** The first rule that fires for this request, if any. */
	decide(method: string, path: string, action: string): FaultRule | undefined {
		for (const c of this.compiled) {
			if (c.rule.count !== undefined && c.fired >= c.rule.count) continue;
			if (!c.match(method, path, action)) continue;
			c.seen++;
			let fire: boolean;
			if (c.rule.everyNth !== undefined) fire = c.seen % c.rule.everyNth === 0;
			else fire = c.rng() < (c.rule.probability ?? 1);
			if (fire) {
				c.fired++;
				this.injected++;
				return c.rule;
			}
		}
		return undefined;
	}

	reset(): void {
		this.compiled = [];
		this.injected = 0;
	}
}
