import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { calendarIdField, eventField, organizerField, roomsField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { readEventRef } from '../../helpers/eventRef';
import { bookRooms } from '../../helpers/bookRooms';
import { readRoomStatuses } from '../../helpers/eventRooms';
import { readRoomIds } from '../../helpers/roomIds';
import type { DingTalkClient } from '../../transport/client';

const properties: INodeProperties[] = [
	organizerField,
	calendarIdField,
	eventField,
	roomsField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Verify Booking',
				name: 'verifyBooking',
				type: 'boolean',
				default: false,
				description:
					"Whether to read the event back after booking and report each room's status: accepted, tentative (waiting for an approver) or declined",
			},
		],
	},
];

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
	const event = readEventRef(this, itemIndex);
	const roomIds = readRoomIds(this, itemIndex, 'roomIds', 'Rooms');
	const verifyBooking = this.getNodeParameter('options.verifyBooking', itemIndex, false) === true;

	const result = await bookRooms(this, client, event, roomIds, itemIndex);

	const json: IDataObject = { ...event, roomIds, result };
	if (verifyBooking) {
		const rooms = await readRoomStatuses(client, event, roomIds, itemIndex);
		json.rooms = rooms;
		json.allAccepted = rooms.every((room) => room.responseStatus === 'accepted');
	}
	return [{ json, pairedItem: { item: itemIndex } }];
}
