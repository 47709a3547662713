import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { roomsField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { othersEventDetailsOption, outputOption } from '../../descriptions/outputOptions';
import { operatorField, windowEndField, windowStartField } from '../../descriptions/roomFields';
import { readOperator } from '../../helpers/input/operator';
import { toFilterTime } from '../../helpers/time/dingTalkTimes';
import { isFree, MAX_WINDOW_DAYS, queryAvailability } from '../../helpers/rooms/availability';
import { readRoomIds } from '../../helpers/input/roomIds';
import { redactSlot, simplifyAvailability } from '../../helpers/rooms/simplified';
import { readTimeWindow } from '../../helpers/time/timeWindow';
import { readOutputShape, readShowOthersEvents } from '../../helpers/run/toolMode';
import type { DingTalkClient } from '../../../shared/transport/client';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Availability',
	description:
		'Check whether meeting rooms are free in a time window, with the bookings that occupy them',
	action: 'Get meeting room availability',
};

export const toolDescription =
	'Check whether meeting rooms are free between a start and an end (ISO 8601 with an offset, e.g. 2026-12-03T15:00:00+08:00, at most 90 days apart). Give room IDs from the tool that lists meeting rooms; any number. Returns one entry per room: status free, busy or unknown, and the busy times in UTC.';

const properties: INodeProperties[] = [
	operatorField,
	{
		...roomsField,
		hint: 'Any number of rooms: DingTalk is asked about five at a time. An expression may return a list of room IDs, or IDs separated by commas.',
	},
	windowStartField,
	windowEndField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [othersEventDetailsOption, outputOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['meetingRoom'], operation: ['getAvailability'] } },
	properties,
);

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	return {
		userId: readOperator(this, itemIndex),
		roomIds: readRoomIds(this, itemIndex, 'roomIds', 'Rooms', { max: Infinity }),
		window: readTimeWindow(
			this,
			itemIndex,
			{ start: ['start', 'Start'], end: ['end', 'End'] },
			MAX_WINDOW_DAYS,
		),
		shape: readOutputShape(this, itemIndex),
		showOthers: readShowOthersEvents(this, itemIndex),
	};
}

/**
 * Room free/busy in a time window (GetMeetingRoomsSchedule), one output item per room: free or busy,
 * and the bookings that occupy it (other users' event IDs and organizers only when Options > Other
 * Users' Event Details allows; Output: Simplified gives just the busy times). Pending approvals (TENTATIVE) hold a room as firmly as bookings.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ userId, roomIds, window, shape, showOthers }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const availability = await queryAvailability(client, userId, roomIds, window, itemIndex);
	const start = toFilterTime(window.start);
	const end = toFilterTime(window.end);
	return availability.map((room) => {
		if (shape === 'simplified') {
			return {
				json: simplifyAvailability(room, { start, end }, userId, showOthers),
				pairedItem: { item: itemIndex },
			};
		}
		const free = isFree(room);
		const json: IDataObject = {
			roomId: room.roomId,
			start,
			end,
			status: room.scheduleError ? 'unknown' : free ? 'free' : 'busy',
			free,
			busySlots: room.busySlots.map((slot) => redactSlot(slot, userId, showOthers)),
		};
		if (room.scheduleError) json.scheduleError = room.scheduleError;
		return { json, pairedItem: { item: itemIndex } };
	});
}
