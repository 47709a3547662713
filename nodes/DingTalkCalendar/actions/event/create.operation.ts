import { DateTime } from 'luxon';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { calendarIdField, organizerField } from '../../../shared/descriptions/calendarFields';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { eventCreateAdditionalFields } from '../../descriptions/eventCreateFields';
import { allDayField, eventTimeFields, summaryField } from '../../descriptions/eventFields';
import { createEventWithFollowUps, type NewEvent } from '../../helpers/events/createWithFollowUps';
import { checkSummary, readEventDetails } from '../../helpers/events/eventDetails';
import { readCalendarRef } from '../../helpers/events/eventReference';
import { readInvitees } from '../../helpers/events/invitees';
import { buildRecurrence } from '../../helpers/events/recurrence';
import { isFalse, isTrue } from '../../helpers/input/booleans';
import { readRoomIds } from '../../helpers/input/roomIds';
import { invalidField } from '../../helpers/input/validation';
import { readDateTime } from '../../helpers/time/dateTimeInput';
import { readTimeZone } from '../../helpers/time/timeZones';
import { allDayEventTimes, timedEventTimes } from '../../helpers/time/eventTimes';
import type { DingTalkClient } from '../../../shared/transport/client';
import { listIds, stringList, type ItemChange, type OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Create',
	description: 'Create an event, optionally with attendees, a repeat pattern and meeting rooms',
	action: 'Create an event',
};

export const toolDescription =
	"Create a DingTalk calendar event in the organizer's calendar: title, start and end (ISO 8601 with an offset, e.g. 2026-12-03T15:00:00+08:00), optional attendees (unionIds), repeat pattern and up to 5 meeting rooms. Returns the event ID.";

const properties: INodeProperties[] = [
	organizerField,
	calendarIdField,
	summaryField,
	allDayField,
	...eventTimeFields,
	eventCreateAdditionalFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['create'] } },
	properties,
);

/** The item's parameters, every one checked before the event is created: the body of CreateEvent and the steps after it. */
export function validate(this: IExecuteFunctions, itemIndex: number): NewEvent {
	const calendar = readCalendarRef(this, itemIndex);
	const summary = checkSummary(
		this,
		itemIndex,
		this.getNodeParameter('summary', itemIndex, ''),
		'Summary',
	);
	const allDay = isTrue(this.getNodeParameter('allDay', itemIndex, false));
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

	const zone = readTimeZone(this, itemIndex, 'additionalFields.timeZone', 'Time Zone');
	const start = readDateTime(this, itemIndex, 'start', 'Start', zone, { required: true })!;
	const end = readDateTime(this, itemIndex, 'end', 'End', zone, { required: !allDay });
	const startSide = { read: start, field: 'Start' };
	const times = allDay
		? allDayEventTimes(this, itemIndex, startSide, end && { read: end, field: 'End' })
		: timedEventTimes(this, itemIndex, startSide, { read: end!, field: 'End' }, zone);
	const firstDay =
		'date' in times.start ? DateTime.fromISO(times.start.date, { zone }) : start.value;
	const recurrence = buildRecurrence(this, itemIndex, fields, 'additionalFields', firstDay, zone);
	const attendees = readInvitees(this, itemIndex, fields);
	const roomIds =
		fields.roomIds === undefined
			? []
			: readRoomIds(this, itemIndex, 'additionalFields.roomIds', 'Meeting Rooms to Book', {
					required: false,
				});
	const onFailure = fields.onFollowUpFailure ?? 'keepEvent';
	if (onFailure !== 'keepEvent' && onFailure !== 'deleteEvent') {
		throw invalidField(
			this,
			itemIndex,
			'If a Step After Creation Fails',
			`"${String(onFailure)}" is not an option`,
			'Use keepEvent or deleteEvent.',
		);
	}

	const body: IDataObject = {
		summary,
		...readEventDetails(this, itemIndex, fields, {
			description: 'Description',
			location: 'Location',
			reminders: 'Reminders',
		}),
		isAllDay: times.isAllDay,
		start: times.start,
		end: times.end,
	};
	if (recurrence) body.recurrence = recurrence;
	// The same switches as the creation (readEventDetails): "false" from an expression counts as off.
	const notification = {
		chatNotification: !isFalse(fields.chatNotification),
		pushNotification: !isFalse(fields.pushNotification),
	};
	return { calendar, body, attendees, roomIds, notification, onFailure };
}

/**
 * Creates an event (CreateEvent, `POST .../calendars/{calendarId}/events`), then books its meeting rooms
 * and adds attendees beyond the 500 DingTalk takes in one call. Every field was checked before
 * (validate). When a step after the creation fails, the output still carries the event and says what
 * failed; or, if the user chose so, the event is deleted again and the item fails.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	input: NewEvent,
): Promise<INodeExecutionData[]> {
	const json = await createEventWithFollowUps(this, client, input, itemIndex);
	return [{ json, pairedItem: { item: itemIndex } }];
}

export function changeOf(json: IDataObject): ItemChange {
	const eventId = String(json.id);
	const parts = [
		`created event ${eventId}${typeof json.summary === 'string' ? ` ("${json.summary}")` : ''}`,
	];
	const booking = json.roomBooking as IDataObject | undefined;
	const roomIds = booking?.status === 'booked' ? stringList(booking.roomIds) : [];
	if (roomIds.length)
		parts.push(`booked room${roomIds.length === 1 ? '' : 's'} ${listIds(roomIds)} onto it`);
	return { change: parts.join(' and '), eventId, ...(roomIds.length ? { roomIds } : {}) };
}
