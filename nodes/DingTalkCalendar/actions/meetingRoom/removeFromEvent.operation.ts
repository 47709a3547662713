import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { calendarIdField, organizerField } from '../../../shared/descriptions/calendarFields';
import { eventField, roomsField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { readEventRef } from '../../helpers/events/eventReference';
import { readRoomIds } from '../../helpers/input/roomIds';
import type { DingTalkClient } from '../../../shared/transport/client';
import { removeMeetingRooms } from '../../../shared/transport/api/meetingRooms';
import { listIds, stringList, type ItemChange, type OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Remove From Event',
	description: 'Cancel the booking of meeting rooms on a calendar event',
	action: 'Remove meeting rooms from an event',
};

export const toolDescription =
	"Cancel the booking of 1 to 5 meeting rooms on a calendar event. Give the event ID and the room IDs to remove; the event is in the organizer's calendar.";

const properties: INodeProperties[] = [organizerField, calendarIdField, eventField, roomsField];

export const description = updateDisplayOptions(
	{ show: { resource: ['meetingRoom'], operation: ['removeFromEvent'] } },
	properties,
);

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	return {
		event: readEventRef(this, itemIndex),
		roomIds: readRoomIds(this, itemIndex, 'roomIds', 'Rooms'),
	};
}

/**
 * Cancels room bookings on an event: RemoveMeetingRooms, `POST .../events/{eventId}/meetingRooms/batchRemove`.
 * Removing a room the event does not hold changes nothing and is not an error (as DingTalk answers it).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ event, roomIds }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const { userId, calendarId, eventId } = event;
	const result = await removeMeetingRooms(client, event, roomIds, itemIndex);

	const json: IDataObject = {
		userId,
		calendarId,
		eventId,
		roomIds,
		result,
	};
	return [{ json, pairedItem: { item: itemIndex } }];
}

export function changeOf(json: IDataObject): ItemChange | undefined {
	const roomIds = stringList(json.roomIds);
	const eventId = String(json.eventId);
	return {
		change: `removed room${roomIds.length === 1 ? '' : 's'} ${listIds(roomIds)} from event ${eventId}`,
		eventId,
		roomIds,
	};
}
