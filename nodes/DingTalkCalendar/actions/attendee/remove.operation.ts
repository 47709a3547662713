import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { calendarIdField, organizerField } from '../../../shared/descriptions/calendarFields';
import { eventField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { attendeeIdsField } from '../../descriptions/eventFields';
import { readEventRef } from '../../helpers/events/eventReference';
import { readAttendeeIds } from '../../helpers/input/attendeeIds';
import { withAttendeeProgress } from '../../helpers/events/attendeeProgress';
import type { DingTalkClient } from '../../../shared/transport/client';
import { removeAttendees } from '../../../shared/transport/api/attendees';
import { listIds, stringList, type ItemChange, type OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Remove',
	description: 'Take people off an event',
	action: 'Remove attendees from an event',
};

export const toolDescription = 'Take people (unionIds) off a calendar event by its event ID.';

const properties: INodeProperties[] = [
	organizerField,
	calendarIdField,
	eventField,
	attendeeIdsField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['attendee'], operation: ['remove'] } },
	properties,
);

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	return {
		event: readEventRef(
			this,
			itemIndex,
			"Give the organizer's unionId (not the staff user ID): only the organizer can remove attendees.",
		),
		attendeeIds: readAttendeeIds(this, itemIndex, 'attendeeIds', 'Attendees'),
	};
}

/**
 * Takes people off an event (RemoveAttendee, `POST .../events/{eventId}/attendees/batchRemove`), 500 per
 * call. Removing someone who is not invited changes nothing.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ event, attendeeIds }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	await withAttendeeProgress(this, attendeeIds.length, 'removed', async (progress) => {
		await removeAttendees(client, event, attendeeIds, itemIndex, progress);
	});
	const { userId, calendarId, eventId } = event;
	return [
		{
			json: { userId, calendarId, eventId, attendeeIds, result: true },
			pairedItem: { item: itemIndex },
		},
	];
}

export function changeOf(json: IDataObject): ItemChange {
	const attendeeIds = stringList(json.attendeeIds);
	const eventId = String(json.eventId);
	return { change: `removed ${listIds(attendeeIds)} from event ${eventId}`, eventId, attendeeIds };
}
