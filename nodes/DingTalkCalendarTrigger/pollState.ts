import type { IDataObject } from 'n8n-workflow';

import type { RoomStatus } from './emittedItem';

/**
 * What the trigger keeps between polls, in the workflow's static data (per node). n8n keeps it in memory
 * while the workflow is active and writes it to its database when a poll emits items; it is written here
 * only as the last step of a poll that succeeded, so a poll that fails part-way leaves it as it was.
 *
 * Bounded whatever the number of events ever seen: one sync token, a watermark with at most
 * MAX_WATERMARK_IDS ids, room statuses of at most MAX_WATCHED_EVENTS upcoming events (at most 5 rooms each,
 * DingTalk's cap) and at most MAX_STARTING_KEYS reported starts: about 150 KB in the worst case (every
 * watched event with 5 rooms with long names), 24 KB measured after 10,000 events with a room each
 * (test/trigger/boundedState.test.ts), a few KB for a typical calendar.
 */
export const MAX_WATCHED_EVENTS = 200;
/** Room names are kept only to report a removed room; a long one is cut. */
export const MAX_ROOM_NAME = 40;
export const MAX_STARTING_KEYS = 500;
export const MAX_WATERMARK_IDS = 100;

/** A watched room: roomId, its status at the last poll, its name (to report it once removed). */
export type RoomMark = [roomId: string, status: Exclude<RoomStatus, 'removed'>, roomName: string];

export interface Watermark {
	/** The latest createTime or updateTime seen (ms, DingTalk's clock; DingTalk gives whole seconds). */
	ms: number;
	/** Ids of events seen that were created in that very second. */
	ids: string[];
}

export interface PollState {
	version: 1;
	/** `userId/calendarId` the state belongs to: another calendar starts from a new baseline. */
	calendar: string;
	/** DingTalk's ListEvents syncToken: changes since the last poll. */
	syncToken: string;
	watermark: Watermark;
	/** Room Booking Changed: eventId → its rooms at the last poll ([] for none), for upcoming events. Absent when off. */
	rooms?: Record<string, RoomMark[]>;
	/** Event Starting: the end of the window the last poll covered, and the starts it reported (`id@startMs`). */
	starting?: { through: number; sent: string[] };
}

const STATE_KEY = 'dingTalkCalendarTrigger';

const ROOM_STATUSES = ['accepted', 'tentative', 'declined'];

function isRoomMark(value: unknown): value is RoomMark {
	return (
		Array.isArray(value) &&
		value.length === 3 &&
		typeof value[0] === 'string' &&
		ROOM_STATUSES.includes(value[1] as string) &&
		typeof value[2] === 'string'
	);
}

/** The stored state for this calendar, or undefined (first poll, another calendar, or unreadable state). */
export function readState(staticData: IDataObject, calendar: string): PollState | undefined {
	const raw = staticData[STATE_KEY] as Partial<PollState> | undefined;
	if (!raw || typeof raw !== 'object' || raw.version !== 1 || raw.calendar !== calendar)
		return undefined;
	if (typeof raw.syncToken !== 'string' || !raw.syncToken) return undefined;
	const watermark = raw.watermark;
	if (!watermark || typeof watermark.ms !== 'number' || !Array.isArray(watermark.ids))
		return undefined;
	const state: PollState = {
		version: 1,
		calendar,
		syncToken: raw.syncToken,
		watermark: { ms: watermark.ms, ids: watermark.ids.filter((id) => typeof id === 'string') },
	};
	if (raw.rooms && typeof raw.rooms === 'object') {
		state.rooms = {};
		for (const [eventId, marks] of Object.entries(raw.rooms)) {
			if (Array.isArray(marks)) state.rooms[eventId] = marks.filter(isRoomMark);
		}
	}
	const starting = raw.starting;
	if (starting && typeof starting.through === 'number' && Array.isArray(starting.sent)) {
		state.starting = {
			through: starting.through,
			sent: starting.sent.filter((key) => typeof key === 'string'),
		};
	}
	return state;
}

/** Replaces the stored state: the commit at the end of a successful poll. */
export function writeState(staticData: IDataObject, state: PollState): void {
	staticData[STATE_KEY] = state as unknown as IDataObject;
}
