import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { DingTalkClient } from '../shared/transport/client';
import { isSyncTokenRefused, readBaseline, readChanges, readWindow } from './calendarReads';
import type { CalendarRef } from '../shared/transport/api/refs';
import {
	advanceWatermark,
	classifyChanges,
	createdAfter,
	diffRooms,
	eventStartMs,
	findStarting,
} from './changeDetection';
import { toExecutionData, type Change, type TriggerItem } from './emittedItem';
import { matchesFilters } from './eventFilters';
import { readState, writeState, type PollState, type RoomMark, type Watermark } from './pollState';
import { fetchTestEvent } from './testEvent';
import { readTriggerSettings, type TriggerEvent } from './triggerSettings';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The baseline lists events from a week back: they set the watermark that tells new events from old. */
const BASELINE_LOOKBACK = 7 * DAY;
/** After a gap in polling (n8n stopped, a long poll interval), starts up to this long ago are still reported. */
const MAX_LATE_START = 60 * MINUTE;

const SELECTED_BY: Record<Change, TriggerEvent> = {
	created: 'eventCreated',
	updated: 'eventUpdated',
	cancelled: 'eventCancelled',
	roomStatusChanged: 'roomBookingChanged',
	starting: 'eventStarting',
};

/**
 * One poll. In order: the changes since the last poll (ListEvents with the stored syncToken and
 * showDeleted, pages as needed); when Room Booking Changed or Event Starting is on, one listing of the
 * upcoming window (after the sync read: see diffRooms); then the state is written and the items returned. Nothing is written before every
 * call succeeded, so a failed poll is repeated whole by the next one: no change is lost or sent twice.
 *
 * The first poll (or the first for another calendar) lists the baseline and emits nothing. A sync token
 * DingTalk refuses (400) is replaced the same way: the changes in between are not reported (README).
 */
export async function pollCalendar(
	context: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const settings = readTriggerSettings(context);
	const client = new DingTalkClient(context);
	const calendar: CalendarRef = { userId: settings.userId, calendarId: settings.calendarId };
	if (context.getMode() === 'manual') {
		return [toExecutionData([await fetchTestEvent(context, client, settings)])];
	}

	const staticData = context.getWorkflowStaticData('node');
	const stored = readState(staticData, `${calendar.userId}/${calendar.calendarId}`);
	const zone = context.getTimezone();
	const now = Date.now();
	const items: TriggerItem[] = [];

	// 1. What changed since the last poll.
	// The client's errors are already NodeApiErrors that say what to do: all but a refused token go on up.
	const changes = stored
		? await readChanges(context, client, calendar, stored.syncToken).catch((error: unknown) => {
				if (isSyncTokenRefused(error)) return undefined;
				throw error;
			})
		: undefined;
	let syncToken: string;
	let watermark: Watermark;
	if (stored && changes) {
		const classified = classifyChanges(changes.events, stored.watermark, now);
		items.push(...classified.items);
		watermark = classified.watermark;
		syncToken = changes.syncToken;
	} else {
		const baseline = await readBaseline(context, client, calendar, now - BASELINE_LOOKBACK);
		syncToken = baseline.syncToken;
		watermark = advanceWatermark(stored?.watermark ?? { ms: 0, ids: [] }, baseline.events, now);
	}

	// 2. Upcoming events: room statuses and starts.
	const watchRooms = settings.events.has('roomBookingChanged');
	const watchStarting = settings.events.has('eventStarting');
	const horizonEnd = now + settings.roomHorizonDays * DAY;
	const startingTo = now + settings.minutesBefore * MINUTE;
	const startingFrom = stored?.starting
		? Math.max(Math.min(stored.starting.through, now), now - MAX_LATE_START)
		: now;
	let rooms: Record<string, RoomMark[]> | undefined;
	let starting: PollState['starting'];
	if (watchRooms || watchStarting) {
		const from = watchStarting ? startingFrom : now;
		const to = Math.max(watchRooms ? horizonEnd : 0, watchStarting ? startingTo : 0);
		const window = (await readWindow(context, client, calendar, from, to))
			.map((event) => ({ event, start: eventStartMs(event, zone) }))
			.filter((entry): entry is { event: IDataObject; start: number } => entry.start !== undefined)
			.sort((a, b) => a.start - b.start);
		if (watchRooms) {
			const upcoming = window
				.filter((entry) => entry.start >= now && entry.start <= horizonEnd)
				.map((entry) => entry.event);
			// New since the last poll: created after what the last poll had seen (the stored watermark). The
			// listing comes after the sync read, so an event created in between counts here, and as created next poll.
			const before = stored?.watermark;
			const diff = diffRooms(
				upcoming,
				stored?.rooms,
				(event) => !!before && createdAfter(event, before, now),
			);
			items.push(...diff.items);
			rooms = diff.rooms;
		}
		if (watchStarting) {
			const found = findStarting(
				window.map((entry) => entry.event),
				{ from: startingFrom, to: startingTo, keepFrom: now },
				stored?.starting?.sent ?? [],
				zone,
			);
			// Turned on just now: what is already in the window counts as seen.
			if (stored?.starting) items.push(...found.items);
			starting = { through: startingTo, sent: found.sent };
		}
	}

	// 3. Commit, then emit.
	const state: PollState = {
		version: 1,
		calendar: `${calendar.userId}/${calendar.calendarId}`,
		syncToken,
		watermark,
	};
	if (rooms) state.rooms = rooms;
	if (starting) state.starting = starting;
	writeState(staticData, state);

	const emitted = items.filter(
		(item) =>
			settings.events.has(SELECTED_BY[item.change]) && matchesFilters(item.event, settings.filters),
	);
	return emitted.length ? [toExecutionData(emitted)] : null;
}
