import type { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { parseDateTime, readDateTime } from './dateTimeInput';
import { invalidField } from '../input/validation';

/** A span of time that rooms are looked at, or booked, for. */
export interface TimeWindow {
	start: DateTime;
	end: DateTime;
}

/**
 * Reads a Start/End pair: any form n8n hands over (text read in the workflow's time zone unless it has
 * an offset, $now and other DateTimes, JS Dates, epoch ms). End must come after Start, and the window
 * may be at most `maxDays` long when given (room free/busy: "Cannot query schedule for more than 90
 * days."). Every problem names the item and the field, before any request.
 */
export function readTimeWindow(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: { start: [parameter: string, field: string]; end: [parameter: string, field: string] },
	maxDays?: number,
): TimeWindow {
	const zone = context.getTimezone();
	const [startParameter, startField] = fields.start;
	const [endParameter, endField] = fields.end;
	const start = readDateTime(context, itemIndex, startParameter, startField, zone, {
		required: true,
	})!.value;
	const end = readDateTime(context, itemIndex, endParameter, endField, zone, {
		required: true,
	})!.value;
	if (end.toMillis() <= start.toMillis()) {
		throw invalidField(
			context,
			itemIndex,
			endField,
			`${describeTime(end, zone)} is not after ${startField} (${describeTime(start, zone)})`,
			`Give an ${endField} later than the ${startField}.`,
		);
	}
	if (maxDays !== undefined && end.diff(start, 'days').days > maxDays) {
		throw invalidField(
			context,
			itemIndex,
			endField,
			`the window from ${startField} to ${endField} is longer than ${maxDays} days`,
			`DingTalk looks at most ${maxDays} days ahead per query: shorten the window, or split it over several items.`,
		);
	}
	return { start, end };
}

/**
 * When an event takes place, from DingTalk's `start`/`end` objects (`{ dateTime, timeZone }`, or `{ date }`
 * for all-day events, whose end date is exclusive). Undefined when they hold no readable window.
 */
export function eventWindow(
	event: { start?: unknown; end?: unknown },
	zone: string,
): TimeWindow | undefined {
	const read = (time: unknown) => {
		const parsed = parseDateTime(time, zone);
		return parsed && typeof parsed !== 'string' ? parsed.value : undefined;
	};
	const start = read(event.start);
	const end = read(event.end);
	return start && end && end.toMillis() > start.toMillis() ? { start, end } : undefined;
}

/** A time as people read it in the workflow's time zone: `2030-01-15 10:00 (Asia/Shanghai)`. */
export function describeTime(time: DateTime, zone: string): string {
	return `${time.setZone(zone).toFormat('yyyy-MM-dd HH:mm')} (${zone})`;
}

/** A window as people read it: `between 2030-01-15 10:30 and 11:30 (Asia/Shanghai)`. */
export function describeWindow(window: TimeWindow, zone: string): string {
	const start = window.start.setZone(zone);
	const end = window.end.setZone(zone);
	const endText = start.hasSame(end, 'day')
		? end.toFormat('HH:mm')
		: end.toFormat('yyyy-MM-dd HH:mm');
	return `between ${start.toFormat('yyyy-MM-dd HH:mm')} and ${endText} (${zone})`;
}
