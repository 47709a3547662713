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
import { bookRooms } from '../../helpers/rooms/booking';
import { readStatusesAfterBooking } from '../../helpers/rooms/bookingStatus';
import { readRoomIds } from '../../helpers/input/roomIds';
import type { DingTalkClient } from '../../../shared/transport/client';
import { listIds, stringList, type ItemChange, type OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Add to Event',
	description: 'Book one to five meeting rooms onto a calendar event',
	action: 'Add meeting rooms to an event',
};

export const toolDescription =
	"Book 1 to 5 meeting rooms onto an existing DingTalk calendar event, for the event's own time. Give the event ID and room IDs (from the tool that lists meeting rooms); the event is in the organizer's calendar. DingTalk allows 5 rooms per event, counting rooms it already holds. A room that is busy then fails the call with DingTalk's code meetingRoomNotAvailable and a request ID: check availability first, or find and book free rooms instead.";

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

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	return {
		event: readEventRef(this, itemIndex),
		roomIds: readRoomIds(this, itemIndex, 'roomIds', 'Rooms'),
		verifyBooking: this.getNodeParameter('options.verifyBooking', itemIndex, false) === true,
	};
}

/** Books rooms onto an event: AddMeetingRooms, `POST .../events/{eventId}/meetingRooms`. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ event, roomIds, verifyBooking }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const result = await bookRooms(this, client, event, roomIds, itemIndex);

	const json: IDataObject = { ...event, roomIds, result };
	if (verifyBooking) {
		const { rooms, readError } = await readStatusesAfterBooking(client, event, roomIds, itemIndex);
		json.rooms = rooms;
		json.allAccepted = rooms.every((room) => room.responseStatus === 'accepted');
		if (readError) json.verifyError = readError;
	}
	return [{ json, pairedItem: { item: itemIndex } }];
}

export function changeOf(json: IDataObject): ItemChange | undefined {
	const roomIds = stringList(json.roomIds);
	const eventId = String(json.eventId);
	const refused = json.result === true ? '' : ' (DingTalk answered result: false)';
	return {
		change: `booked room${roomIds.length === 1 ? '' : 's'} ${listIds(roomIds)} onto event ${eventId}${refused}`,
		eventId,
		roomIds,
	};
}
