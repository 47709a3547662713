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
 */
interface Schedule {
	/** Start times of the last `capacity` calls, oldest first. */
	starts: number[];
	lastUsed: number;
}

const schedules = new Map<string, Schedule>();

/** Added to the window: what the way to DingTalk may shift one call against another. */
export const JITTER_MARGIN_MS = 40;

/** Schedules unused for this long are dropped, so the map does not grow with every app ever seen. */
const FORGET_AFTER_MS = 60_000;

/** Waits until this call may start; returns how long it waited. */
export async function waitForSlot(key: string, callsPerSecond: number): Promise<number> {
	if (!(callsPerSecond > 0)) return 0;
	const now = Date.now();
	const capacity = Math.max(1, Math.floor(callsPerSecond));
	const windowMs = (1000 * capacity) / callsPerSecond + JITTER_MARGIN_MS;
	let schedule = schedules.get(key);
	if (!schedule) {
		if (schedules.size > 1000) forgetIdle(now);
		schedule = { starts: [], lastUsed: now };
		schedules.set(key, schedule);
	}
	const previous = schedule.starts.length >= capacity ? schedule.starts[schedule.starts.length - capacity] : -Infinity;
	const latest = schedule.starts.length ? schedule.starts[schedule.starts.length - 1] : -Infinity;
	const start = Math.max(now, previous + windowMs, latest);
	schedule.starts.push(start);
	if (schedule.starts.length > capacity) schedule.starts.splice(0, schedule.starts.length - capacity);
	schedule.lastUsed = start;
	const wait = start - now;
	if (wait > 0) {
		await sleep(wait);
		// A busy event loop wakes us late: what counts at DingTalk is when the call really starts, so the
		// calls a quota later are measured from that.
		const actual = Date.now();
		const index = schedule.starts.lastIndexOf(start);
		if (actual > start && index >= 0) schedule.starts[index] = actual;
	}
	return wait;
}

/** DingTalk said the quota is used up: nobody on this key starts before `until`. */
export function pushBack(key: string, until: number): void {
	const schedule = schedules.get(key);
	if (!schedule) return;
	schedule.starts = schedule.starts.map((start) => Math.max(start, until - 1000));
	schedule.starts.push(until);
}

function forgetIdle(now: number): void {
	for (const [key, schedule] of schedules) {
		if (schedule.lastUsed < now - FORGET_AFTER_MS) schedules.delete(key);
	}
}
