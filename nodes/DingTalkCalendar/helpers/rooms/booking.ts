import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { DingTalkClient } from '../../../shared/transport/client';
import { addMeetingRooms } from '../../../shared/transport/api/meetingRooms';
import { getEvent } from '../../../shared/transport/api/events';
import type { EventRef } from '../../../shared/transport/api/refs';
import { knownRoomNames } from './directory';

/**
 * Books rooms onto an event (AddMeetingRooms) and returns DingTalk's `result`. Throws a NodeApiError
 * that says what to do, e.g. when a room is taken; a retried booking that finds the rooms "busy" with
 * this very event counts as booked.
 */
export async function bookRooms(
	context: IExecuteFunctions,
	client: DingTalkClient,
	event: EventRef,
	roomIds: string[],
	itemIndex: number,
	roomNames: Record<string, string | undefined> = knownRoomNames(client),
): Promise<boolean> {
	try {
		return await addMeetingRooms(client, event, roomIds, itemIndex, roomNames);
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
