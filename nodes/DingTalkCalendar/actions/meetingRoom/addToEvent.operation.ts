import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { calendarIdField, eventField, organizerField, roomsField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { readRoomIds } from '../../helpers/roomIds';
import { requiredString } from '../../helpers/validation';
import type { DingTalkClient } from '../../transport/client';
import { API } from '../../transport/paths';

const properties: INodeProperties[] = [organizerField, calendarIdField, eventField, roomsField];

export const description = updateDisplayOptions(
	{ show: { resource: ['meetingRoom'], operation: ['addToEvent'] } },
	properties,
);

/** Books rooms onto an event: AddMeetingRooms, `POST .../events/{eventId}/meetingRooms`. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
): Promise<INodeExecutionData[]> {
	const userId = requiredString(this, itemIndex, 'userId', 'Organizer User ID');
	const calendarId = requiredString(this, itemIndex, 'calendarId', 'Calendar ID');
	const eventId = requiredString(this, itemIndex, 'eventId', 'Event', { extractValue: true });
	const roomIds = readRoomIds(this, itemIndex, 'roomIds', 'Rooms');

	const response = await client.call<{ result?: boolean }>(API.AddMeetingRooms, {
		params: { userId, calendarId, eventId },
		body: { meetingRoomsToAdd: roomIds.map((roomId) => ({ roomId })) },
		subject: { userId, eventId, roomIds },
		itemIndex,
	});

	const json: IDataObject = { userId, calendarId, eventId, roomIds, result: response.result === true };
	return [{ json, pairedItem: { item: itemIndex } }];
}
