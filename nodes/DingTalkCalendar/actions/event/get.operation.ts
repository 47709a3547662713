import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { calendarIdField, organizerField } from '../../../shared/descriptions/calendarFields';
import { eventField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { readEventRef } from '../../helpers/events/eventReference';
import type { DingTalkClient } from '../../../shared/transport/client';
import { getEvent } from '../../../shared/transport/api/events';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get',
	description: 'Get an event with its attendees, rooms and online meeting',
	action: 'Get an event',
};

export const toolDescription =
	'Get a calendar event by its event ID: title, times, attendees with their answers, meeting rooms and online meeting.';

const properties: INodeProperties[] = [organizerField, calendarIdField, eventField];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['get'] } },
	properties,
);

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	return readEventRef(
		this,
		itemIndex,
		'Give the unionId of the organizer or of an attendee (not the staff user ID).',
	);
}

/** Reads one event (GetEvent, `GET .../events/{eventId}`) as DingTalk returns it, rooms and status included. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ userId, calendarId, eventId }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const event = await getEvent(client, { userId, calendarId, eventId }, itemIndex);
	return [{ json: event, pairedItem: { item: itemIndex } }];
}
