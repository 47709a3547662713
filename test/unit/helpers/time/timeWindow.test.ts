import { DateTime } from 'luxon';

import {
	describeTime,
	describeWindow,
	eventWindow,
	readTimeWindow,
} from '../../../../nodes/DingTalkCalendar/helpers/time/timeWindow';
import { itemContext } from '../itemContext';

const SHANGHAI = 'Asia/Shanghai';
const FIELDS = {
	start: ['start', 'Start'] as [string, string],
	end: ['end', 'End'] as [string, string],
};

describe('readTimeWindow', () => {
	it("reads Start and End in the workflow's time zone", () => {
		const window = readTimeWindow(
			itemContext({ start: '2031-03-03T09:00', end: '2031-03-03T10:00:00Z' }),
			0,
			FIELDS,
		);
		expect(window.start.toISO()).toBe('2031-03-03T09:00:00.000+08:00');
		expect(window.end.toUTC().toISO()).toBe('2031-03-03T10:00:00.000Z');
	});

	it('wants the End after the Start', () => {
		expect(() =>
			readTimeWindow(
				itemContext({ start: '2031-03-03T10:00', end: '2031-03-03T09:00' }),
				3,
				FIELDS,
			),
		).toThrow(
			'Item 3, field "End": 2031-03-03 09:00 (Asia/Shanghai) is not after Start (2031-03-03 10:00 (Asia/Shanghai))',
		);
	});

	it('keeps the window within the days DingTalk looks at', () => {
		const context = itemContext({ start: '2031-01-01', end: '2031-04-02' });
		expect(() => readTimeWindow(context, 0, FIELDS, 90)).toThrow(
			'the window from Start to End is longer than 90 days',
		);
		expect(
			readTimeWindow(itemContext({ start: '2031-01-01', end: '2031-04-01' }), 0, FIELDS, 90),
		).toBeDefined();
	});

	it('needs both sides', () => {
		expect(() => readTimeWindow(itemContext({ start: '2031-03-03' }), 0, FIELDS)).toThrow(
			'Item 0, field "End": is empty',
		);
	});
});

describe("an event's window, from DingTalk's start/end", () => {
	it('reads timed and all-day events', () => {
		const timed = eventWindow(
			{
				start: { dateTime: '2031-03-03T09:00:00+08:00', timeZone: SHANGHAI },
				end: { dateTime: '2031-03-03T10:00:00+08:00', timeZone: SHANGHAI },
			},
			'UTC',
		);
		expect(timed?.start.toUTC().toISO()).toBe('2031-03-03T01:00:00.000Z');
		const allDay = eventWindow(
			{ start: { date: '2031-03-03' }, end: { date: '2031-03-04' } },
			SHANGHAI,
		);
		expect(allDay?.end.diff(allDay.start, 'hours').hours).toBe(24);
	});

	it('has none when a side is missing, unreadable or not after the start', () => {
		expect(eventWindow({ start: { date: '2031-03-03' } }, SHANGHAI)).toBeUndefined();
		expect(
			eventWindow({ start: { dateTime: 'soon' }, end: { date: '2031-03-04' } }, SHANGHAI),
		).toBeUndefined();
		expect(
			eventWindow({ start: { date: '2031-03-04' }, end: { date: '2031-03-04' } }, SHANGHAI),
		).toBeUndefined();
	});
});

describe('times in words', () => {
	const at = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' });

	it('a time in the zone', () => {
		expect(describeTime(at('2030-01-15T02:00:00Z'), SHANGHAI)).toBe(
			'2030-01-15 10:00 (Asia/Shanghai)',
		);
	});

	it('a window: the end without its day when it is the same day', () => {
		expect(
			describeWindow(
				{ start: at('2030-01-15T02:30:00Z'), end: at('2030-01-15T03:30:00Z') },
				SHANGHAI,
			),
		).toBe('between 2030-01-15 10:30 and 11:30 (Asia/Shanghai)');
		expect(
			describeWindow(
				{ start: at('2030-01-15T15:00:00Z'), end: at('2030-01-15T17:00:00Z') },
				SHANGHAI,
			),
		).toBe('between 2030-01-15 23:00 and 2030-01-16 01:00 (Asia/Shanghai)');
	});
});
