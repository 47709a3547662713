import { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DingTalkEvent } from '../../../shared/transport/api/events';
import { isTrue } from '../input/booleans';
import { isSet } from '../input/isSet';
import { invalidField } from '../input/validation';
import { parseDateTime, readDateTime, type ReadDateTime } from '../time/dateTimeInput';
import { canonicalTimeZone, readTimeZone } from '../time/timeZones';
import { allDayEventTimes, timedEventTimes, type EventTimes } from '../time/eventTimes';
import { buildRecurrence, REPEAT_FIELD_LABELS } from './recurrence';

/**
 * Event > Update's new times (Start, End, All Day, Time Zone) and repeat pattern. They depend on the
 * event as it is (a side not given stays, a series repeats from the event's start), so they are checked
 * before any request (checkTimeChange) and combined with the event read from DingTalk later
 * (timeChangeBody).
 */

/** Which of the two the user changes. All Day counts when set either way: false is a change too. */
export function timeChangeOf(fields: IDataObject): {
	changesTime: boolean;
	changesRepeat: boolean;
} {
	return {
		changesTime: ['start', 'end', 'allDay', 'timeZone'].some((key) => isSet(fields[key])),
		changesRepeat: Object.keys(REPEAT_FIELD_LABELS).some((key) => isSet(fields[key])),
	};
}

/**
 * Checks every new time and repeat value given, with the readers that later build the body, before any
 * request, and the order of a new Start and End given together. Without a Start the series starts where the event does, known only after reading it: until
 * then, a start long past stands in, so that every other repeat rule is checked now.
 */
export function checkTimeChange(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	changesRepeat: boolean,
): void {
	const zone = readTimeZone(context, itemIndex, 'updateFields.timeZone', 'Time Zone');
	const start = isSet(fields.start)
		? readDateTime(context, itemIndex, 'updateFields.start', 'Start', zone, { raw: fields.start })
		: undefined;
	const end = isSet(fields.end)
		? readDateTime(context, itemIndex, 'updateFields.end', 'End', zone, { raw: fields.end })
		: undefined;
	// Both sides given: their order needs nothing from the event, so it is checked now, with the words
	// the later check uses. Whether the event is all-day is known now only when All Day is given; an End
	// before the Start is wrong either way.
	if (start && end) {
		const sides = [
			{ read: start, field: 'Start' },
			{ read: end, field: 'End' },
		] as const;
		if (isSet(fields.allDay) && isTrue(fields.allDay))
			allDayEventTimes(context, itemIndex, ...sides);
		else if (isSet(fields.allDay) || end.value.toMillis() < start.value.toMillis())
			timedEventTimes(context, itemIndex, ...sides, zone);
	}
	if (changesRepeat)
		buildRecurrence(
			context,
			itemIndex,
			fields,
			'updateFields',
			start?.value ?? DateTime.fromMillis(0, { zone }),
			zone,
		);
}

/** One side of the event's current time, as DingTalk returned it. */
function currentTime(
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
			: currentTime(context, itemIndex, existing[key], eventZone, key);
	const start = { read: side('start', 'Start'), field: 'Start' };
	const end = { read: side('end', 'End'), field: 'End' };
	const times = allDay
		? allDayEventTimes(context, itemIndex, start, end)
		: timedEventTimes(context, itemIndex, start, end, zone);
	return { times, zone };
}

/**
 * The parts of PatchEvent's body for the new times and repeat pattern, combined with the event as
 * DingTalk has it (`existing`): `isAllDay`, `start` and `end` when the times change, `recurrence` when
 * a repeat pattern is given (its first occurrence is the event's new start, or its current one).
 */
export function timeChangeBody(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	existing: DingTalkEvent,
	changesTime: boolean,
): IDataObject {
	const body: IDataObject = {};
	// All-day events carry no zone: theirs is then the one the user gives, or the workflow's.
	const eventZone =
		canonicalTimeZone(existing.start?.timeZone ?? '') ??
		readTimeZone(context, itemIndex, 'updateFields.timeZone', 'Time Zone');
	let zone = eventZone;
	let first: DateTime = currentTime(context, itemIndex, existing.start, zone, 'start').value;
	if (changesTime) {
		const updated = newTimes(context, itemIndex, fields, existing, eventZone);
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
	const recurrence = buildRecurrence(context, itemIndex, fields, 'updateFields', first, zone);
	if (recurrence) body.recurrence = recurrence;
	return body;
}
