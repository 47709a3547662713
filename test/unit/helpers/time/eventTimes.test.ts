import {
	allDayEventTimes,
	timedEventTimes,
	type TimeSide,
} from '../../../../nodes/DingTalkCalendar/helpers/time/eventTimes';
import { parseDateTime } from '../../../../nodes/DingTalkCalendar/helpers/time/dateTimeInput';
import { itemContext } from '../itemContext';

const SHANGHAI = 'Asia/Shanghai';

function side(raw: unknown, field: string, zone = SHANGHAI): TimeSide {
	const read = parseDateTime(raw, zone);
	if (read === undefined || typeof read === 'string') throw new Error(`not read: ${String(read)}`);
	return { read, field };
}

describe('a timed event', () => {
	it('is written in the zone given, both sides', () => {
		expect(
			timedEventTimes(
				itemContext(),
				0,
				side('2031-03-03T01:00:00Z', 'Start'),
				side('2031-03-03T10:30', 'End'),
				SHANGHAI,
			),
		).toEqual({
			isAllDay: false,
			start: { dateTime: '2031-03-03T09:00:00+08:00', timeZone: SHANGHAI },
			end: { dateTime: '2031-03-03T10:30:00+08:00', timeZone: SHANGHAI },
		});
	});

	it('must end after it starts', () => {
		expect(() =>
			timedEventTimes(
				itemContext(),
				1,
				side('2031-03-03T09:00', 'Start'),
				side('2031-03-03T09:00', 'End'),
				SHANGHAI,
			),
		).toThrow(
			'Item 1, field "End": 2031-03-03T09:00:00+08:00 is not after Start (2031-03-03T09:00:00+08:00)',
		);
	});
});

describe('an all-day event (DingTalk stores the day after the last one)', () => {
	const allDay = (start: unknown, end?: unknown) =>
		allDayEventTimes(
			itemContext(),
			0,
			side(start, 'Start'),
			end === undefined ? undefined : side(end, 'End'),
		);

	it('lasts one day without an end', () => {
		expect(allDay('2031-03-03')).toEqual({
			isAllDay: true,
			start: { date: '2031-03-03' },
			end: { date: '2031-03-04' },
		});
	});

	it('reads the end as the last day, ignoring a time of day', () => {
		expect(allDay('2031-03-03', '2031-03-03').end).toEqual({ date: '2031-03-04' });
		expect(allDay('2031-03-03', '2031-03-05T00:00').end).toEqual({ date: '2031-03-06' });
		expect(allDay('2031-12-30', '2031-12-31').end).toEqual({ date: '2032-01-01' });
	});

	it("takes another calendar's end object as already exclusive", () => {
		expect(allDay({ date: '2031-03-03' }, { date: '2031-03-04' }).end).toEqual({
			date: '2031-03-04',
		});
	});

	it('counts a day with an offset on the day it names', () => {
		expect(allDay('2031-03-03T23:00:00-05:00').start).toEqual({ date: '2031-03-03' });
	});

	it('refuses a last day before the first', () => {
		expect(() => allDay('2031-03-03', '2031-03-02')).toThrow(
			'Item 0, field "End": the last day (2031-03-02) is before Start (2031-03-03)',
		);
		expect(() => allDay({ date: '2031-03-03' }, { date: '2031-03-03' })).toThrow(
			'the last day (the day before 2031-03-03) is before Start (2031-03-03)',
		);
	});
});
