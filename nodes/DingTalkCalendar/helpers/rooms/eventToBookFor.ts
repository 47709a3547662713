import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createEvent, getEvent } from '../../../shared/transport/api/events';
import type { CalendarRef, EventRef } from '../../../shared/transport/api/refs';
import type { DingTalkClient } from '../../../shared/transport/client';
import { occurrencesUntil } from '../events/occurrences';
import { invalidField, MAX_ROOMS_PER_EVENT } from '../input/validation';
import { canonicalTimeZone } from '../time/timeZones';
import { toFilterTime } from '../time/dingTalkTimes';
import { describeTime, eventWindow, type TimeWindow } from '../time/timeWindow';
import { MAX_WINDOW_DAYS } from './availability';

/** The event Find and Book looks for rooms for: when it takes place, and what rooms it holds. */
export interface EventToBookFor {
	summary: string | null;
	/** When it takes place (the first occurrence of a series). */
	window: TimeWindow;
	/** Rooms it already holds: they are no candidates, and they count towards 5 rooms per event. */
	roomsOnEvent: Set<string>;
	recurring: boolean;
	/** When the rooms must be free: each occurrence in one free/busy query (one for a single event). */
	occurrences: TimeWindow[];
}

/** A new event, not created yet: it holds no rooms and takes place once. */
export function newEventToBookFor(newEvent: {
	summary: string;
	window: TimeWindow;
}): EventToBookFor {
	return {
		summary: newEvent.summary,
		window: newEvent.window,
		roomsOnEvent: new Set<string>(),
		recurring: false,
		occurrences: [newEvent.window],
	};
}

/**
 * Reads the existing event to book for: its title, when it takes place (the first occurrence of a
 * series), whether it recurs, and the rooms it holds, which count towards DingTalk's 5 rooms per event
 * (checked here, before any booking). For a series, also its occurrences that fit into one free/busy
 * query from the first one on (DingTalk answers for at most 90 days): the rooms must be free at each.
 */
export async function readEventToBookFor(
	context: IExecuteFunctions,
	client: DingTalkClient,
	ref: EventRef,
	roomCount: number,
	itemIndex: number,
): Promise<EventToBookFor> {
	const event = await getEvent(client, ref, itemIndex);
	const window = eventWindow(event, context.getTimezone());
	if (event.status === 'cancelled' || !window) {
		throw new NodeOperationError(
			context.getNode(),
			event.status === 'cancelled'
				? `Event ${ref.eventId} is cancelled`
				: `Event ${ref.eventId} has no start and end DingTalk could tell`,
			{
				itemIndex,
				description: 'Pick another event, or use Book For: New Event with a time window.',
			},
		);
	}
	const roomsOnEvent = new Set(
		(event.meetingRooms ?? []).map((room) => room.roomId).filter((id): id is string => !!id),
	);
	if (roomsOnEvent.size + roomCount > MAX_ROOMS_PER_EVENT) {
		throw invalidField(
			context,
			itemIndex,
			'Number of Rooms',
			`event ${ref.eventId} already holds ${roomsOnEvent.size} rooms, and DingTalk allows ${MAX_ROOMS_PER_EVENT} per event`,
			`Ask for at most ${Math.max(0, MAX_ROOMS_PER_EVENT - roomsOnEvent.size)} more, or remove rooms first (Meeting Room > Remove From Event).`,
		);
	}
	const eventZone =
		canonicalTimeZone(event.start?.timeZone ?? '') ??
		(event.isAllDay ? 'UTC' : context.getTimezone());
	const horizon = window.start
		.plus({ days: MAX_WINDOW_DAYS })
		.minus({ milliseconds: window.end.toMillis() - window.start.toMillis() });
	const occurrences = occurrencesUntil(window, event.recurrence, eventZone, horizon);
	return {
		summary: event.summary ?? null,
		window,
		roomsOnEvent,
		recurring: !!event.recurrence,
		occurrences,
	};
}

/**
 * Creates the new event (CreateEvent) in the organizer's calendar and returns its ID. Times go as UTC;
 * the workflow's time zone tells DingTalk how to show them.
 */
export async function createEventToBookFor(
	context: IExecuteFunctions,
	client: DingTalkClient,
	owner: CalendarRef,
	summary: string,
	window: TimeWindow,
	itemIndex: number,
): Promise<string> {
	const zone = context.getTimezone();
	const body = {
		summary,
		start: { dateTime: toFilterTime(window.start), timeZone: zone },
		end: { dateTime: toFilterTime(window.end), timeZone: zone },
	};
	const created = await createEvent(client, owner, body, itemIndex);
	if (!created.id) {
		throw new NodeOperationError(
			context.getNode(),
			`DingTalk created the event at ${describeTime(window.start, zone)} but returned no event ID`,
			{
				itemIndex,
				description:
					"Look for the event in the organizer's calendar before running the item again.",
			},
		);
	}
	return created.id;
}
