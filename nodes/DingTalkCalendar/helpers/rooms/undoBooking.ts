import type { RoomSummary } from '../../../shared/transport/api/rooms';
import { deleteEvent } from '../../../shared/transport/api/events';
import { removeMeetingRooms } from '../../../shared/transport/api/meetingRooms';
import type { CalendarRef } from '../../../shared/transport/api/refs';
import type { DingTalkClient } from '../../../shared/transport/client';

/**
 * Undoes what an item booked when it cannot book everything it was asked for: deletes the event it
 * created (which frees its rooms), or removes the rooms it booked onto an existing event. Returns what
 * could not be undone, in words, for the message; never throws.
 */
export async function undoBooking(
	client: DingTalkClient,
	event: CalendarRef & { eventId?: string },
	booked: RoomSummary[],
	eventCreated: boolean,
	itemIndex: number,
): Promise<string[]> {
	const { userId, calendarId, eventId } = event;
	if (eventId === undefined || (!eventCreated && booked.length === 0)) return [];
	try {
		if (eventCreated) {
			await deleteEvent(client, { userId, calendarId, eventId }, {}, itemIndex);
		} else {
			const roomIds = booked.map((room) => room.roomId);
			await removeMeetingRooms(client, { userId, calendarId, eventId }, roomIds, itemIndex);
		}
		return [];
	} catch (error) {
		const what = eventCreated
			? `delete the event ${eventId} it created`
			: `release the rooms it booked (${booked.map((room) => room.roomId).join(', ')})`;
		return [`The node could not ${what}: ${(error as Error).message}.`];
	}
}
