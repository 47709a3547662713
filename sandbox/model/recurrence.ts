/**
 * Recurrence expansion (reference §4.0 `recurrence.pattern` / `recurrence.range`), used by room
 * conflicts and free/busy so that a weekly meeting holding a room blocks it every week.
 *
 * Candidates are generated in the event's own time zone (wall clock), in order, from the series
 * start. A `noEnd` series is expanded up to the window asked for; conflict checks between two
 * open-ended series look `OPEN_SERIES_HORIZON_DAYS` ahead (documented limit).
 */
import { daysInMonth, MS_PER_DAY, parseDate, parseInstant, wallTime, zonedToInstant } from './time';

export type PatternType =
	| 'daily'
	| 'weekly'
	| 'absoluteMonthly'
	| 'relativeMonthly'
	| 'absoluteYearly';
export type RangeType = 'noEnd' | 'endDate' | 'numbered';

export const PATTERN_TYPES: readonly PatternType[] = [
	'daily',
	'weekly',
	'absoluteMonthly',
	'relativeMonthly',
	'absoluteYearly',
];
export const RANGE_TYPES: readonly RangeType[] = ['noEnd', 'endDate', 'numbered'];
export const WEEKDAYS = [
	'sunday',
	'monday',
	'tuesday',
	'wednesday',
	'thursday',
	'friday',
	'saturday',
] as const;
export const WEEK_INDEXES = ['first', 'second', 'third', 'fourth', 'last'] as const;

export interface RecurrencePattern {
	type: PatternType;
	dayOfMonth?: number;
	daysOfWeek?: string;
	index?: string;
	interval: number;
	firstDayOfWeek?: string;
}

export interface RecurrenceRange {
	type: RangeType;
	endDate?: string;
	numberOfOccurrences?: number;
}

export interface Recurrence {
	pattern: RecurrencePattern;
	range: RecurrenceRange;
}

/** What expansion needs to know about an event. */
export interface SeriesTiming {
	startMs: number;
	endMs: number;
	isAllDay: boolean;
	/** IANA zone of a timed event (all-day events are expanded in UTC days). */
	timeZone: string;
	recurrence?: Recurrence;
}

export type Interval = [number, number];

export const OPEN_SERIES_HORIZON_DAYS = 731;
const MAX_CANDIDATES = 20_000;

const dayNumber = (y: number, m: number, d: number): number =>
	Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
