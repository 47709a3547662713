import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { calendarIdField, organizerField } from '../../../shared/descriptions/calendarFields';
import { eventField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { readEventRef } from '../../helpers/events/eventReference';
import { isTrue } from '../../helpers/input/booleans';
import type { DingTalkClient } from '../../../shared/transport/client';
import { deleteEvent } from '../../../shared/transport/api/events';
import type { ItemChange, OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Delete',
	description:
		'Cancel an event for everyone (as organizer), or remove it from an attendee calendar',
	action: 'Delete an event',
};

export const toolDescription =
	'Delete a calendar event by its event ID: the organizer cancels it for everyone, an attendee removes it from their own calendar.';

const properties: INodeProperties[] = [
	{
		...organizerField,
		description:
			"The unionId of the event's organizer: the event is cancelled for everyone and its rooms are freed. With an attendee's unionId it is only removed from that attendee's calendar.",
	},
	calendarIdField,
	eventField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Pop-Up Notification',
				name: 'pushNotification',
				type: 'boolean',
				default: true,
				description:
					'Whether DingTalk shows the attendees a pop-up notification that the event was cancelled',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['delete'] } },
	properties,
);

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	return {
		event: readEventRef(this, itemIndex),
		push: (this.getNodeParameter('options', itemIndex, {}) as IDataObject).pushNotification,
	};
}

/**
 * Deletes an event (DeleteEvent, `DELETE .../events/{eventId}`). A retry whose first try DingTalk may have
 * applied (the answer was lost) and that then finds no event counts as deleted: the event is gone either way.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ event: { userId, calendarId, eventId }, push }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	try {
		await deleteEvent(
			client,
			{ userId, calendarId, eventId },
			{ pushNotification: push === undefined ? undefined : isTrue(push) },
			itemIndex,
		);
	} catch (error) {
		const code = error.context?.dingTalk?.code;
		const gone = code === 'itemNotFound' || code === 'instanceNotExist';
		if (!gone || !error.context?.outcomeWasUnknown)
			throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	return [
		{ json: { userId, calendarId, eventId, deleted: true }, pairedItem: { item: itemIndex } },
	];
}

export function changeOf(json: IDataObject): ItemChange {
	const eventId = String(json.eventId);
	return { change: `deleted event ${eventId}`, eventId };
}
