import type { IDataObject } from 'n8n-workflow';

import type { DingTalkClient } from '../../../shared/transport/client';
import { getEvent } from '../../../shared/transport/api/events';
import type { EventRef } from '../../../shared/transport/api/refs';

/** A room's booking as the event reports it after the fact. */
export interface RoomBookingStatus extends IDataObject {
	roomId: string;
	roomName: string | null;
	/**
	 * DingTalk's answer for the room: `accepted` (booked), `tentative` (waiting for an approver) or
	 * `declined` (refused); null when the event does not hold the room.
	 */
	responseStatus: string | null;
}

/**
 * Reads the event back and reports, for each given room, what DingTalk made of the booking: the
 * "read back after booking" rule, since approval rooms answer a booking with `result: true` and stay
 * `tentative` until an approver decides.
 */
export async function readRoomStatuses(
	client: DingTalkClient,
	event: EventRef,
	roomIds: string[],
	itemIndex?: number,
): Promise<RoomBookingStatus[]> {
	const rooms = (await getEvent(client, event, itemIndex)).meetingRooms ?? [];
	return roomIds.map((roomId) => {
		const room = rooms.find((entry) => entry.roomId === roomId);
		return {
			roomId,
			roomName: room?.displayName || null,
			responseStatus: room?.responseStatus ?? null,
		};
	});
}

/**
 * readRoomStatuses for a booking already made: a failed read-back must not fail the item, since the
 * rooms are booked and the output has to say so. The statuses are then null, with the reason.
 */
export async function readStatusesAfterBooking(
	client: DingTalkClient,
	event: EventRef,
	roomIds: string[],
	itemIndex?: number,
): Promise<{ rooms: RoomBookingStatus[]; readError?: string }> {
	try {
		return { rooms: await readRoomStatuses(client, event, roomIds, itemIndex) };
	} catch (error) {
		return {
			rooms: roomIds.map((roomId) => ({ roomId, roomName: null, responseStatus: null })),
			readError: `The rooms are booked, but reading the event back failed: ${(error as Error).message}`,
		};
	}
}
