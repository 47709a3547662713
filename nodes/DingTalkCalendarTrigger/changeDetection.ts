import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import type { RoomChange, RoomStatus, TriggerItem } from './emittedItem';
import { roomsOf } from './eventFilters';
import {
	MAX_ROOM_NAME,
	MAX_STARTING_KEYS,
	MAX_WATCHED_EVENTS,
	MAX_WATERMARK_IDS,
	type RoomMark,
	type Watermark,
} from './pollState';

const timeMs = (value: unknown): number | undefined => {
	if (typeof value !== 'string' || !value) return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
};

/** When an event starts: its dateTime, or for an all-day event 00:00 of its date in `zone`. */
export function eventStartMs(event: IDataObject, zone: string): number | undefined {
	const start = (event.start ?? {}) as IDataObject;
	if (typeof start.dateTime === 'string' && start.dateTime) return timeMs(start.dateTime);
	if (typeof start.date === 'string' && start.date) {
		const day = DateTime.fromISO(start.date, { zone });
		return day.isValid ? day.toMillis() : undefined;
	}
	return undefined;
}

const eventId = (event: IDataObject): string => String(event.id ?? '');

const isCancelled = (event: IDataObject): boolean => event.status === 'cancelled';

/**
 * Names each event of a sync-token answer (events changed since the last poll) created, updated or
 * cancelled. An event is new when DingTalk created it after everything seen so far: its createTime is
 * later than the watermark (the latest create/update time seen), or in the watermark's very second
 * without having been seen then (DingTalk's times are whole seconds). Whatever came before is an update:
 * it existed at the last poll. Returns the watermark to keep after these events.
 *
 * Times more than a day ahead of n8n's clock (`nowMs`) cannot be real create or update times (a clock
 * gone wrong, a test calendar): they neither make an event new nor move the watermark.
 */
export function classifyChanges(
	changed: IDataObject[],
	watermark: Watermark,
	nowMs: number,
): { items: TriggerItem[]; watermark: Watermark } {
	// One item per event: DingTalk should list each once, but the latest copy wins if it does not.
	const latest = new Map<string, IDataObject>();
	for (const event of changed) if (eventId(event)) latest.set(eventId(event), event);
	const items: TriggerItem[] = [];
	for (const event of latest.values()) {
		const change = isCancelled(event)
			? 'cancelled'
			: createdAfter(event, watermark, nowMs)
				? 'created'
				: 'updated';
		items.push({ change, event });
	}
	return { items, watermark: advanceWatermark(watermark, [...latest.values()], nowMs) };
}

/** Whether DingTalk created the event after everything the watermark covers (see classifyChanges). */
export function createdAfter(event: IDataObject, watermark: Watermark, nowMs: number): boolean {
	const created = plausible(timeMs(event.createTime), nowMs) ?? 0;
	return (
		created > watermark.ms ||
		(created === watermark.ms && created > 0 && !watermark.ids.includes(eventId(event)))
	);
}

/** DingTalk and n8n clocks may differ a little; a day is more than any real skew. */
const MAX_CLOCK_SKEW = 24 * 60 * 60_000;

const plausible = (ms: number | undefined, nowMs: number): number | undefined =>
	ms !== undefined && ms <= nowMs + MAX_CLOCK_SKEW ? ms : undefined;

/** The watermark after seeing `events`: the latest create/update time, and who was created in that second. */
export function advanceWatermark(
	watermark: Watermark,
	events: IDataObject[],
	nowMs: number,
): Watermark {
	let ms = watermark.ms;
	for (const event of events) {
		ms = Math.max(
			ms,
			plausible(timeMs(event.createTime), nowMs) ?? 0,
			plausible(timeMs(event.updateTime), nowMs) ?? 0,
		);
	}
	const ids = new Set(ms === watermark.ms ? watermark.ids : []);
	for (const event of events)
		if (timeMs(event.createTime) === ms && eventId(event)) ids.add(eventId(event));
	return { ms, ids: [...ids].slice(-MAX_WATERMARK_IDS) };
}

