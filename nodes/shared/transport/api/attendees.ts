import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { DingTalkClient } from '../client';
import { API } from '../paths';
import { inBatches } from './batches';
import { collectPages } from './paging';
import type { EventRef } from './refs';

/** AddAttendee and RemoveAttendee take at most 500 attendees per call (reference §4.8, §4.9). */
export const MAX_ATTENDEES_PER_CALL = 500;

/** ListAttendees returns at most 500 attendees per page (reference §4.10). */
const ATTENDEES_PAGE_SIZE = 500;

export interface AttendeeToAdd extends IDataObject {
	/** The attendee's unionId. */
	id: string;
	isOptional?: boolean;
}

/** Whether DingTalk tells the attendees (left out: DingTalk's default). */
export interface AttendeeNotification extends IDataObject {
	chatNotification?: boolean;
	pushNotification?: boolean;
}

/** How many attendees went through so far: read it when a later batch fails. */
export interface BatchProgress {
	sent: number;
}

/**
 * AddAttendee for any number of attendees: 500 per call, one call after the other. `progress.sent`
 * counts the attendees DingTalk took, so a caller can say how far it got when a later call fails.
 */
export async function addAttendees(
	client: DingTalkClient,
	event: EventRef,
	attendees: AttendeeToAdd[],
	notification: AttendeeNotification,
	itemIndex?: number,
	progress: BatchProgress = { sent: 0 },
): Promise<void> {
	const { userId, calendarId, eventId } = event;
	for (const batch of inBatches(attendees, MAX_ATTENDEES_PER_CALL)) {
		await client.call(API.AddAttendee, {
			params: { userId, calendarId, eventId },
			body: { attendeesToAdd: batch, ...notification },
			subject: { userId, eventId },
			itemIndex,
		});
		progress.sent += batch.length;
	}
}

/** RemoveAttendee for any number of attendees: 500 per call, one call after the other. */
export async function removeAttendees(
	client: DingTalkClient,
	event: EventRef,
	attendeeIds: string[],
	itemIndex?: number,
	progress: BatchProgress = { sent: 0 },
): Promise<void> {
	const { userId, calendarId, eventId } = event;
	for (const batch of inBatches(attendeeIds, MAX_ATTENDEES_PER_CALL)) {
		await client.call(API.RemoveAttendee, {
			params: { userId, calendarId, eventId },
			body: { attendeesToRemove: batch.map((id) => ({ id })) },
			subject: { userId, eventId },
			itemIndex,
		});
		progress.sent += batch.length;
	}
}

interface AttendeesPage {
	attendees?: IDataObject[];
	nextToken?: string | null;
}

/** Up to `limit` attendees of the event (Infinity = all), page by page (ListAttendees). */
export async function listAttendees(
	context: Pick<IExecuteFunctions, 'getNode'>,
	client: DingTalkClient,
	event: EventRef,
	limit: number,
	itemIndex: number,
): Promise<IDataObject[]> {
	const { userId, calendarId, eventId } = event;
	return await collectPages(
		context,
		itemIndex,
		limit,
		ATTENDEES_PAGE_SIZE,
		async (maxResults, nextToken) => {
			const page = await client.call<AttendeesPage>(API.ListAttendees, {
				params: { userId, calendarId, eventId },
				qs: { maxResults, ...(nextToken ? { nextToken } : {}) },
				subject: { userId, eventId },
				itemIndex,
			});
			return { entries: page.attendees ?? [], nextToken: page.nextToken };
		},
	);
}
