import { sleep } from 'n8n-workflow';

/**
 * Paces calls to DingTalk's per-app, per-API quota (about 20 calls per second on the standard edition;
 * the excess is answered with HTTP 403 Forbidden.AccessDenied.QpsLimitForAppkeyAndApi).
 *
 * A sliding window: a call may start only when the call `capacity` places before it started at least a
 * window (one second, plus a margin for jitter on the way) earlier. Then no second, however it is
 * aligned, sees more calls than the quota, and the quota is used fully: a fixed spacing of 1/rate would
 * lose throughput whenever the event loop delays a call, and an exact one-second window would let
 * network jitter push a 21st call into DingTalk's second.
 *
 * One schedule per (app, API) key, kept at module level so that every execution of the node in this n8n
 * process shares it, as they share the quota at DingTalk. Start times are handed out in call order
 * (first come, first served) and waited for with sleep from n8n-workflow: nodes may not use timers.
 *
 * Several n8n processes (queue mode: one per worker) cannot share a schedule: a verified community node
 * has no Redis and no shared memory. So each process finds its share of the quota from DingTalk's own
 * answers (AIMD, as TCP does): a rate limit lowers this process's rate for that app and API
 * (multiplicative decrease), calls that go through raise it slowly again (additive increase), never
 * above the node's Calls per Second, which thus is a per-process ceiling. A process alone never meets a
 * rate limit and stays at the ceiling.
 */
interface Schedule {
	/** Start times of the last calls (at most the ceiling's capacity), oldest first. */
	starts: number[];
	lastUsed: number;
	/** This process's current rate for the key, in calls per second; at most the ceiling. */
	rate: number;
	/** When the rate was last lowered: rate limits of calls sent soon after are the same congestion. */
	lastDecrease: number;
	/** Start times of the calls DingTalk took within about the last second, oldest first. */
	accepted: number[];
}

/** A call's place in the schedule. */
export interface Slot {
	key: string;
	/** When the call may (and is taken to) reach DingTalk. */
	start: number;
	/** How long the caller waited for it, in ms. */
	waitedMs: number;
}

const schedules = new Map<string, Schedule>();

/** Added to the window: what the way to DingTalk may shift one call against another. */
export const JITTER_MARGIN_MS = 40;

/**
 * A rate limit multiplies the rate by this. The first one a schedule meets lowers it further, to what
 * DingTalk took from this process in the last second (its share of the second that was full), but not
 * below a third: when several processes start at once, each comes close to its share at once instead of
 * after several seconds of rate limits.
 */
export const DECREASE_FACTOR = 0.7;
const DEEPEST_DECREASE = 1 / 3;

/**
 * Additive increase, in calls per second gained per second of calls going through: slow for two seconds
 * after a rate limit, where the shared quota was just found (few rate limits while processes share it),
 * then growing with the time since, so that a process whose neighbours stopped is back at its ceiling in
 * a few seconds (from a third of it in about seven).
 */
const INCREASE_AT_FIRST = 0.2;
const INCREASE_GROWTH_PER_SECOND = 1.0;
/** Seconds after a rate limit before the increase starts to grow. */
const INCREASE_GROWTH_AFTER = 2;

/** The rate never falls below this share of the ceiling (nor below one call in ten seconds). */
const MIN_SHARE = 0.05;

/**
 * After a decrease, rate limits of calls sent within this long count as the same congestion: DingTalk's
 * second that was full stays full until it ends, whatever this process does meanwhile.
 */
const DECREASE_HOLD_MS = 1000;

/** Schedules unused for this long are dropped, so the map does not grow with every app ever seen. */
const FORGET_AFTER_MS = 60_000;

let adaptive = true;

/**
 * Turns the adaptation off (every process paces at the ceiling) or on again. Not a user option: the
 * bench uses it to show what adaptation gains with several processes.
 */
export function setAdaptivePacing(enabled: boolean): void {
	adaptive = enabled;
}

function scheduleFor(key: string, ceiling: number, now: number): Schedule {
	let schedule = schedules.get(key);
	if (!schedule) {
		if (schedules.size > 1000) forgetIdle(now);
		schedule = { starts: [], lastUsed: now, rate: ceiling, lastDecrease: -Infinity, accepted: [] };
		schedules.set(key, schedule);
	}
	return schedule;
}

