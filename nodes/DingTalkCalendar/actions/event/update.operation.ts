import { DateTime } from 'luxon';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { calendarIdField, organizerField } from '../../../shared/descriptions/calendarFields';
import { eventField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import {
	allDayField,
	chatNotificationOption,
	descriptionOption,
	locationOption,
	onlineMeetingOption,
	pushNotificationOption,
	remindersOption,
	repeatOptions,
	summaryField,
	timeZoneOption,
} from '../../descriptions/eventFields';
import {
	canonicalTimeZone,
	parseDateTime,
	readDateTime,
	readTimeZone,
	type ReadDateTime,
} from '../../helpers/time/dateTimeInput';
import { readEventRef } from '../../helpers/events/eventReference';
import { checkSummary, readEventDetails } from '../../helpers/events/eventDetails';
import { getEvent, patchEvent, type DingTalkEvent } from '../../../shared/transport/api/events';
import { allDayEventTimes, timedEventTimes, type EventTimes } from '../../helpers/time/eventTimes';
import { buildRecurrence, REPEAT_FIELD_LABELS } from '../../helpers/events/recurrence';
import { invalidField } from '../../helpers/input/validation';
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
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'Only the fields added here change. Attendees change with Attendee > Add and Remove, rooms with Meeting Room operations.',
		options: [
			{
				...allDayField,
				description:
					'Whether the event takes whole days. Turning it off needs a Start and an End with times of day.',
			},
			chatNotificationOption,
			descriptionOption,
			{
				displayName: 'End',
				name: 'end',
				type: 'dateTime',
				default: '',
				description:
					'New end, after Start. For an all-day event the last day (inclusive). Without Start, the event keeps its start.',
			},
			locationOption,
			{
				...onlineMeetingOption,
				description:
					'Whether to create a new DingTalk video meeting for the event (replacing any it has)',
			},
			pushNotificationOption,
			remindersOption,
			...repeatOptions,
			{
				displayName: 'Start',
				name: 'start',
				type: 'dateTime',
				default: '',
				description:
					'New start: ISO text such as 2031-03-03T09:00 (read in the time zone) or with an offset, or a date from an expression. For an all-day event the first day. Without End, the event keeps its end.',
			},
			{ ...summaryField, required: false },
			{
				...timeZoneOption,
				description:
					"IANA time zone for the event and for Start/End given without an offset. Empty: the workflow's time zone. Alone, it moves the event's zone and keeps its moments in time.",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['update'] } },
	properties,
);

const isTrue = (value: unknown) => value === true || value === 'true';
const isSet = (value: unknown) =>
	value !== undefined &&
	value !== null &&
	value !== '' &&
	!(Array.isArray(value) && value.length === 0);

/** One side of the event's current time, as DingTalk returned it. */
function current(
	context: IExecuteFunctions,
	itemIndex: number,
	time: DingTalkEvent['start'],
	zone: string,
	side: string,
): ReadDateTime {
	const read = parseDateTime(time, zone);
	if (!read || typeof read === 'string') {
		throw new NodeOperationError(
			context.getNode(),
			`DingTalk returned the event without a readable ${side}`,
			{
				itemIndex,
				description: 'Give both Start and End to set the times anew.',
			},
		);
	}
	return read;
}

/**
 * The event's new start and end, when the user changes any of Start, End, All Day or Time Zone. DingTalk
 * wants both sides in the same zone, so both are sent: a side the user did not set is the event's current
 * one. Values without an offset are read in Time Zone, else in the workflow's zone; Time Zone alone keeps
 * the event's moments and only changes its zone.
 */
