import type { DateTime } from 'luxon';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readDateTime } from '../time/dateTimeInput';
import { toEventDateTime } from '../time/dingTalkTimes';
import { isSet } from '../input/isSet';
import { describeValue, invalidField } from '../input/validation';
import { WEEK_INDEXES, WEEKDAYS, type Weekday } from './weekdays';

/** DingTalk's limits on a recurrence (reference §4.0, error texts of §4.1). */
export const MAX_REPEAT_INTERVAL = 365;
export const MAX_REPEAT_TIMES = 99;

/** The node's frequencies and the DingTalk pattern each one is. */
const PATTERNS: Record<string, string> = {
	daily: 'daily',
	weekly: 'weekly',
	monthly: 'absoluteMonthly',
	monthlyByWeekday: 'relativeMonthly',
	yearly: 'absoluteYearly',
};

/** Also accepted from expressions: DingTalk's own names (as Get returns them), in any case. */
const FREQUENCY_ALIASES: Record<string, string> = {
	absolutemonthly: 'monthly',
	relativemonthly: 'monthlyByWeekday',
	monthlybyweekday: 'monthlyByWeekday',
	absoluteyearly: 'yearly',
	annually: 'yearly',
};

/** The Repeat fields of Create's Additional Fields and Update's Update Fields. */
export const REPEAT_FIELD_LABELS: Record<string, string> = {
	repeatFrequency: 'Repeat Frequency',
	repeatInterval: 'Repeat Every',
	repeatOnDays: 'Repeat On',
	repeatTimes: 'Repeat How Many Times',
	repeatUntil: 'Repeat Until',
};

function wholeNumber(value: unknown): number | undefined {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

function readWeekdays(context: IExecuteFunctions, itemIndex: number, raw: unknown): Weekday[] {
	const entries = (Array.isArray(raw) ? raw : String(raw).split(/[\s,;]+/)).map((entry) =>
		String(entry).trim().toLowerCase(),
	);
	const days: Weekday[] = [];
	for (const entry of entries) {
		if (entry === '') continue;
		const day = WEEKDAYS.find((name) => name === entry || name.slice(0, 3) === entry);
		if (!day) {
			throw invalidField(
				context,
				itemIndex,
				'Repeat On',
				`"${entry}" is not a day of the week`,
				'Give weekdays such as Monday, Wednesday (or mon, wed).',
			);
		}
		if (!days.includes(day)) days.push(day);
	}
	return days;
}

/**
 * DingTalk's `recurrence` from the Repeat fields, or undefined when none is set. Checked before any
 * request: a frequency is needed, Repeat Every is 1–365, Repeat How Many Times 1–99, Repeat Until is not
 * before the start, and those two are not both set (DingTalk takes one end, or none for "forever").
 * The first occurrence is the event's start: weekly events repeat on its weekday unless Repeat On says
 * otherwise, monthly ones on its day of the month (or its weekday of the month, e.g. the second Tuesday),
 * yearly ones on its date.
 */
export function buildRecurrence(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	fieldsParameter: string,
	start: DateTime,
	zone: string,
): IDataObject | undefined {
	const set = Object.keys(REPEAT_FIELD_LABELS).filter((key) => isSet(fields[key]));
	if (set.length === 0) return undefined;
	const fail = (key: string, problem: string, help?: string) =>
		invalidField(context, itemIndex, REPEAT_FIELD_LABELS[key], problem, help);

	if (!isSet(fields.repeatFrequency)) {
		throw fail(
			'repeatFrequency',
			`is needed with ${set.map((key) => REPEAT_FIELD_LABELS[key]).join(', ')}`,
			'Choose how often the event repeats.',
		);
	}
	const given = String(fields.repeatFrequency).trim();
	const frequency = PATTERNS[given]
		? given
		: (FREQUENCY_ALIASES[given.toLowerCase()] ??
			(PATTERNS[given.toLowerCase()] ? given.toLowerCase() : undefined));
	if (!frequency) {
		throw fail(
			'repeatFrequency',
			`"${given}" is not a frequency`,
			'Use daily, weekly, monthly, monthlyByWeekday or yearly.',
		);
	}

	const interval = isSet(fields.repeatInterval) ? wholeNumber(fields.repeatInterval) : 1;
	if (interval === undefined || interval < 1 || interval > MAX_REPEAT_INTERVAL) {
		throw fail(
			'repeatInterval',
			`${describeValue(fields.repeatInterval)} is not a whole number from 1 to ${MAX_REPEAT_INTERVAL}`,
			`DingTalk repeats every 1 to ${MAX_REPEAT_INTERVAL} days, weeks, months or years.`,
		);
	}

	const local = start.setZone(zone);
	const weekday = WEEKDAYS[local.weekday - 1];
	const pattern: IDataObject = { type: PATTERNS[frequency], interval };
	if (isSet(fields.repeatOnDays)) {
		if (frequency !== 'weekly')
			throw fail('repeatOnDays', 'only applies when the event repeats weekly');
		pattern.daysOfWeek = readWeekdays(context, itemIndex, fields.repeatOnDays).join(',');
	} else if (frequency === 'weekly') {
		pattern.daysOfWeek = weekday;
	}
	if (frequency === 'monthly' || frequency === 'yearly') pattern.dayOfMonth = local.day;
	if (frequency === 'monthlyByWeekday') {
		pattern.daysOfWeek = weekday;
		pattern.index = WEEK_INDEXES[Math.ceil(local.day / 7) - 1];
	}

	const hasTimes = isSet(fields.repeatTimes);
	const hasUntil = isSet(fields.repeatUntil);
	if (hasTimes && hasUntil) {
		throw fail(
			'repeatTimes',
			'cannot be combined with Repeat Until',
			'End the series either after a number of times or on a date, not both.',
		);
	}
	let range: IDataObject = { type: 'noEnd' };
	if (hasTimes) {
		const times = wholeNumber(fields.repeatTimes);
		if (times === undefined || times < 1 || times > MAX_REPEAT_TIMES) {
			throw fail(
				'repeatTimes',
				`${describeValue(fields.repeatTimes)} is not a whole number from 1 to ${MAX_REPEAT_TIMES}`,
				`DingTalk repeats an event 1 to ${MAX_REPEAT_TIMES} times; for more, use Repeat Until or no end.`,
			);
		}
		range = { type: 'numbered', numberOfOccurrences: times };
	}
	if (hasUntil) {
		const until = readDateTime(
			context,
			itemIndex,
			`${fieldsParameter}.repeatUntil`,
			'Repeat Until',
			zone,
			{
				raw: fields.repeatUntil,
			},
		)!;
		// A day means "until the end of that day"; DingTalk wants an instant. n8n's date picker gives a
		// day as that day at 00:00, so midnight counts as the whole day too.
		const wholeDay = until.dateOnly || until.value.equals(until.value.startOf('day'));
		const last = wholeDay
			? until.value.set({ hour: 23, minute: 59, second: 59, millisecond: 0 })
			: until.value;
		if (last.toMillis() < local.toMillis()) {
			throw fail(
				'repeatUntil',
				`${until.value.toISODate()} is before the event starts (${local.toISODate()})`,
			);
		}
		range = { type: 'endDate', endDate: toEventDateTime(last, zone) };
	}
	return { pattern, range };
}
