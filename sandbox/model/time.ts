/**
 * Time helpers: ISO-8601 parsing (any RFC 3339 form, reference §2.8 MOCK-RULE), IANA time zones and
 * formatting an instant in a zone as DingTalk does (`2020-01-01T10:15:30+08:00`).
 */
import { dingError } from '../errors';

const ISO_INSTANT =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parse an ISO-8601 instant with a zone designator; null when it is not one. */
export function parseInstant(value: string): number | null {
	const m = ISO_INSTANT.exec(value);
	if (!m) return null;
	const [, y, mo, d, h, mi, s, frac, zone] = m;
	const year = Number(y);
	const month = Number(mo);
	const day = Number(d);
	const hour = Number(h);
	const minute = Number(mi);
	const second = s === undefined ? 0 : Number(s);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	if (hour > 23 || minute > 59 || second > 59) return null;
	const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
	let offsetMinutes = 0;
	if (zone !== 'Z' && zone !== 'z') {
		const sign = zone[0] === '-' ? -1 : 1;
		const digits = zone.slice(1).replace(':', '');
		const oh = Number(digits.slice(0, 2));
		const om = Number(digits.slice(2, 4));
		if (oh > 23 || om > 59) return null;
		offsetMinutes = sign * (oh * 60 + om);
	}
	return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * MS_PER_MINUTE;
}

/**
 * Parse a filter time (ListEvents timeMin/timeMax, free/busy startTime/endTime); `null` when unparsable
 * (callers pick the API's own error). `strict`: refuse one without milliseconds, as a community report
 * says the live API does (reference §2.8, UNCERTAIN).
 */
export function parseFilterTime(value: string, strict: boolean): number | null {
	const ms = parseInstant(value);
	if (ms !== null && strict && !/\.\d{3}(Z|z|[+-])/.test(value))
		throw dingError('timestampWithoutMillis');
	return ms;
}

/** Parse `yyyy-MM-dd` to UTC midnight; null when invalid. */
export function parseDate(value: string): number | null {
	const m = ISO_DATE.exec(value);
	if (!m) return null;
	const year = Number(m[1]);
	const month = Number(m[2]);
	const day = Number(m[3]);
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	return Date.UTC(year, month - 1, day);
}

const zoneValidity = new Map<string, boolean>();
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let f = formatters.get(timeZone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
		formatters.set(timeZone, f);
	}
	return f;
}

export function isValidTimeZone(timeZone: string): boolean {
	let ok = zoneValidity.get(timeZone);
	if (ok === undefined) {
		try {
			formatterFor(timeZone);
			ok = timeZone.length > 0;
		} catch {
			ok = false;
		}
		if (zoneValidity.size < 1000) zoneValidity.set(timeZone, ok);
	}
	return ok;
}

export interface WallTime {
	year: number;
	month: number; // 1-12
	day: number;
	hour: number;
	minute: number;
	second: number;
}

function utcFields(ms: number): WallTime {
	const d = new Date(ms);
	return {
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		hour: d.getUTCHours(),
		minute: d.getUTCMinutes(),
		second: d.getUTCSeconds(),
	};
}

/** Offset via Intl (slow): the zone's wall clock minus UTC, in minutes. */
function intlOffsetMinutes(ms: number, timeZone: string): number {
	const parts = formatterFor(timeZone).formatToParts(new Date(ms));
	const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MS_PER_MINUTE);
}

const OFFSET_BUCKET_MS = 15 * MS_PER_MINUTE; // zone offsets only change on quarter hours
const offsetCache = new Map<string, number>();

/** Offset of `timeZone` from UTC at instant `ms`, in minutes (cached per zone and quarter hour). */
export function offsetMinutes(ms: number, timeZone: string): number {
	if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
	const key = `${timeZone}|${Math.floor(ms / OFFSET_BUCKET_MS)}`;
	let off = offsetCache.get(key);
	if (off === undefined) {
		off = intlOffsetMinutes(ms, timeZone);
		if (offsetCache.size >= 100_000) offsetCache.clear();
		offsetCache.set(key, off);
	}
	return off;
}

/** The wall-clock time of `ms` in `timeZone`. */
export function wallTime(ms: number, timeZone: string): WallTime {
	return utcFields(ms + offsetMinutes(ms, timeZone) * MS_PER_MINUTE);
}

/** The instant of a wall-clock time in `timeZone` (two-pass offset resolution, fine for DST edges). */
export function zonedToInstant(w: WallTime, timeZone: string): number {
	const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	let guess = naive - offsetMinutes(naive, timeZone) * MS_PER_MINUTE;
	guess = naive - offsetMinutes(guess, timeZone) * MS_PER_MINUTE;
	return guess;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** `2020-01-01T10:15:30+08:00`: the instant as wall time in `timeZone` with its offset. */
export function formatInZone(ms: number, timeZone: string): string {
	const w = wallTime(ms, timeZone);
	const off = offsetMinutes(ms, timeZone);
	const sign = off < 0 ? '-' : '+';
	const abs = Math.abs(off);
	return (
		`${pad4(w.year)}-${pad2(w.month)}-${pad2(w.day)}T${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}` +
		`${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
	);
}

/** `yyyy-MM-dd` of a UTC-midnight instant. */
export function formatDate(ms: number): string {
	const d = new Date(ms);
	return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** The calendar day (Asia/Shanghai, UTC+8, no DST) of an instant: the unit of the daily event quota. */
export function shanghaiDay(ms: number): string {
	return formatDate(ms + 8 * MS_PER_HOUR);
}

/** Timestamps DingTalk puts in `createTime`/`updateTime` (Asia/Shanghai: UTC+8, no DST since 1991). */
export function formatTimestamp(ms: number): string {
	const d = new Date(ms + 8 * MS_PER_HOUR);
	return (
		`${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T` +
		`${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}+08:00`
	);
}
