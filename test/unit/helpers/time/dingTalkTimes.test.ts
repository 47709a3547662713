import { scheduleTimeUtc } from '../../../../nodes/DingTalkCalendar/helpers/time/dingTalkTimes';

describe("a free/busy time from DingTalk's answer, in UTC", () => {
	it('converts a date-time in its own zone', () => {
		expect(scheduleTimeUtc({ dateTime: '2031-03-03T09:00:00', timeZone: 'Asia/Shanghai' })).toBe(
			'2031-03-03T01:00:00.000Z',
		);
		expect(scheduleTimeUtc({ dateTime: '2031-03-03T09:00:00+08:00' })).toBe(
			'2031-03-03T01:00:00.000Z',
		);
	});

	it('takes an all-day date as midnight UTC', () => {
		expect(scheduleTimeUtc({ date: '2031-03-03' })).toBe('2031-03-03T00:00:00.000Z');
	});

	it('passes on what it cannot read, and has null for nothing', () => {
		expect(scheduleTimeUtc({ dateTime: 'soon' })).toBe('soon');
		expect(scheduleTimeUtc({})).toBeNull();
		expect(scheduleTimeUtc(undefined)).toBeNull();
	});
});