/** The rate this process paces the key at now. */
export function currentRate(key: string, ceiling: number): number {
	const schedule = schedules.get(key);
	if (!schedule || !adaptive) return ceiling;
	return Math.min(schedule.rate, ceiling);
}

/** Waits until this call may start; returns its slot (the caller reports the answer with it). */
export async function waitForSlot(key: string, callsPerSecond: number): Promise<Slot> {
	const now = Date.now();
	if (!(callsPerSecond > 0)) return { key, start: now, waitedMs: 0 };
	const schedule = scheduleFor(key, callsPerSecond, now);
	const rate = adaptive ? Math.min(schedule.rate, callsPerSecond) : callsPerSecond;
	const capacity = Math.max(1, Math.floor(rate));
	const windowMs = (1000 * capacity) / rate + JITTER_MARGIN_MS;
	const previous =
		schedule.starts.length >= capacity
			? schedule.starts[schedule.starts.length - capacity]
			: -Infinity;
	const latest = schedule.starts.length ? schedule.starts[schedule.starts.length - 1] : -Infinity;
	const start = Math.max(now, previous + windowMs, latest);
	schedule.starts.push(start);
	// Kept for the ceiling, not the current rate: when the rate climbs back, the older starts still count.
	const keep = Math.max(1, Math.floor(callsPerSecond));
	if (schedule.starts.length > keep) schedule.starts.splice(0, schedule.starts.length - keep);
	schedule.lastUsed = start;
	const slot: Slot = { key, start, waitedMs: start - now };
	if (slot.waitedMs > 0) {
		await sleep(slot.waitedMs);
		// A busy event loop wakes us late: what counts at DingTalk is when the call really starts, so the
		// calls a quota later are measured from that.
		startedAt(slot, Date.now());
	}
	return slot;
}

/**
 * The call reached DingTalk later than its slot said (it waited for a token, or fetched one first):
 * the calls a quota later are measured from when it really went. Calls that reach DingTalk later than
 * the schedule believes bunch with the calls after them; one second at DingTalk would then see more than
 * the quota.
 */
export function startedAt(slot: Slot, actual: number): void {
	if (actual <= slot.start) return;
	const schedule = schedules.get(slot.key);
	if (!schedule) return;
	const index = schedule.starts.lastIndexOf(slot.start);
	if (index < 0) return;
	schedule.starts[index] = actual;
	schedule.starts.sort((a, b) => a - b);
	slot.start = actual;
}

/** DingTalk took the call (whatever its answer, it was not a rate limit): additive increase. */
export function noteAccepted(slot: Slot, ceiling: number): void {
	const schedule = schedules.get(slot.key);
	if (!schedule || !adaptive || !(ceiling > 0)) return;
	const now = Date.now();
	schedule.accepted.push(slot.start);
	while (schedule.accepted.length && schedule.accepted[0] < now - 1000) schedule.accepted.shift();
	const rate = Math.min(schedule.rate, ceiling);
	if (rate >= ceiling) return;
	const sinceDecrease = Math.max(0, now - schedule.lastDecrease) / 1000;
	const perSecond =
		INCREASE_AT_FIRST +
		INCREASE_GROWTH_PER_SECOND * Math.max(0, sinceDecrease - INCREASE_GROWTH_AFTER);
	schedule.rate = Math.min(ceiling, rate + perSecond / Math.max(rate, 1));
}

/** DingTalk answered the call with a rate limit: multiplicative decrease, once per full second at DingTalk. */
export function noteRateLimited(slot: Slot, ceiling: number): void {
	const schedule = schedules.get(slot.key);
	if (!schedule || !adaptive || !(ceiling > 0)) return;
	if (slot.start < schedule.lastDecrease + DECREASE_HOLD_MS) return;
	const now = Date.now();
	const rate = Math.min(schedule.rate, ceiling);
	const tookLastSecond = schedule.accepted.filter((start) => start >= now - 1000).length;
	const first = schedule.lastDecrease === -Infinity;
	const target = first
		? Math.max(rate * DEEPEST_DECREASE, Math.min(rate * DECREASE_FACTOR, tookLastSecond))
		: rate * DECREASE_FACTOR;
	schedule.rate = Math.max(0.1, ceiling * MIN_SHARE, target);
	schedule.lastDecrease = now;
}

function forgetIdle(now: number): void {
	for (const [key, schedule] of schedules) {
		if (schedule.lastUsed < now - FORGET_AFTER_MS) schedules.delete(key);
	}
}
