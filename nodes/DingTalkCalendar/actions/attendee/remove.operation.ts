import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { calendarIdField, eventField, organizerField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { attendeeIdsField } from '../../descriptions/eventFields';
import { readEventRef } from '../../helpers/eventRef';
import { readAttendeeIds, sendInBatches } from '../../helpers/attendeeIds';
import type { DingTalkClient } from '../../transport/client';
import { API } from '../../transport/paths';

const properties: INodeProperties[] = [organizerField, calendarIdField, eventField, attendeeIdsField];

export const description = updateDisplayOptions({ show: { resource: ['attendee'], operation: ['remove'] } }, properties);

/**
 * Takes people off an event (RemoveAttendee, `POST .../events/{eventId}/attendees/batchRemove`), 500 per
 * call. Removing someone who is not invited changes nothing.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
): Promise<INodeExecutionData[]> {
	const { userId, calendarId, eventId } = readEventRef(this, itemIndex, "Give the organizer's unionId (not the staff user ID): only the organizer can remove attendees.");
	const attendeeIds = readAttendeeIds(this, itemIndex, 'attendeeIds', 'Attendees');

	await sendInBatches(this, attendeeIds, 'removed', async (batch) => {
		await client.call(API.RemoveAttendee, {
			params: { userId, calendarId, eventId },
			body: { attendeesToRemove: batch.map((id) => ({ id })) },
			subject: { userId, eventId },
			itemIndex,
		});
	});
	return [{ json: { userId, calendarId, eventId, attendeeIds, result: true }, pairedItem: { item: itemIndex } }];
}
