/**
 * The `recurrence` field of CreateEvent/PatchEvent (reference §4.0): checked and normalized, with
 * DingTalk's messages. Expansion into occurrences is `recurrence.ts`.
 */
import { dingError, invalidParameter } from '../errors';
import {
	PATTERN_TYPES,
	RANGE_TYPES,
	WEEKDAYS,
	WEEK_INDEXES,
	type PatternType,
	type RangeType,
	type Recurrence,
} from './recurrence';
import { parseDate, parseInstant } from './time';
import { isObject, optInteger, optObject, optString, typeError } from './validate';

/** `null` (a patch that ends the series) stays `null`. */
export function parseRecurrence(v: unknown): Recurrence | null {
	if (v === null) return null;
	if (!isObject(v)) throw typeError('recurrence', 'an object');
	const pattern = optObject(v, 'pattern', 'recurrence.pattern');
	if (!pattern) throw invalidParameter('Recurrence pattern must be provided.');
	const type = optString(pattern, 'type', 'recurrence.pattern.type');
	if (!type || !PATTERN_TYPES.includes(type as PatternType)) {
		throw invalidParameter(`Recurrence pattern type invalid: ${type ?? ''}`);
	}
	const interval = optInteger(pattern, 'interval', 'recurrence.pattern.interval') ?? 1;
	if (interval < 1 || interval > 365) throw dingError('recurrenceInterval');
	const dayOfMonth = optInteger(pattern, 'dayOfMonth', 'recurrence.pattern.dayOfMonth');
	if (dayOfMonth !== undefined && (dayOfMonth < 1 || dayOfMonth > 31)) {
		throw invalidParameter('Recurrence pattern dayOfMonth must between [1, 31]');
	}
	const daysOfWeek = optString(pattern, 'daysOfWeek', 'recurrence.pattern.daysOfWeek');
	if (daysOfWeek !== undefined && daysOfWeek !== '') {
		for (const d of daysOfWeek.split(',')) {
			if (!WEEKDAYS.includes(d.trim().toLowerCase() as (typeof WEEKDAYS)[number])) {
				throw invalidParameter(`Recurrence pattern daysOfWeek invalid: ${daysOfWeek}`);
			}
		}
	}
	const index = optString(pattern, 'index', 'recurrence.pattern.index');
	if (index !== undefined && !WEEK_INDEXES.includes(index as (typeof WEEK_INDEXES)[number])) {
		throw invalidParameter(`Recurrence pattern index invalid: ${index}`);
	}
	const firstDayOfWeek = optString(pattern, 'firstDayOfWeek', 'recurrence.pattern.firstDayOfWeek');
	if (
		firstDayOfWeek !== undefined &&
		!WEEKDAYS.includes(firstDayOfWeek as (typeof WEEKDAYS)[number])
	) {
		throw invalidParameter(`Recurrence pattern firstDayOfWeek invalid: ${firstDayOfWeek}`);
	}
	const range = optObject(v, 'range', 'recurrence.range') ?? { type: 'noEnd' };
	const rangeType = optString(range, 'type', 'recurrence.range.type') ?? 'noEnd';
	if (!RANGE_TYPES.includes(rangeType as RangeType))
		throw invalidParameter(`Recurrence range type invalid: ${rangeType}`);
	const endDate = optString(range, 'endDate', 'recurrence.range.endDate');
	const numberOfOccurrences = optInteger(
		range,
		'numberOfOccurrences',
		'recurrence.range.numberOfOccurrences',
	);
	if (numberOfOccurrences !== undefined && (numberOfOccurrences < 1 || numberOfOccurrences > 99)) {
		throw dingError('recurrenceOccurrences');
	}
	if (endDate !== undefined && numberOfOccurrences !== undefined) {
		throw invalidParameter(
			'Recurrence range endDate and numberOfOccurrences cannot be set at the same time',
		);
	}
	if (rangeType === 'numbered' && numberOfOccurrences === undefined)
		throw dingError('recurrenceOccurrences');
	if (
		rangeType === 'endDate' &&
		(endDate === undefined || (parseInstant(endDate) === null && parseDate(endDate) === null))
	) {
		throw invalidParameter('Recurrence range endDate invalid');
	}
	const out: Recurrence = {
		pattern: { type: type as PatternType, interval },
		range: { type: rangeType as RangeType },
	};
	if (dayOfMonth !== undefined) out.pattern.dayOfMonth = dayOfMonth;
	if (daysOfWeek) out.pattern.daysOfWeek = daysOfWeek.toLowerCase();
	if (index !== undefined) out.pattern.index = index;
	if (firstDayOfWeek !== undefined) out.pattern.firstDayOfWeek = firstDayOfWeek;
	if (rangeType === 'endDate') out.range.endDate = endDate;
	if (rangeType === 'numbered') out.range.numberOfOccurrences = numberOfOccurrences;
	return out;
}
