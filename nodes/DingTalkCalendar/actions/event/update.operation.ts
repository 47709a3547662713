import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { calendarIdField, organizerField } from '../../../shared/descriptions/calendarFields';
import { eventField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { eventUpdateFields } from '../../descriptions/eventUpdateFields';
import { checkSummary, readEventDetails } from '../../helpers/events/eventDetails';
import { readEventRef } from '../../helpers/events/eventReference';
import { checkTimeChange, timeChangeBody, timeChangeOf } from '../../helpers/events/timeChange';
import { invalidField } from '../../helpers/input/validation';
import { getEvent, patchEvent } from '../../../shared/transport/api/events';
import type { DingTalkClient } from '../../../shared/transport/client';
import type { ItemChange, OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Update',
	description: 'Change the fields of an event you set, leaving the rest as it is',
	action: 'Update an event',
};

export const toolDescription =
	'Change fields of a calendar event by its event ID (title, times, description, location); fields not given stay as they are.';

const properties: INodeProperties[] = [
	organizerField,
	calendarIdField,
	eventField,
	eventUpdateFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['update'] } },
	properties,
);

/** Update Fields were added, but none of them with a value. */
const nothingToUpdate = (context: IExecuteFunctions, itemIndex: number) =>
	invalidField(
		context,
		itemIndex,
		'Update Fields',
		'nothing to update',
		'Give a value to the fields you added.',
	);

/** The item's parameters, each value checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	const event = readEventRef(
		this,
		itemIndex,
		"Give the organizer's unionId (not the staff user ID): only the organizer can change an event.",
	);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	if (Object.keys(fields).length === 0) {
		throw invalidField(
			this,
			itemIndex,
			'Update Fields',
			'nothing to update',
			'Add the fields to change with "Add Field".',
		);
	}

	const body: IDataObject = { id: event.eventId };
	if (fields.summary !== undefined)
		body.summary = checkSummary(this, itemIndex, fields.summary, 'Summary');
	Object.assign(
		body,
		readEventDetails(this, itemIndex, fields, {
			description: 'Description',
			location: 'Location',
			reminders: 'Reminders',
		}),
	);

	const { changesTime, changesRepeat } = timeChangeOf(fields);
	if (changesTime || changesRepeat) checkTimeChange(this, itemIndex, fields, changesRepeat);
	else if (Object.keys(body).length === 1) throw nothingToUpdate(this, itemIndex);
	return { event, fields, body, changesTime, changesRepeat };
}

/**
 * Changes an event (PatchEvent, which DingTalk serves as `PUT .../events/{eventId}`): only the fields the
 * user added are sent, everything else stays. Changing times or the repeat pattern first reads the event
 * (GetEvent), to send a consistent start and end and to repeat from the right day.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	input: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const { event, fields, changesTime, changesRepeat } = input;
	const { userId, calendarId, eventId } = event;
	const body: IDataObject = { ...input.body };
	if (changesTime || changesRepeat) {
		const existing = await getEvent(client, { userId, calendarId, eventId }, itemIndex);
		Object.assign(body, timeChangeBody(this, itemIndex, fields, existing, changesTime));
	}
	if (Object.keys(body).length === 1) throw nothingToUpdate(this, itemIndex);

	const updated = await patchEvent(client, { userId, calendarId, eventId }, body, itemIndex);
	return [{ json: updated, pairedItem: { item: itemIndex } }];
}

export function changeOf(json: IDataObject): ItemChange {
	const eventId = String(json.id);
	return { change: `updated event ${eventId}`, eventId };
}
