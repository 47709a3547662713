import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { type ReadDateTime } from './dateTimeInput';
import { toEventDateTime } from './dingTalkTimes';
import { invalidField } from '../input/validation';

/** DingTalk's start/end of an event: `{ date }` when it is all-day, `{ dateTime, timeZone }` otherwise. */
export type EventTime = { date: string } | { dateTime: string; timeZone: string };

export interface EventTimes {
	isAllDay: boolean;
	start: EventTime;
	end: EventTime;
}

/** One side of an event's time as read from a field, with the field's name for messages. */
export interface TimeSide {
	read: ReadDateTime;
	field: string;
}

/** Start and end of a timed event, both written in `zone`; the end must come after the start. */
export function timedEventTimes(
	context: IExecuteFunctions,
	itemIndex: number,
	start: TimeSide,
	end: TimeSide,
	zone: string,
): EventTimes {
	const startText = toEventDateTime(start.read.value, zone);
	const endText = toEventDateTime(end.read.value, zone);
	if (end.read.value.toMillis() <= start.read.value.toMillis()) {
		throw invalidField(
			context,
			itemIndex,
			end.field,
			`${endText} is not after ${start.field} (${startText})`,
			`Give an ${end.field} later than the ${start.field}.`,
		);
	}
	return {
		isAllDay: false,
		start: { dateTime: startText, timeZone: zone },
		end: { dateTime: endText, timeZone: zone },
	};
}

const nextDay = (isoDate: string) =>
	DateTime.fromISO(isoDate, { zone: 'UTC' }).plus({ days: 1 }).toISODate() ?? isoDate;

/**
 * The day an all-day event's last day is, from what the user gave as its end. Users give the last day
 * itself (a one-day event starts and ends on the same day), and a time of day is ignored: n8n's date
 * picker stores the day picked as that day at 00:00. Only another calendar's event object (a DingTalk or
 * Google `{ date }`, an Outlook-style `{ dateTime: …T00:00 }`) already means "the day after": their
 * all-day ends are exclusive.
 */
function lastDayOf(end: ReadDateTime): { lastDay: string; exclusive: boolean } {
	const day = end.value.toISODate() ?? '';
	const midnight = end.value.equals(end.value.startOf('day'));
	return { lastDay: day, exclusive: end.fromEventObject && (end.dateOnly || midnight) };
}

/**
 * Start and end of an all-day event: the first day and the day after the last one, since DingTalk's
 * all-day end dates are exclusive (a one-day event on 2031-03-03 ends on 2031-03-04). The days are taken
 * as written: a date-time with an offset counts on the day it names. Without an end, one day.
 */
export function allDayEventTimes(
	context: IExecuteFunctions,
	itemIndex: number,
	start: TimeSide,
	end: TimeSide | undefined,
): EventTimes {
	const firstDay = start.read.value.toISODate() ?? '';
	let endDate = nextDay(firstDay);
	if (end) {
		const { lastDay, exclusive } = lastDayOf(end.read);
		endDate = exclusive ? lastDay : nextDay(lastDay);
		if (endDate <= firstDay) {
			throw invalidField(
				context,
				itemIndex,
				end.field,
				`the last day (${exclusive ? 'the day before ' : ''}${lastDay}) is before ${start.field} (${firstDay})`,
				`For an all-day event give the first day as ${start.field} and the last day as ${end.field} (the same day for a one-day event).`,
			);
		}
	}
	return { isAllDay: true, start: { date: firstDay }, end: { date: endDate } };
}
