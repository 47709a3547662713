import { DateTime } from 'luxon';

import { occurrencesUntil } from '../../../../nodes/DingTalkCalendar/helpers/events/occurrences';

const ZONE = 'Asia/Shanghai';

/** The first occurrence: 09:00–10:00 on the given day, in Shanghai. */
function first(day: string) {
	const start = DateTime.fromISO(`${day}T09:00`, { zone: ZONE });
	return { start, end: start.plus({ hours: 1 }) };
}

/** The start days of the occurrences before `until`. */
function days(day: string, recurrence: object, until: string): string[] {
	return occurrencesUntil(
		first(day),
		recurrence as never,
		ZONE,
		DateTime.fromISO(until, { zone: ZONE }),
	).map((occurrence) => occurrence.start.toISODate() ?? '');
}

describe('occurrencesUntil: the days of a DingTalk recurrence', () => {
	it('a single event is its only occurrence', () => {
		expect(days('2031-03-03', null as never, '2031-12-31')).toEqual(['2031-03-03']);
	});

	it('daily, every other day, numbered', () => {
		const recurrence = {
			pattern: { type: 'daily', interval: 2 },
			range: { type: 'numbered', numberOfOccurrences: 3 },
		};
		expect(days('2031-03-03', recurrence, '2031-12-31')).toEqual([
			'2031-03-03',
			'2031-03-05',
			'2031-03-07',
		]);
	});

	it('weekly on Monday and Wednesday every other week, weeks starting on Sunday', () => {
		const recurrence = {
			pattern: {
				type: 'weekly',
				interval: 2,
				daysOfWeek: 'monday,wednesday',
				firstDayOfWeek: 'sunday',
			},
			range: { type: 'noEnd' },
		};
		// 2031-03-03 is a Monday.
		expect(days('2031-03-03', recurrence, '2031-03-31')).toEqual([
			'2031-03-03',
			'2031-03-05',
			'2031-03-17',
			'2031-03-19',
		]);
	});

	it('weekly from a Wednesday on Monday and Wednesday: the Monday before the start is not one', () => {
		const recurrence = {
			pattern: { type: 'weekly', interval: 1, daysOfWeek: 'monday,wednesday' },
			range: { type: 'endDate', endDate: '2031-03-12' },
		};
		expect(days('2031-03-05', recurrence, '2031-12-31')).toEqual([
			'2031-03-05',
			'2031-03-10',
			'2031-03-12',
		]);
	});

	it('weekly with weeks starting on Monday and a Sunday in the pattern', () => {
		const recurrence = {
			pattern: {
				type: 'weekly',
				interval: 2,
				daysOfWeek: 'sunday,tuesday',
				firstDayOfWeek: 'monday',
			},
			range: { type: 'noEnd' },
		};
		// 2031-03-04 is a Tuesday; its week (from Monday 03-03) holds Sunday 03-09.
		expect(days('2031-03-04', recurrence, '2031-03-31')).toEqual([
			'2031-03-04',
			'2031-03-09',
			'2031-03-18',
			'2031-03-23',
		]);
	});

	it('relativeMonthly: the second Tuesday and the last Friday', () => {
		const second = {
			pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: 'tuesday', index: 'second' },
			range: { type: 'noEnd' },
		};
		expect(days('2031-03-11', second, '2031-06-01')).toEqual([
			'2031-03-11',
			'2031-04-08',
			'2031-05-13',
		]);
		const last = {
			pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: 'friday', index: 'last' },
			range: { type: 'noEnd' },
		};
		expect(days('2031-03-28', last, '2031-06-01')).toEqual([
			'2031-03-28',
			'2031-04-25',
			'2031-05-30',
		]);
	});

	it('absoluteMonthly on the 31st skips shorter months; absoluteYearly', () => {
		const monthly = {
			pattern: { type: 'absoluteMonthly', interval: 1, dayOfMonth: 31 },
			range: { type: 'noEnd' },
		};
		expect(days('2031-01-31', monthly, '2031-06-01')).toEqual([
			'2031-01-31',
			'2031-03-31',
			'2031-05-31',
		]);
		const yearly = {
			pattern: { type: 'absoluteYearly', interval: 1, dayOfMonth: 3 },
			range: { type: 'numbered', numberOfOccurrences: 2 },
		};
		expect(days('2031-03-03', yearly, '2040-01-01')).toEqual(['2031-03-03', '2032-03-03']);
	});
});
