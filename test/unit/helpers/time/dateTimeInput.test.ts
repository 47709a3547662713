import { DateTime } from 'luxon';

import {
	parseDateTime,
	readDateTime,
	type ReadDateTime,
} from '../../../../nodes/DingTalkCalendar/helpers/time/dateTimeInput';
import {
	canonicalTimeZone,
	readTimeZone,
} from '../../../../nodes/DingTalkCalendar/helpers/time/timeZones';
import {
	toEventDateTime,
	toFilterTime,
} from '../../../../nodes/DingTalkCalendar/helpers/time/dingTalkTimes';
import { itemContext } from '../itemContext';

const SHANGHAI = 'Asia/Shanghai';

/** The value read, as an ISO text in the zone it was read in; fails the test on a problem text. */
function read(raw: unknown, zone = SHANGHAI): ReadDateTime {
	const result = parseDateTime(raw, zone);
	if (result === undefined || typeof result === 'string') {
		throw new Error(`not read: ${String(result)}`);
	}
	return result;
}

describe('parseDateTime: every form n8n hands over', () => {
	it('reads a local ISO time in the zone given', () => {
		const { value, dateOnly } = read('2031-03-03T09:00');
		expect(value.toISO()).toBe('2031-03-03T09:00:00.000+08:00');
		expect(dateOnly).toBe(false);
	});

	it('keeps the offset a time names, so the day stays as written', () => {
		expect(read('2031-03-03T23:30:00-05:00').value.toISO()).toBe('2031-03-03T23:30:00.000-05:00');
		expect(read('2031-03-03T01:00:00Z').value.toISO()).toBe('2031-03-03T01:00:00.000Z');
	});

	it('keeps the zone of an RFC 2822 text (as in e-mail headers)', () => {
		expect(read('Mon, 03 Mar 2031 09:00:00 +0000').value.toISO()).toBe('2031-03-03T09:00:00.000Z');
		expect(read('Mon, 03 Mar 2031 09:00:00 -0500').value.toISO()).toBe(
			'2031-03-03T09:00:00.000-05:00',
		);
	});

	it('reads SQL texts, local or with an offset', () => {
		expect(read('2031-03-03 09:00:00').value.toISO()).toBe('2031-03-03T09:00:00.000+08:00');
		expect(read('2031-03-03 09:00:00+05:00').value.toISO()).toBe('2031-03-03T09:00:00.000+05:00');
	});

	it('reads a date alone as that day', () => {
		const { value, dateOnly } = read('2031-03-03');
		expect(value.toISODate()).toBe('2031-03-03');
		expect(dateOnly).toBe(true);
	});

	it('reads Luxon DateTimes in their own zone, JS Dates and epoch milliseconds in the zone given', () => {
		const berlin = DateTime.fromISO('2031-03-03T09:00', { zone: 'Europe/Berlin' });
		expect(read(berlin).value.toISO()).toBe('2031-03-03T09:00:00.000+01:00');
		const ms = Date.UTC(2031, 2, 3, 1);
		expect(read(new Date(ms)).value.toISO()).toBe('2031-03-03T09:00:00.000+08:00');
		expect(read(ms).value.toISO()).toBe('2031-03-03T09:00:00.000+08:00');
	});

	it("reads a calendar event's start/end object, marked as one", () => {
		const timed = read({ dateTime: '2031-03-03T09:00:00', timeZone: 'Europe/Berlin' });
		expect(timed.value.toISO()).toBe('2031-03-03T09:00:00.000+01:00');
		expect(timed.fromEventObject).toBe(true);
		const allDay = read({ date: '2031-03-04' });
		expect(allDay).toMatchObject({ dateOnly: true, fromEventObject: true });
		expect(allDay.value.toISODate()).toBe('2031-03-04');
	});

	it('gives nothing for an empty value', () => {
		expect(parseDateTime(undefined, SHANGHAI)).toBeUndefined();
		expect(parseDateTime(null, SHANGHAI)).toBeUndefined();
		expect(parseDateTime('  ', SHANGHAI)).toBeUndefined();
	});

	it.each<[unknown, string]>([
		['2031-02-30', '"2031-02-30" is not a valid date'],
		['next tuesday', '"next tuesday" is not a date or date-time'],
		[1900000000, '1900000000 looks like seconds since 1970'],
		[Number.NaN, 'NaN is not a time'],
		[new Date('x'), 'an invalid JavaScript Date'],
		[true, 'boolean true is not a date or date-time'],
		[['2031-03-03'], 'a list is not a date or date-time'],
	])('says what is wrong with %p', (raw, problem) => {
		expect(parseDateTime(raw, SHANGHAI)).toEqual(expect.stringContaining(problem));
	});
});

describe('readDateTime', () => {
	it('fails the item naming the field', () => {
		const context = itemContext({ start: 'soon' });
		expect(() => readDateTime(context, 2, 'start', 'Start', SHANGHAI)).toThrow(
			'Item 2, field "Start": "soon" is not a date or date-time',
		);
		expect(() =>
			readDateTime(itemContext(), 0, 'start', 'Start', SHANGHAI, { required: true }),
		).toThrow('Item 0, field "Start": is empty');
		expect(readDateTime(itemContext(), 0, 'start', 'Start', SHANGHAI)).toBeUndefined();
	});
});

describe('time zones', () => {
	it("writes an IANA name DingTalk's way, and knows no other", () => {
		expect(canonicalTimeZone('asia/shanghai')).toBe('Asia/Shanghai');
		expect(canonicalTimeZone(' UTC ')).toBe('UTC');
		expect(canonicalTimeZone('Mars/Olympus')).toBeUndefined();
		expect(canonicalTimeZone('')).toBeUndefined();
	});

	it("reads the field, else the workflow's zone", () => {
		expect(
			readTimeZone(itemContext({ timeZone: 'europe/berlin' }), 0, 'timeZone', 'Time Zone'),
		).toBe('Europe/Berlin');
		expect(readTimeZone(itemContext({}, 'America/New_York'), 0, 'timeZone', 'Time Zone')).toBe(
			'America/New_York',
		);
		expect(() =>
			readTimeZone(itemContext({ timeZone: 'Mars/Olympus' }), 1, 'timeZone', 'Time Zone'),
		).toThrow('Item 1, field "Time Zone": "Mars/Olympus" is not a time zone');
	});
});

describe("DingTalk's time formats", () => {
	const moment = DateTime.fromISO('2031-03-03T01:00:00Z');

	it('events: ISO with the offset of the zone, no milliseconds', () => {
		expect(toEventDateTime(moment, SHANGHAI)).toBe('2031-03-03T09:00:00+08:00');
	});

	it('filters: UTC with milliseconds', () => {
		expect(toFilterTime(moment.setZone(SHANGHAI))).toBe('2031-03-03T01:00:00.000Z');
	});
});