const weekday = (dayNum: number): number => (((dayNum + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
function fromDayNumber(dayNum: number): { y: number; m: number; d: number } {
	const dt = new Date(dayNum * MS_PER_DAY);
	return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

function weekdayIndex(name: string | undefined, fallback: number): number {
	const i = WEEKDAYS.indexOf((name ?? '').trim().toLowerCase() as (typeof WEEKDAYS)[number]);
	return i < 0 ? fallback : i;
}

function parseDaysOfWeek(value: string | undefined, fallback: number): number[] {
	const days = (value ?? '')
		.split(',')
		.map((d) => WEEKDAYS.indexOf(d.trim().toLowerCase() as (typeof WEEKDAYS)[number]))
		.filter((d) => d >= 0);
	return days.length ? Array.from(new Set(days)) : [fallback];
}

/** Last instant a `range.endDate` allows an occurrence to start at (inclusive). */
function rangeEndMs(range: RecurrenceRange, timeZone: string): number {
	if (range.type !== 'endDate' || !range.endDate) return Number.POSITIVE_INFINITY;
	const instant = parseInstant(range.endDate);
	if (instant !== null) return instant;
	const date = parseDate(range.endDate);
	if (date !== null) {
		const w = wallTime(date, 'UTC');
		return zonedToInstant({ ...w, hour: 23, minute: 59, second: 59 }, timeZone);
	}
	return Number.POSITIVE_INFINITY;
}

/** Candidate occurrence days (epoch day numbers), in order, starting at or after the series' first day. */
function* candidateDays(r: Recurrence, startDay: number): Generator<number> {
	const { pattern } = r;
	const interval = Math.max(1, pattern.interval || 1);
	const s = fromDayNumber(startDay);
	switch (pattern.type) {
		case 'daily': {
			for (let k = 0; ; k++) yield startDay + k * interval;
		}
		case 'weekly': {
			const first = weekdayIndex(pattern.firstDayOfWeek, 0);
			const days = parseDaysOfWeek(pattern.daysOfWeek, weekday(startDay))
				.map((d) => (d - first + 7) % 7)
				.sort((a, b) => a - b);
			const weekStart = startDay - ((weekday(startDay) - first + 7) % 7);
			for (let w = 0; ; w += interval) {
				for (const offset of days) {
					const day = weekStart + w * 7 + offset;
					if (day >= startDay) yield day;
				}
			}
		}
		case 'absoluteMonthly': {
			const dom = pattern.dayOfMonth || s.d;
			for (let k = 0; ; k += interval) {
				const y = s.y + Math.floor((s.m - 1 + k) / 12);
				const m = ((s.m - 1 + k) % 12) + 1;
				if (dom <= daysInMonth(y, m)) {
					const day = dayNumber(y, m, dom);
					if (day >= startDay) yield day;
				}
			}
		}
		case 'relativeMonthly': {
			const wd = parseDaysOfWeek(pattern.daysOfWeek, weekday(startDay))[0];
			const idx = WEEK_INDEXES.indexOf((pattern.index ?? 'first') as (typeof WEEK_INDEXES)[number]);
			for (let k = 0; ; k += interval) {
				const y = s.y + Math.floor((s.m - 1 + k) / 12);
				const m = ((s.m - 1 + k) % 12) + 1;
				let day: number;
				if (idx === 4) {
					const last = dayNumber(y, m, daysInMonth(y, m));
					day = last - ((weekday(last) - wd + 7) % 7);
				} else {
					const firstOfMonth = dayNumber(y, m, 1);
					day = firstOfMonth + ((wd - weekday(firstOfMonth) + 7) % 7) + 7 * Math.max(0, idx);
					if (fromDayNumber(day).m !== m) continue;
				}
				if (day >= startDay) yield day;
			}
		}
		case 'absoluteYearly': {
			const dom = pattern.dayOfMonth || s.d;
			for (let k = 0; ; k += interval) {
				const y = s.y + k;
				if (dom <= daysInMonth(y, s.m)) {
					const day = dayNumber(y, s.m, dom);
					if (day >= startDay) yield day;
				}
			}
		}
	}
}

/**
 * Occurrences of a (possibly recurring) event that overlap `[from, to)`:
 * `start < to && end > from` (reference §4.16 MOCK-RULE).
 */
export function occurrencesIn(t: SeriesTiming, from: number, to: number): Interval[] {
	const duration = Math.max(0, t.endMs - t.startMs);
	if (!t.recurrence) {
		return t.startMs < to && t.endMs > from ? [[t.startMs, t.endMs]] : [];
	}
	const zone = t.isAllDay ? 'UTC' : t.timeZone;
	const w = wallTime(t.startMs, zone);
	const startDay = dayNumber(w.year, w.month, w.day);
	const lastStart = rangeEndMs(t.recurrence.range, zone);
	const maxCount =
		t.recurrence.range.type === 'numbered'
			? Math.max(1, t.recurrence.range.numberOfOccurrences ?? 1)
			: Number.POSITIVE_INFINITY;
	const out: Interval[] = [];
	let count = 0;
	let candidates = 0;
	for (const day of candidateDays(t.recurrence, startDay)) {
		if (++candidates > MAX_CANDIDATES) break;
		const { y, m, d } = fromDayNumber(day);
		const s = t.isAllDay
			? Date.UTC(y, m - 1, d)
			: zonedToInstant(
					{ year: y, month: m, day: d, hour: w.hour, minute: w.minute, second: w.second },
					zone,
				);
		if (s > lastStart || s >= to) break;
		count++;
		const e = s + duration;
		if (e > from) out.push([s, e]);
		if (count >= maxCount) break;
	}
	return out;
}

/** First start and last end of a series (end is +Infinity for an open-ended series). */
export function seriesSpan(t: SeriesTiming): Interval {
	if (!t.recurrence) return [t.startMs, t.endMs];
	const { range } = t.recurrence;
	if (range.type === 'noEnd') return [t.startMs, Number.POSITIVE_INFINITY];
	const all = occurrencesIn(t, t.startMs, Number.POSITIVE_INFINITY);
	return all.length ? [all[0][0], all[all.length - 1][1]] : [t.startMs, t.endMs];
}

/** Do two (possibly recurring) events overlap anywhere? */
export function seriesOverlap(a: SeriesTiming, b: SeriesTiming): boolean {
	if (!a.recurrence && !b.recurrence) return a.startMs < b.endMs && a.endMs > b.startMs;
	const [aStart, aEnd] = seriesSpan(a);
	const [bStart, bEnd] = seriesSpan(b);
	const from = Math.max(aStart, bStart);
	let to = Math.min(aEnd, bEnd);
	if (!Number.isFinite(to)) to = from + OPEN_SERIES_HORIZON_DAYS * MS_PER_DAY;
	if (from >= to) return false;
	const left = occurrencesIn(a, from, to);
	const right = occurrencesIn(b, from, to);
	let i = 0;
	let j = 0;
	while (i < left.length && j < right.length) {
		const [s1, e1] = left[i];
		const [s2, e2] = right[j];
		if (s1 < e2 && e1 > s2) return true;
		if (e1 <= e2) i++;
		else j++;
	}
	return false;
}
