import type { DingTalkClient } from '../client';
import { API } from '../paths';
import type { EventRef } from './refs';

/**
 * AddMeetingRooms: books up to five rooms onto the event. `result: true` means DingTalk took the
 * booking; approval rooms are then `tentative` until an approver decides (read the event back).
 * `roomNames` only make an error message readable.
 */
export async function addMeetingRooms(
	client: DingTalkClient,
	event: EventRef,
	roomIds: string[],
	itemIndex?: number,
	roomNames?: Record<string, string | undefined>,
): Promise<boolean> {
	const { userId, calendarId, eventId } = event;
	const response = await client.call<{ result?: boolean }>(API.AddMeetingRooms, {
		params: { userId, calendarId, eventId },
		body: { meetingRoomsToAdd: roomIds.map((roomId) => ({ roomId })) },
		subject: { userId, eventId, roomIds, roomNames },
		itemIndex,
	});
	return response.result === true;
}

/** RemoveMeetingRooms: releases rooms from the event. */
export async function removeMeetingRooms(
	client: DingTalkClient,
	event: EventRef,
	roomIds: string[],
	itemIndex?: number,
): Promise<boolean> {
	const { userId, calendarId, eventId } = event;
	const response = await client.call<{ result?: boolean }>(API.RemoveMeetingRooms, {
		params: { userId, calendarId, eventId },
		body: { meetingRoomsToRemove: roomIds.map((roomId) => ({ roomId })) },
		subject: { userId, eventId, roomIds },
		itemIndex,
	});
	return response.result === true;
}
