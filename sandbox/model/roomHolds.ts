/**
 * Which events hold which room: the per-org index (`roomHolders`) of confirmed events holding a room
 * `accepted` or `tentative`, and the conflict check every booking, approval and time change runs on it.
 */
import type { Org } from './orgs';
import { seriesOverlap, type SeriesTiming } from './recurrence';
import type { EventRecord } from './types';

/** Room response states that keep a room busy. */
export const HELD: ReadonlySet<string> = new Set(['accepted', 'tentative']);

export function seriesTiming(ev: EventRecord): SeriesTiming {
	return {
		startMs: ev.startMs,
		endMs: ev.endMs,
		isAllDay: ev.isAllDay,
		timeZone: ev.timeZone,
		recurrence: ev.recurrence,
	};
}

export function hold(org: Org, eventId: string, roomId: string): void {
	let set = org.roomHolders.get(roomId);
	if (!set) {
		set = new Set();
		org.roomHolders.set(roomId, set);
	}
	set.add(eventId);
}

export function release(org: Org, eventId: string, roomId: string): void {
	org.roomHolders.get(roomId)?.delete(eventId);
}

/** Rebuild the index from the events (after a state file is loaded). */
export function reindex(org: Org): void {
	org.roomHolders.clear();
	for (const ev of org.events.values()) {
		if (ev.status !== 'confirmed') continue;
		for (const r of ev.meetingRooms) if (HELD.has(r.responseStatus)) hold(org, ev.id, r.roomId);
	}
}

/** Another confirmed event holding `roomId` (accepted or tentative) that overlaps `timing`. */
export function findConflict(
	org: Org,
	ev: EventRecord,
	roomId: string,
	timing: SeriesTiming = seriesTiming(ev),
): EventRecord | undefined {
	const holders = org.roomHolders.get(roomId);
	if (!holders) return undefined;
	for (const id of holders) {
		if (id === ev.id) continue;
		const other = org.events.get(id);
		if (!other || other.status !== 'confirmed') continue;
		if (seriesOverlap(timing, seriesTiming(other))) return other;
	}
	return undefined;
}
