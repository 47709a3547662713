import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { DingTalkClient } from '../../../shared/transport/client';
import { API } from '../../../shared/transport/paths';
import { getEvent, type EventRef } from './bookingStatus';
import { knownRoomNames } from './directory';

/**
 * Books rooms onto an event (AddMeetingRooms, `POST .../events/{eventId}/meetingRooms`) and returns
 * DingTalk's `result`. Throws a NodeApiError that says what to do, e.g. when a room is taken.
 */
export async function bookRooms(
	context: IExecuteFunctions,
	client: DingTalkClient,
	event: EventRef,
	roomIds: string[],
	itemIndex: number,
	roomNames: Record<string, string | undefined> = knownRoomNames(client),
): Promise<boolean> {
	const { userId, calendarId, eventId } = event;
	try {
		const response = await client.call<{ result?: boolean }>(API.AddMeetingRooms, {
			params: { userId, calendarId, eventId },
			body: { meetingRoomsToAdd: roomIds.map((roomId) => ({ roomId })) },
			subject: { userId, eventId, roomIds, roomNames },
			itemIndex,
		});
		return response.result === true;
	} catch (error) {
		// A try whose answer was lost may have booked the rooms, and the retry then finds them "busy"
		// (held by this very event). The event itself tells: if it holds every room, the booking worked.
		if (
			error.context?.dingTalk?.code !== 'meetingRoomNotAvailable' ||
			!error.context?.outcomeWasUnknown
		) {
			throw new NodeApiError(context.getNode(), error as JsonObject);
		}
		const held = new Set(
			((await getEvent(client, event, itemIndex)).meetingRooms ?? []).map((room) => room.roomId),
		);
		if (!roomIds.every((roomId) => held.has(roomId)))
			throw new NodeApiError(context.getNode(), error as JsonObject);
		return true;
	}
}

/** Whether a booking failed because a room is no longer free (another booking was faster). */
export function isRoomTaken(error: unknown): boolean {
	return (
		(error as { context?: { dingTalk?: { code?: unknown } } })?.context?.dingTalk?.code ===
		'meetingRoomNotAvailable'
	);
}
