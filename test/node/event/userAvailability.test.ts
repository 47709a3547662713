import { USER_IDS } from '../../../sandbox/seed';
import { continueOnFail, NODE, useCalendarSandbox } from '../calendarTestKit';

describe('Event > Get User Availability, through the n8n engine against the sandbox', () => {
	const kit = useCalendarSandbox();

	const parameters = {
		resource: 'event',
		operation: 'getUserAvailability',
		userId: USER_IDS.alice,
		userIds: '={{ $json.users }}',
		start: '={{ $json.start }}',
		end: '={{ $json.end }}',
	};
	// 2030-01-15 in Asia/Shanghai (the workflow's time zone in these tests).
	const day = { start: '2030-01-15T00:00', end: '2030-01-16T00:00' };

	it('one item per user, in the order given: busy slots in UTC, free users, and users DingTalk could not tell about', async () => {
		const result = await kit.run(
			[{ users: [USER_IDS.alice, USER_IDS.erin, 'notAMember1'], ...day }],
			parameters,
		);

		const output = result.output(NODE);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		const window = { start: '2030-01-14T16:00:00.000Z', end: '2030-01-15T16:00:00.000Z' };
		expect(output.map((item) => item.json)).toEqual([
			{
				userId: USER_IDS.alice,
				...window,
				status: 'busy',
				free: false,
				// Quarterly planning (organizer), the board meeting (invited), the 1:1 (organizer).
				busySlots: [
					{ status: 'BUSY', start: '2030-01-15T02:00:00.000Z', end: '2030-01-15T04:00:00.000Z' },
					{ status: 'BUSY', start: '2030-01-15T06:00:00.000Z', end: '2030-01-15T08:00:00.000Z' },
					{ status: 'BUSY', start: '2030-01-15T07:00:00.000Z', end: '2030-01-15T07:30:00.000Z' },
				],
			},
			{ userId: USER_IDS.erin, ...window, status: 'free', free: true, busySlots: [] },
			{
				userId: 'notAMember1',
				...window,
				status: 'unknown',
				free: false,
				busySlots: [],
				scheduleError: "No permission to see this user's schedule (DingTalk: 无权限)",
			},
		]);
	});

	it('asks DingTalk about 20 users per call', async () => {
		const users = Array.from({ length: 25 }, (_, i) => (i === 0 ? USER_IDS.alice : `someone${i}`));

		const result = await kit.run([{ users: users.join(','), ...day }], parameters);

		expect(result.output(NODE).map((item) => item.json.userId)).toEqual(users);
		expect(await kit.calls('GetSchedule')).toBe(2);
	});

	it('DingTalk refusing that many users at once is explained as users, not rooms', async () => {
		await kit.dingtalk.config({ limits: { userScheduleMaxUsers: 2 } });

		const result = await kit.run(
			[{ users: [USER_IDS.alice, USER_IDS.bob, USER_IDS.carol], ...day }],
			parameters,
			{
				node: continueOnFail,
			},
		);

		expect(result.output(NODE)[0].json).toMatchObject({
			error: 'DingTalk refused to check this many users at once',
			errorDescription: expect.stringContaining('check fewer users per item'),
			dingTalk: { message: 'Cannot get schedule information for more than limit.' },
		});
	});

	it.each([
		['no users', { users: ' ', ...day }, 'Item 0, field "Users": no user ID given'],
		[
			'an end before the start',
			{ users: USER_IDS.bob, start: '2030-01-15T10:00', end: '2030-01-15T09:00' },
			'Item 0, field "End": 2030-01-15 09:00 (Asia/Shanghai) is not after Start (2030-01-15 10:00 (Asia/Shanghai))',
		],
	])('refuses %s before any request', async (_name, item, message) => {
		const result = await kit.run([item], parameters, { node: continueOnFail });

		expect(result.output(NODE)[0].json.error).toBe(message);
		expect(await kit.calls('GetSchedule')).toBe(0);
	});
});
