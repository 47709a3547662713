import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { calendarIdField, organizerField } from '../../../shared/descriptions/calendarFields';
import { eventField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import {
	attendeeIdsField,
	chatNotificationOption,
	pushNotificationOption,
} from '../../descriptions/eventFields';
import { readEventRef } from '../../helpers/events/eventReference';
import { readAttendeeIds } from '../../helpers/input/attendeeIds';
import { isTrue } from '../../helpers/input/booleans';
import { withAttendeeProgress } from '../../helpers/events/attendeeProgress';
import type { DingTalkClient } from '../../../shared/transport/client';
import { addAttendees, type AttendeeNotification } from '../../../shared/transport/api/attendees';
import { listIds, stringList, type ItemChange, type OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Add',
	description: 'Invite people to an event',
	action: 'Add attendees to an event',
};

export const toolDescription = 'Invite people (unionIds) to a calendar event by its event ID.';

const properties: INodeProperties[] = [
	organizerField,
	calendarIdField,
	eventField,
	attendeeIdsField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			chatNotificationOption,
			{
				displayName: 'Optional',
				name: 'isOptional',
				type: 'boolean',
				default: true,
				description: 'Whether the attendees are invited as optional',
			},
			pushNotificationOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['attendee'], operation: ['add'] } },
	properties,
);

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	const { userId, calendarId, eventId } = readEventRef(
		this,
		itemIndex,
		"Give the organizer's unionId (not the staff user ID): only the organizer can invite.",
	);
	const attendeeIds = readAttendeeIds(this, itemIndex, 'attendeeIds', 'Attendees');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const isOptional = isTrue(options.isOptional);
	const switches: AttendeeNotification = {};
	if (options.chatNotification !== undefined)
		switches.chatNotification = isTrue(options.chatNotification);
	if (options.pushNotification !== undefined)
		switches.pushNotification = isTrue(options.pushNotification);
	return { event: { userId, calendarId, eventId }, attendeeIds, isOptional, switches };
}

/**
 * Invites people to an event (AddAttendee, `POST .../events/{eventId}/attendees`), 500 per call as
 * DingTalk requires. Adding someone who is already invited changes nothing.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ event, attendeeIds, isOptional, switches }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const attendees = attendeeIds.map((id) => ({ id, isOptional }));
	await withAttendeeProgress(this, attendeeIds.length, 'added', async (progress) => {
		await addAttendees(client, event, attendees, switches, itemIndex, progress);
	});
	const { userId, calendarId, eventId } = event;
	return [
		{
			json: { userId, calendarId, eventId, attendeeIds, isOptional, result: true },
			pairedItem: { item: itemIndex },
		},
	];
}

export function changeOf(json: IDataObject): ItemChange {
	const attendeeIds = stringList(json.attendeeIds);
	const eventId = String(json.eventId);
	return { change: `invited ${listIds(attendeeIds)} to event ${eventId}`, eventId, attendeeIds };
}
