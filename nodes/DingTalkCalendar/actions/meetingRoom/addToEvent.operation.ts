import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { calendarIdField, eventField, organizerField, roomsField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { readRoomIds } from '../../helpers/roomIds';
import { requiredId } from '../../helpers/validation';
import type { DingTalkClient } from '../../transport/client';
import { API } from '../../transport/paths';

const properties: INodeProperties[] = [organizerField, calendarIdField, eventField, roomsField];

export const description = updateDisplayOptions(
	{ show: { resource: ['meetingRoom'], operation: ['addToEvent'] } },
	properties,
);

interface EventRooms {
	meetingRooms?: Array<{ roomId?: string }>;
}

/** Books rooms onto an event: AddMeetingRooms, `POST .../events/{eventId}/meetingRooms`. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
): Promise<INodeExecutionData[]> {
	const userId = requiredId(this, itemIndex, 'userId', 'Organizer User ID', {
		description: "Give the organizer's unionId (not the staff user ID).",
	});
	const calendarId = requiredId(this, itemIndex, 'calendarId', 'Calendar ID', { description: 'Use "primary".' });
	const eventId = requiredId(this, itemIndex, 'eventId', 'Event', {
		extractValue: true,
		description: 'Pick an event from the list, or give its ID.',
	});
	const roomIds = readRoomIds(this, itemIndex, 'roomIds', 'Rooms');
	const params = { userId, calendarId, eventId };

	let result: boolean;
	try {
		const response = await client.call<{ result?: boolean }>(API.AddMeetingRooms, {
			params,
			body: { meetingRoomsToAdd: roomIds.map((roomId) => ({ roomId })) },
			subject: { userId, eventId, roomIds },
			itemIndex,
		});
		result = response.result === true;
	} catch (error) {
		// A try whose answer was lost may have booked the rooms, and the retry then finds them "busy"
		// (held by this very event). The event itself tells: if it holds every room, the booking worked.
		if (error.context?.dingTalk?.code !== 'meetingRoomNotAvailable' || !error.context?.outcomeWasUnknown) {
			throw new NodeApiError(this.getNode(), error as JsonObject);
		}
		const event = await client.call<EventRooms>(API.GetEvent, { params, subject: { userId, eventId }, itemIndex });
		const held = new Set((event.meetingRooms ?? []).map((room) => room.roomId));
		if (!roomIds.every((roomId) => held.has(roomId))) throw new NodeApiError(this.getNode(), error as JsonObject);
		result = true;
	}

	const json: IDataObject = { userId, calendarId, eventId, roomIds, result };
	return [{ json, pairedItem: { item: itemIndex } }];
}
