import { DateTime } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { describeValue, invalidField } from '../input/validation';
import { isValidTimeZone } from './timeZones';

/** A date or date-time read from a parameter. */
export interface ReadDateTime {
	/**
	 * The moment, in the zone it was written in: its own offset or zone when it named one, otherwise the
	 * zone the caller gave for local times. `value.toISODate()` is therefore the day as written.
	 */
	value: DateTime;
	/** Only a day was given (`2031-03-03`, or a calendar API's `{ date }`), no time of day. */
	dateOnly: boolean;
	/**
	 * The value was a calendar API's start/end object (`{ dateTime, timeZone }` or `{ date }`, as DingTalk
	 * and Google Calendar return them). Their all-day end dates are exclusive.
	 */
	fromEventObject: boolean;
}

export const DATE_TIME_HELP =
	'Give an ISO date-time such as 2031-03-03T09:00 (read in the time zone) or 2031-03-03T09:00:00+08:00, a date such as 2031-03-03, or a date from an expression ($now, a Luxon DateTime, a JavaScript Date).';

/** Epoch values below this are seconds, not milliseconds (this is March 1973 in milliseconds). */
const SMALLEST_EPOCH_MS = 1e11;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** An explicit offset or `Z` at the end of the time part. */
const HAS_OFFSET = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;

function isJsDate(value: unknown): value is Date {
	// Not instanceof: expressions may run in another realm, whose Date is a different class.
	return Object.prototype.toString.call(value) === '[object Date]';
}

function fromString(text: string, zone: string): ReadDateTime | string {
	if (DATE_ONLY.test(text)) {
		const value = DateTime.fromISO(text, { zone });
		return value.isValid
			? { value, dateOnly: true, fromEventObject: false }
			: `"${text}" is not a valid date`;
	}
	const timePart = text.split(/[T ]/)[1] ?? '';
	let named = HAS_OFFSET.test(timePart);
	let value = DateTime.fromISO(text, { zone, setZone: true });
	if (!value.isValid) value = DateTime.fromSQL(text, { zone, setZone: true });
	if (!value.isValid) {
		value = DateTime.fromRFC2822(text, { zone, setZone: true });
		// RFC 2822 always names its zone ("+0000", "GMT"), after the time rather than in it.
		named = true;
	}
	if (!value.isValid) return `"${text}" is not a date or date-time`;
	// A local time is read in `zone`; one that names its offset keeps it (setZone), so the day stays as written.
	return {
		value: named ? value : value.setZone(zone, { keepLocalTime: true }),
		dateOnly: false,
		fromEventObject: false,
	};
}

/**
 * Reads one date or date-time value as n8n hands it over: text (ISO, SQL or RFC 2822 form), a Luxon
 * DateTime ($now, $today, DateTime.fromISO…), a JavaScript Date, epoch milliseconds, or the start/end
 * object of a DingTalk or Google Calendar event. Local times (no offset) are read in `zone`.
 * Returns undefined for an empty value, a problem text for a bad one.
 */
export function parseDateTime(raw: unknown, zone: string): ReadDateTime | undefined | string {
	if (raw === undefined || raw === null) return undefined;
	if (typeof raw === 'string') {
		const text = raw.trim();
		return text === '' ? undefined : fromString(text, zone);
	}
	if (DateTime.isDateTime(raw)) {
		// Possibly another copy of Luxon (n8n's): rebuild it in ours, keeping its zone.
		const foreign = raw as DateTime;
		if (!foreign.isValid)
			return `an invalid DateTime (${foreign.invalidReason ?? 'unknown reason'})`;
		const value = DateTime.fromMillis(foreign.toMillis(), { zone: foreign.zoneName ?? zone });
		return {
			value: value.isValid ? value : DateTime.fromMillis(foreign.toMillis(), { zone }),
			dateOnly: false,
			fromEventObject: false,
		};
	}
	if (isJsDate(raw)) {
		const ms = raw.getTime();
		return Number.isNaN(ms)
			? 'an invalid JavaScript Date'
			: { value: DateTime.fromMillis(ms, { zone }), dateOnly: false, fromEventObject: false };
	}
	if (typeof raw === 'number') {
		if (!Number.isFinite(raw)) return `${raw} is not a time`;
		if (Math.abs(raw) < SMALLEST_EPOCH_MS) {
			return `${raw} looks like seconds since 1970; give milliseconds (multiply by 1000) or an ISO date-time`;
		}
		return { value: DateTime.fromMillis(raw, { zone }), dateOnly: false, fromEventObject: false };
	}
	if (typeof raw === 'object' && !Array.isArray(raw)) {
		const object = raw as { dateTime?: unknown; date?: unknown; timeZone?: unknown };
		if (typeof object.dateTime === 'string' && object.dateTime.trim() !== '') {
			const ownZone =
				typeof object.timeZone === 'string' && isValidTimeZone(object.timeZone)
					? object.timeZone
					: zone;
			const read = fromString(object.dateTime.trim(), ownZone);
			return typeof read === 'string' ? read : { ...read, fromEventObject: true };
		}
		if (typeof object.date === 'string' && DATE_ONLY.test(object.date.trim())) {
			const read = fromString(object.date.trim(), zone);
			return typeof read === 'string' ? read : { ...read, fromEventObject: true };
		}
	}
	return `${describeValue(raw)} is not a date or date-time`;
}

/** Reads a date/date-time parameter; an unreadable value fails the item naming the field. */
export function readDateTime(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
	zone: string,
	options: { required?: boolean; raw?: unknown } = {},
): ReadDateTime | undefined {
	const raw = 'raw' in options ? options.raw : context.getNodeParameter(parameter, itemIndex, '');
	const read = parseDateTime(raw, zone);
	if (typeof read === 'string') throw invalidField(context, itemIndex, field, read, DATE_TIME_HELP);
	if (!read && options.required)
		throw invalidField(context, itemIndex, field, 'is empty', DATE_TIME_HELP);
	return read;
}
