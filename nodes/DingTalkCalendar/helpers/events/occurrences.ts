import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import type { TimeWindow } from '../time/timeWindow';
import { WEEK_INDEXES, WEEKDAYS } from './weekdays';

/** Enough candidates for any series within a free/busy window; stops a malformed pattern from looping. */
const MAX_CANDIDATES = 5000;

/** 0 = Monday … 6 = Sunday, the order of WEEKDAYS (only differences of these numbers matter). */
const weekdayNumber = (day: DateTime) => day.weekday - 1;
const SUNDAY = WEEKDAYS.indexOf('sunday');

function weekdayIndex(name: unknown): number | undefined {
	const index = (WEEKDAYS as readonly string[]).indexOf(
		String(name ?? '')
			.trim()
			.toLowerCase(),
	);
	return index < 0 ? undefined : index;
}

function weekdays(value: unknown, fallback: number): number[] {
	const days = String(value ?? '')
		.split(',')
		.map(weekdayIndex)
		.filter((day): day is number => day !== undefined);
	return days.length ? [...new Set(days)] : [fallback];
}

/** Candidate days of a series (midnight, in its zone), in order, from its first day on. */
function* candidateDays(pattern: IDataObject, first: DateTime): Generator<DateTime> {
	const interval = Math.max(1, Number(pattern.interval) || 1);
	switch (pattern.type) {
		case 'daily':
			for (let k = 0; ; k += interval) yield first.plus({ days: k });
		case 'weekly': {
			const firstDay = weekdayIndex(pattern.firstDayOfWeek) ?? SUNDAY;
			const offsets = weekdays(pattern.daysOfWeek, weekdayNumber(first))
				.map((day) => (day - firstDay + 7) % 7)
				.sort((a, b) => a - b);
			const weekStart = first.minus({ days: (weekdayNumber(first) - firstDay + 7) % 7 });
			for (let week = 0; ; week += interval) {
				for (const offset of offsets) {
					const day = weekStart.plus({ days: week * 7 + offset });
					if (day >= first) yield day;
				}
			}
		}
		case 'absoluteMonthly': {
			const dayOfMonth = Number(pattern.dayOfMonth) || first.day;
			for (let k = 0; ; k += interval) {
				const month = first.startOf('month').plus({ months: k });
				if (dayOfMonth <= (month.daysInMonth ?? 31)) {
					const day = month.set({ day: dayOfMonth });
					if (day >= first) yield day;
				}
			}
		}
		case 'relativeMonthly': {
			const weekday = weekdays(pattern.daysOfWeek, weekdayNumber(first))[0];
			const index = Math.max(0, WEEK_INDEXES.indexOf(String(pattern.index ?? 'first')));
			for (let k = 0; ; k += interval) {
				const month = first.startOf('month').plus({ months: k });
				let day: DateTime;
				if (index === 4) {
					const last = month.endOf('month').startOf('day');
					day = last.minus({ days: (weekdayNumber(last) - weekday + 7) % 7 });
				} else {
					day = month.plus({ days: ((weekday - weekdayNumber(month) + 7) % 7) + 7 * index });
					if (day.month !== month.month) continue;
				}
				if (day >= first) yield day;
			}
		}
		case 'absoluteYearly': {
			const dayOfMonth = Number(pattern.dayOfMonth) || first.day;
			for (let k = 0; ; k += interval) {
				const month = first.startOf('month').plus({ years: k });
				if (dayOfMonth <= (month.daysInMonth ?? 31)) {
					const day = month.set({ day: dayOfMonth });
					if (day >= first) yield day;
				}
			}
		}
		default:
			yield first;
	}
}

/**
 * The occurrences of an event that start before `until`, from DingTalk's `recurrence` (reference §4.0:
 * daily, weekly, absoluteMonthly, relativeMonthly, absoluteYearly; range noEnd, endDate or numbered).
 * `first` is the first occurrence, as the event's start and end give it; without a recurrence it is
 * the only one. Days are counted in the event's own zone (all-day events in UTC days).
 */
export function occurrencesUntil(
	first: TimeWindow,
	recurrence: IDataObject | null | undefined,
	zone: string,
	until: DateTime,
): TimeWindow[] {
	if (!recurrence || typeof recurrence.pattern !== 'object' || !recurrence.pattern) return [first];
	const pattern = recurrence.pattern as IDataObject;
	const range = (recurrence.range ?? {}) as IDataObject;
	const start = first.start.setZone(zone);
	const duration = first.end.toMillis() - first.start.toMillis();
	let lastStart = Number.POSITIVE_INFINITY;
	if (range.type === 'endDate' && typeof range.endDate === 'string') {
		const end = DateTime.fromISO(range.endDate, { zone, setZone: true });
		if (end.isValid)
			lastStart = (/^\d{4}-\d{2}-\d{2}$/.test(range.endDate) ? end.endOf('day') : end).toMillis();
	}
	const count =
		range.type === 'numbered'
			? Math.max(1, Number(range.numberOfOccurrences) || 1)
			: Number.POSITIVE_INFINITY;

	const found: TimeWindow[] = [];
	let candidates = 0;
	for (const day of candidateDays(pattern, start.startOf('day'))) {
		if (++candidates > MAX_CANDIDATES) break;
		const occurrence = day.set({
			hour: start.hour,
			minute: start.minute,
			second: start.second,
			millisecond: start.millisecond,
		});
		if (occurrence.toMillis() > lastStart || occurrence >= until || found.length >= count) break;
		found.push({
			start: occurrence,
			end: DateTime.fromMillis(occurrence.toMillis() + duration, { zone }),
		});
	}
	return found.length ? found : [first];
}
