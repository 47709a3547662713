import { sleep } from 'n8n-workflow';

/**
 * Paces calls to DingTalk's per-app, per-API quota (about 20 calls per second on the standard edition;
 * the excess is answered with HTTP 403 Forbidden.AccessDenied.QpsLimitForAppkeyAndApi).
 *
 * One schedule per (app, API) key, kept at module level so that every execution of the node in this n8n
 * process shares it: two workflows booking rooms at once share one quota, as they do at DingTalk.
 * Each call is given the next free slot, 1/rate seconds after the previous one, and sleeps until then
 * (sleep from n8n-workflow: nodes may not use timers). Slots are handed out in call order, so waiting
 * calls are served first come, first served.
 */
const nextFreeSlot = new Map<string, number>();

/** Keys unused for this long are dropped, so the map does not grow with every app ever seen. */
const FORGET_AFTER_MS = 60_000;

export async function waitForSlot(key: string, callsPerSecond: number): Promise<number> {
	if (!(callsPerSecond > 0)) return 0;
	const now = Date.now();
	const interval = 1000 / callsPerSecond;
	const slot = Math.max(now, nextFreeSlot.get(key) ?? 0);
	nextFreeSlot.set(key, slot + interval);
	if (nextFreeSlot.size > 1000) forgetIdle(now);
	const wait = slot - now;
	if (wait > 0) await sleep(wait);
	return wait;
}

/** After DingTalk said the quota is exhausted, nobody on this key starts before `until`. */
export function pushBack(key: string, until: number): void {
	nextFreeSlot.set(key, Math.max(nextFreeSlot.get(key) ?? 0, until));
}

function forgetIdle(now: number): void {
	for (const [key, slot] of nextFreeSlot) {
		if (slot < now - FORGET_AFTER_MS) nextFreeSlot.delete(key);
	}
}