function currentRooms(event: IDataObject): RoomMark[] {
	const marks: RoomMark[] = [];
	for (const room of roomsOf(event)) {
		const status = room.responseStatus;
		if (
			typeof room.roomId !== 'string' ||
			(status !== 'accepted' && status !== 'tentative' && status !== 'declined')
		)
			continue;
		marks.push([room.roomId, status, String(room.displayName ?? '').slice(0, MAX_ROOM_NAME)]);
	}
	return marks;
}

/**
 * Room Booking Changed: compares the rooms of each upcoming event (`upcoming`, by start) with the
 * statuses kept from the last poll, one item per room whose status changed, old → new (`removed` when
 * it left the event, previous `null` when it is new on the event). Statuses are compared, not update
 * times: DingTalk may not touch an event when an approver acts. Every upcoming event is kept (those
 * without rooms too, so a room added later shows), at most MAX_WATCHED_EVENTS, the soonest. An event
 * not kept at the last poll counts only if it is new (`isNew`: created since): one that came into the
 * horizon as time went on, or beyond the cap, is recorded silently. `previous` undefined (first poll, or
 * the option just turned on) records only.
 */
export function diffRooms(
	upcoming: IDataObject[],
	previous: Record<string, RoomMark[]> | undefined,
	isNew: (event: IDataObject) => boolean,
): { items: TriggerItem[]; rooms: Record<string, RoomMark[]> } {
	const items: TriggerItem[] = [];
	const rooms: Record<string, RoomMark[]> = {};
	let watched = 0;
	for (const event of upcoming) {
		const id = eventId(event);
		if (!id || isCancelled(event) || id in rooms) continue;
		const now = currentRooms(event);
		const before = previous?.[id] ?? (previous && isNew(event) ? [] : undefined);
		if (before) {
			const statusNow = new Map(now.map(([roomId, status]) => [roomId, status]));
			const seen = new Set<string>();
			for (const [roomId, previousStatus, roomName] of before) {
				seen.add(roomId);
				const status: RoomStatus = statusNow.get(roomId) ?? 'removed';
				if (status !== previousStatus) {
					const name = now.find((mark) => mark[0] === roomId)?.[2] ?? roomName;
					items.push(roomItem(event, { roomId, roomName: name, previousStatus, status }));
				}
			}
			for (const [roomId, status, roomName] of now) {
				if (!seen.has(roomId))
					items.push(roomItem(event, { roomId, roomName, previousStatus: null, status }));
			}
		}
		if (watched < MAX_WATCHED_EVENTS) {
			rooms[id] = now;
			watched++;
		}
	}
	return { items, rooms };
}

function roomItem(event: IDataObject, room: RoomChange): TriggerItem {
	return { change: 'roomStatusChanged', event, room };
}

/**
 * Event Starting: events of `window` that start between `from` and `to` and were not reported yet
 * (`sent`, keyed by id and start, so an event moved to a new time is reported again). Returns the keys
 * to keep: the starts at or after `keepFrom` (the next poll looks no earlier), at most MAX_STARTING_KEYS.
 */
export function findStarting(
	window: IDataObject[],
	range: { from: number; to: number; keepFrom: number },
	sent: string[],
	zone: string,
): { items: TriggerItem[]; sent: string[] } {
	const known = new Set(sent);
	const items: TriggerItem[] = [];
	for (const event of window) {
		const start = eventStartMs(event, zone);
		if (start === undefined || isCancelled(event) || start < range.from || start > range.to)
			continue;
		const key = `${eventId(event)}@${start}`;
		if (known.has(key)) continue;
		known.add(key);
		items.push({ change: 'starting', event });
	}
	const keep = [...known].filter(
		(key) => Number(key.slice(key.lastIndexOf('@') + 1)) >= range.keepFrom,
	);
	return { items, sent: keep.slice(-MAX_STARTING_KEYS) };
}
