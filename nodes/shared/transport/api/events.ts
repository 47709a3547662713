import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { DingTalkClient } from '../client';
import { API } from '../paths';
import { collectPages } from './paging';
import type { CalendarRef, EventRef } from './refs';

/** The parts of DingTalk's Event object (reference §4.0) the package reads; the rest passes through. */
export interface DingTalkEvent extends IDataObject {
	id?: string;
	summary?: string;
	status?: string;
	isAllDay?: boolean;
	start?: { date?: string; dateTime?: string; timeZone?: string };
	end?: { date?: string; dateTime?: string; timeZone?: string };
	meetingRooms?: Array<{ roomId?: string; responseStatus?: string; displayName?: string }>;
	/** Set on a recurring series; a room must then be free at every occurrence to be booked. */
	recurrence?: IDataObject | null;
}

/** One page of ListEvents. The syncToken comes with the last page, and only without timeMax (§4.3). */
export interface EventsPage {
	events?: DingTalkEvent[];
	nextToken?: string | null;
	syncToken?: string | null;
}

/** What ListEvents is asked for (times in UTC, `yyyy-MM-ddTHH:mm:ssZ`). */
export interface ListEventsQuery {
	timeMin?: string;
	timeMax?: string;
	showDeleted?: boolean;
	syncToken?: string;
}

/** ListEvents returns at most 100 events per page (reference §4.3). */
export const EVENTS_PAGE_SIZE = 100;

/** CreateEvent: the new event as DingTalk answers it (with its `id`). */
export async function createEvent(
	client: DingTalkClient,
	calendar: CalendarRef,
	body: IDataObject,
	itemIndex?: number,
): Promise<DingTalkEvent> {
	return await client.call<DingTalkEvent>(API.CreateEvent, {
		params: { userId: calendar.userId, calendarId: calendar.calendarId },
		body,
		subject: { userId: calendar.userId },
		itemIndex,
	});
}

export async function getEvent(
	client: DingTalkClient,
	event: EventRef,
	itemIndex?: number,
): Promise<DingTalkEvent> {
	return await client.call<DingTalkEvent>(API.GetEvent, {
		params: { userId: event.userId, calendarId: event.calendarId, eventId: event.eventId },
		subject: { userId: event.userId, eventId: event.eventId },
		itemIndex,
	});
}

/** PatchEvent (an HTTP PUT that changes only the fields it is sent): the event as it is now. */
export async function patchEvent(
	client: DingTalkClient,
	event: EventRef,
	body: IDataObject,
	itemIndex?: number,
): Promise<DingTalkEvent> {
	return await client.call<DingTalkEvent>(API.PatchEvent, {
		params: { userId: event.userId, calendarId: event.calendarId, eventId: event.eventId },
		body,
		subject: { userId: event.userId, eventId: event.eventId },
		itemIndex,
	});
}

/** DeleteEvent. `pushNotification` left out lets DingTalk decide whether attendees are told. */
export async function deleteEvent(
	client: DingTalkClient,
	event: EventRef,
	options: { pushNotification?: boolean } = {},
	itemIndex?: number,
): Promise<void> {
	await client.call(API.DeleteEvent, {
		params: { userId: event.userId, calendarId: event.calendarId, eventId: event.eventId },
		qs:
			options.pushNotification === undefined
				? undefined
				: { pushNotification: options.pushNotification },
		subject: { userId: event.userId, eventId: event.eventId },
		itemIndex,
	});
}

/** One page of ListEvents. */
export async function listEventsPage(
	client: DingTalkClient,
	calendar: CalendarRef,
	query: ListEventsQuery,
	page: { maxResults: number; nextToken?: string },
	itemIndex?: number,
): Promise<EventsPage> {
	return await client.call<EventsPage>(API.ListEvents, {
		params: { userId: calendar.userId, calendarId: calendar.calendarId },
		qs: {
			maxResults: page.maxResults,
			...(query.timeMin ? { timeMin: query.timeMin } : {}),
			...(query.timeMax ? { timeMax: query.timeMax } : {}),
			...(query.showDeleted ? { showDeleted: true } : {}),
			...(query.syncToken ? { syncToken: query.syncToken } : {}),
			...(page.nextToken ? { nextToken: page.nextToken } : {}),
		},
		subject: { userId: calendar.userId },
		itemIndex,
	});
}

/**
 * Up to `limit` events (Infinity = all) of one ListEvents query, page by page, and the syncToken
 * DingTalk sent with the last page (when it sent one).
 */
export async function listEvents(
	context: Pick<IExecuteFunctions, 'getNode'>,
	client: DingTalkClient,
	calendar: CalendarRef,
	query: ListEventsQuery,
	limit: number,
	itemIndex?: number,
): Promise<{ events: DingTalkEvent[]; syncToken?: string }> {
	let syncToken: string | undefined;
	const events = await collectPages(
		context,
		itemIndex ?? 0,
		limit,
		EVENTS_PAGE_SIZE,
		async (maxResults, nextToken) => {
			const page = await listEventsPage(
				client,
				calendar,
				query,
				{ maxResults, nextToken },
				itemIndex,
			);
			if (typeof page.syncToken === 'string' && page.syncToken) syncToken = page.syncToken;
			return { entries: Array.isArray(page.events) ? page.events : [], nextToken: page.nextToken };
		},
	);
	return { events, syncToken };
}
