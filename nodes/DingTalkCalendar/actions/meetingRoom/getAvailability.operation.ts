import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { roomsField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { operatorField, windowEndField, windowStartField } from '../../descriptions/roomFields';
import { readOperator } from '../../helpers/eventRef';
import { toFilterTime } from '../../helpers/dateTimeInput';
import { isFree, MAX_WINDOW_DAYS, queryAvailability } from '../../helpers/roomAvailability';
import { readRoomIds } from '../../helpers/roomIds';
import { readTimeWindow } from '../../helpers/timeWindow';
import type { DingTalkClient } from '../../transport/client';

const properties: INodeProperties[] = [
	operatorField,
	{
		...roomsField,
		hint: 'Any number of rooms: DingTalk is asked about five at a time. An expression may return a list of room IDs, or IDs separated by commas.',
	},
	windowStartField,
	windowEndField,
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
		window: readTimeWindow(this, itemIndex, { start: ['start', 'Start'], end: ['end', 'End'] }, MAX_WINDOW_DAYS),
	};
}

/**
 * Room free/busy in a time window (GetMeetingRoomsSchedule), one output item per room: free or busy,
 * and the bookings that occupy it. Pending approvals (TENTATIVE) hold a room as firmly as bookings.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ userId, roomIds, window }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const availability = await queryAvailability(client, userId, roomIds, window, itemIndex);
	const start = toFilterTime(window.start);
	const end = toFilterTime(window.end);
	return availability.map((room) => {
		const free = isFree(room);
		const json: IDataObject = {
			roomId: room.roomId,
			start,
			end,
			status: room.scheduleError ? 'unknown' : free ? 'free' : 'busy',
			free,
			busySlots: room.busySlots,
		};
		if (room.scheduleError) json.scheduleError = room.scheduleError;
		return { json, pairedItem: { item: itemIndex } };
	});
}
