import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { calendarIdField, organizerField } from '../../../shared/descriptions/calendarFields';
import { eventField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { returnAllOrLimit } from '../../descriptions/returnAllOrLimit';
import { readEventRef } from '../../helpers/events/eventReference';
import { readReturnLimit } from '../../helpers/input/returnLimit';
import type { DingTalkClient } from '../../../shared/transport/client';
import { listAttendees } from '../../../shared/transport/api/attendees';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Many',
	description: 'List the attendees of an event and their answers',
	action: 'Get many attendees of an event',
};

export const toolDescription =
	'List the attendees of a calendar event by its event ID, with their answers (accepted, declined, tentative, needs action).';

const properties: INodeProperties[] = [
	{
		...organizerField,
		description:
			'The unionId of the organizer or of an attendee of the event (not the staff user ID)',
	},
	calendarIdField,
	eventField,
	...returnAllOrLimit,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['attendee'], operation: ['getAll'] } },
	properties,
);

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	return {
		event: readEventRef(
			this,
			itemIndex,
			'Give the unionId of the organizer or of an attendee (not the staff user ID).',
		),
		limit: readReturnLimit(this, itemIndex),
	};
}

/**
 * Lists an event's attendees (ListAttendees, `GET .../events/{eventId}/attendees`), one output item per
 * attendee with their answer (responseStatus: needsAction, accepted, declined or tentative), all of them
 * however many: unlike Event > Get, which DingTalk cuts off at 100.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ event, limit }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const attendees = await listAttendees(this, client, event, limit, itemIndex);
	return attendees.map((attendee) => ({ json: attendee, pairedItem: { item: itemIndex } }));
}
