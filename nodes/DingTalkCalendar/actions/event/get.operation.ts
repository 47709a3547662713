import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { calendarIdField, eventField, organizerField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { requiredId } from '../../helpers/validation';
import type { DingTalkClient } from '../../transport/client';
import { API } from '../../transport/paths';

const properties: INodeProperties[] = [organizerField, calendarIdField, eventField];

export const description = updateDisplayOptions({ show: { resource: ['event'], operation: ['get'] } }, properties);

/** Reads one event (GetEvent, `GET .../events/{eventId}`) as DingTalk returns it, rooms and status included. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
): Promise<INodeExecutionData[]> {
	const userId = requiredId(this, itemIndex, 'userId', 'Organizer User ID', {
		description: 'Give the unionId of the organizer or of an attendee (not the staff user ID).',
	});
	const calendarId = requiredId(this, itemIndex, 'calendarId', 'Calendar ID', { description: 'Use "primary".' });
	const eventId = requiredId(this, itemIndex, 'eventId', 'Event', {
		extractValue: true,
		description: 'Pick an event from the list, or give its ID.',
	});
	const event = await client.call<IDataObject>(API.GetEvent, {
		params: { userId, calendarId, eventId },
		subject: { userId, eventId },
		itemIndex,
	});
	return [{ json: event, pairedItem: { item: itemIndex } }];
}
