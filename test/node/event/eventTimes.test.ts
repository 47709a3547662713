import type { INodeParameters } from 'n8n-workflow';

import { USER_IDS } from '../../../sandbox/seed';
import { continueOnFail, createParameters, NODE, useCalendarSandbox } from '../calendarTestKit';

const organizer = USER_IDS.alice;

/** Create with the given start/end (and more), returns what DingTalk stored. */
describe('Event > Create: dates, time zones, all-day events and DST', () => {
	const kit = useCalendarSandbox();

	async function created(parameters: INodeParameters, timezone = 'Asia/Shanghai') {
		const result = await kit.run([{ organizer }], createParameters(parameters), { timezone });
		expect(result.error).toBeUndefined();
		const json = result.output(NODE)[0].json;
		expect(json.error).toBeUndefined();
		return { json, state: await kit.event(json.id as string) };
	}

	describe('timed events', () => {
		it.each([
			[
				'text without an offset, in the workflow time zone',
				{ start: '2031-03-03T09:00', end: '2031-03-03 10:00:00' },
				'Europe/Berlin',
				['2031-03-03T09:00:00+01:00', '2031-03-03T10:00:00+01:00', 'Europe/Berlin'],
			],
			[
				'text with an offset, written in the workflow time zone',
				{ start: '2031-03-03T01:00:00Z', end: '2031-03-03T10:00:00+08:00' },
				'Asia/Shanghai',
				['2031-03-03T09:00:00+08:00', '2031-03-03T10:00:00+08:00', 'Asia/Shanghai'],
			],
			[
				'the Time Zone field over the workflow time zone',
				{
					start: '2031-03-03T09:00',
					end: '2031-03-03T10:30',
					additionalFields: { timeZone: 'america/new_york' },
				},
				'Asia/Shanghai',
				['2031-03-03T09:00:00-05:00', '2031-03-03T10:30:00-05:00', 'America/New_York'],
			],
			[
				'a Luxon DateTime and a JavaScript Date from expressions',
				{
					start: "={{ DateTime.fromISO('2031-03-03T10:00', { zone: 'Asia/Tokyo' }) }}",
					end: "={{ new Date('2031-03-03T02:00:00Z') }}",
				},
				'Asia/Shanghai',
				['2031-03-03T09:00:00+08:00', '2031-03-03T10:00:00+08:00', 'Asia/Shanghai'],
			],
			[
				"another event's start/end objects (DingTalk or Google Calendar output)",
				{
					start: '={{ { dateTime: "2031-03-03T10:00:00+09:00", timeZone: "Asia/Tokyo" } }}',
					end: '={{ { dateTime: "2031-03-03T11:00:00", timeZone: "Asia/Tokyo" } }}',
				},
				'Asia/Shanghai',
				['2031-03-03T09:00:00+08:00', '2031-03-03T10:00:00+08:00', 'Asia/Shanghai'],
			],
			[
				'epoch milliseconds',
				{ start: '={{ 1961888400000 }}', end: '={{ 1961892000000 }}' },
				'UTC',
				['2032-03-03T01:00:00+00:00', '2032-03-03T02:00:00+00:00', 'UTC'],
			],
		])('%s', async (_name, parameters, timezone, [start, end, zone]) => {
			const { json, state } = await created(parameters as INodeParameters, timezone);

			expect(json.start).toEqual({ dateTime: start, timeZone: zone });
			expect(json.end).toEqual({ dateTime: end, timeZone: zone });
			expect([state.start, state.end, state.timeZone]).toEqual([
				expect.stringMatching(new RegExp(`^${start.slice(0, 19)}`)),
				expect.stringMatching(new RegExp(`^${end.slice(0, 19)}`)),
				zone,
			]);
		});
	});

	describe('DST', () => {
		it('an event across the spring-forward night keeps each side at its own offset (Europe/Berlin, 2031-03-30)', async () => {
			const { state } = await created(
				{ start: '2031-03-30T01:30', end: '2031-03-30T03:30' },
				'Europe/Berlin',
			);

			expect([state.start, state.end]).toEqual([
				'2031-03-30T01:30:00+01:00',
				'2031-03-30T03:30:00+02:00',
			]);
			// One hour of real time, although the clocks moved two.
			expect(Date.parse(state.end) - Date.parse(state.start)).toBe(3600_000);
		});

		it('a time that does not exist that night moves forward to the first one that does, as calendars do', async () => {
			const { state } = await created(
				{ start: '2031-03-30T02:30', end: '2031-03-30T04:00' },
				'Europe/Berlin',
			);

			expect(state.start).toBe('2031-03-30T03:30:00+02:00');
		});

		it('a weekly 09:00 meeting stays at 09:00 local time after the change (busy 07:00 UTC instead of 08:00)', async () => {
			await created(
				{
					start: '2031-03-24T09:00',
					end: '2031-03-24T10:00',
					additionalFields: { repeatFrequency: 'weekly', repeatTimes: 3 },
				},
				'Europe/Berlin',
			);

			const result = await kit.run([{ organizer }], {
				resource: 'event',
				operation: 'getUserAvailability',
				userId: organizer,
				userIds: organizer,
				start: '2031-03-24T00:00:00Z',
				end: '2031-04-01T00:00:00Z',
			});

			expect(result.output(NODE)[0].json.busySlots).toEqual([
				{ status: 'BUSY', start: '2031-03-24T08:00:00.000Z', end: '2031-03-24T09:00:00.000Z' },
				{ status: 'BUSY', start: '2031-03-31T07:00:00.000Z', end: '2031-03-31T08:00:00.000Z' },
			]);
		});
	});

	describe('all-day events (DingTalk stores the day after the last one)', () => {
		it.each([
			['one day, without End', { start: '2031-03-03' }, ['2031-03-03', '2031-03-04']],
			[
				'one day, End the same day',
				{ start: '2031-03-03', end: '2031-03-03' },
				['2031-03-03', '2031-03-04'],
			],
			[
				'three days, End the last day',
				{ start: '2031-03-03', end: '2031-03-05' },
				['2031-03-03', '2031-03-06'],
			],
			[
				'days of date-times, as written (not moved to the workflow zone)',
				{ start: '2031-03-03T23:30:00-05:00', end: '2031-03-04T08:00' },
				['2031-03-03', '2031-03-05'],
			],
			[
				"days from n8n's date picker (the day at 00:00): End is the last day",
				{ start: '2031-03-03T00:00:00', end: '2031-03-05T00:00:00' },
				['2031-03-03', '2031-03-06'],
			],
			[
				"one day from n8n's date picker",
				{ start: '2031-03-03T00:00:00', end: '2031-03-03T00:00:00' },
				['2031-03-03', '2031-03-04'],
			],
			[
				"another calendar's midnight end object (Outlook-style), which is already the day after",
				{
					start: '2031-03-03',
					end: '={{ { dateTime: "2031-03-05T00:00:00.0000000", timeZone: "UTC" } }}',
				},
				['2031-03-03', '2031-03-05'],
			],
			[
				"another event's all-day end object, which is already the day after",
				{ start: '={{ { date: "2031-03-03" } }}', end: '={{ { date: "2031-03-05" } }}' },
				['2031-03-03', '2031-03-05'],
			],
		])('%s', async (_name, parameters, [start, end]) => {
			const { json, state } = await created({
				allDay: true,
				end: '',
				...parameters,
			} as INodeParameters);

			expect(json).toMatchObject({ isAllDay: true, start: { date: start }, end: { date: end } });
			expect(state).toMatchObject({ isAllDay: true, start, end });
		});

		it('refuses a last day before the first, before any request', async () => {
			const result = await kit.run(
				[{ organizer }],
				createParameters({ allDay: true, start: '2031-03-05', end: '2031-03-03' }),
				{
					node: continueOnFail,
				},
			);

			expect(result.output(NODE)[0].json.error).toBe(
				'Item 0, field "End": the last day (2031-03-03) is before Start (2031-03-05)',
			);
			expect(await kit.calls('CreateEvent')).toBe(0);
		});
	});
});