function newTimes(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	existing: DingTalkEvent,
	eventZone: string,
): { times: EventTimes; zone: string } {
	const movesTime = isSet(fields.start) || isSet(fields.end);
	const zone =
		isSet(fields.timeZone) || movesTime
			? readTimeZone(context, itemIndex, 'updateFields.timeZone', 'Time Zone')
			: eventZone;
	const allDay = fields.allDay !== undefined ? isTrue(fields.allDay) : existing.isAllDay === true;
	if (!allDay && existing.isAllDay === true && !(isSet(fields.start) && isSet(fields.end))) {
		throw invalidField(
			context,
			itemIndex,
			isSet(fields.start) ? 'End' : 'Start',
			'is needed to turn an all-day event into one with times of day',
			'Add both Start and End with times of day.',
		);
	}
	const side = (key: 'start' | 'end', field: string): ReadDateTime =>
		isSet(fields[key])
			? readDateTime(context, itemIndex, `updateFields.${key}`, field, zone, { raw: fields[key] })!
			: current(context, itemIndex, existing[key], eventZone, key);
	const start = { read: side('start', 'Start'), field: 'Start' };
	const end = { read: side('end', 'End'), field: 'End' };
	const times = allDay
		? allDayEventTimes(context, itemIndex, start, end)
		: timedEventTimes(context, itemIndex, start, end, zone);
	return { times, zone };
}

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

	// All Day counts when set either way (false is a change too): isSet only skips empty values.
	const changesTime = ['start', 'end', 'allDay', 'timeZone'].some((key) => isSet(fields[key]));
	const changesRepeat = Object.keys(REPEAT_FIELD_LABELS).some((key) => isSet(fields[key]));
	if (changesTime || changesRepeat) {
		// The new times and repeat pattern are combined with the event's own after reading it (execute);
		// each value given is checked here already, with the same readers.
		const zone = readTimeZone(this, itemIndex, 'updateFields.timeZone', 'Time Zone');
		const start = isSet(fields.start)
			? readDateTime(this, itemIndex, 'updateFields.start', 'Start', zone, { raw: fields.start })
			: undefined;
		if (isSet(fields.end))
			readDateTime(this, itemIndex, 'updateFields.end', 'End', zone, { raw: fields.end });
		// Without a Start the series starts where the event does, known only after reading it: until
		// then, a start long past stands in, so that every other repeat rule is checked now.
		if (changesRepeat)
			buildRecurrence(
				this,
				itemIndex,
				fields,
				'updateFields',
				start?.value ?? DateTime.fromMillis(0, { zone }),
				zone,
			);
	} else if (Object.keys(body).length === 1) {
		throw invalidField(
			this,
			itemIndex,
			'Update Fields',
			'nothing to update',
			'Give a value to the fields you added.',
		);
	}
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
		// All-day events carry no zone: theirs is then the one the user gives, or the workflow's.
		const eventZone =
			canonicalTimeZone(existing.start?.timeZone ?? '') ??
			readTimeZone(this, itemIndex, 'updateFields.timeZone', 'Time Zone');
		let zone = eventZone;
		let first: DateTime = current(this, itemIndex, existing.start, zone, 'start').value;
		if (changesTime) {
			const updated = newTimes(this, itemIndex, fields, existing, eventZone);
			zone = updated.zone;
			Object.assign(body, {
				isAllDay: updated.times.isAllDay,
				start: updated.times.start,
				end: updated.times.end,
			});
			const start = updated.times.start;
			first =
				'date' in start
					? DateTime.fromISO(start.date, { zone })
					: DateTime.fromISO(start.dateTime, { zone });
		}
		const recurrence = buildRecurrence(this, itemIndex, fields, 'updateFields', first, zone);
		if (recurrence) body.recurrence = recurrence;
	}
	if (Object.keys(body).length === 1) {
		throw invalidField(
			this,
			itemIndex,
			'Update Fields',
			'nothing to update',
			'Give a value to the fields you added.',
		);
	}

	const updated = await patchEvent(client, { userId, calendarId, eventId }, body, itemIndex);
	return [{ json: updated, pairedItem: { item: itemIndex } }];
}

export function changeOf(json: IDataObject): ItemChange {
	const eventId = String(json.id);
	return { change: `updated event ${eventId}`, eventId };
}
