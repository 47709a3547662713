import type { INode, INodeParameters } from 'n8n-workflow';

import { EVENT_IDS, ROOM_IDS, USER_IDS } from '../../../sandbox/seed';
import { credentialsHelperWith, runWorkflow } from '../../harness/engine';
import { useSandbox } from '../../harness/sandboxSuite';
import { itemsToNode } from '../../harness/workflows';

const NODE = 'DingTalk Calendar';
const continueOnFail: Partial<INode> = { onError: 'continueRegularOutput' };

/** The seed's 15 January 2030, 09:00–13:00 in Shanghai (the workflow time zone of these tests). */
const MORNING = { start: '2030-01-15T09:00:00', end: '2030-01-15T13:00:00' };

describe('Meeting Room > Get Availability, through the n8n engine against the sandbox', () => {
	const suite = useSandbox();
	const { dingtalk } = suite;

	async function run(
		parameters: INodeParameters,
		items: object[] = [{}],
		nodeOptions: Partial<INode> = {},
		timezone?: string,
	) {
		const credentialsHelper = credentialsHelperWith(await dingtalk.internalCredential());
		return await runWorkflow(
			itemsToNode(
				items as never,
				{
					resource: 'meetingRoom',
					operation: 'getAvailability',
					userId: USER_IDS.alice,
					...MORNING,
					...parameters,
				},
				nodeOptions,
			),
			{ credentialsHelper, timezone },
		);
	}

	it('reports each room free or busy, with the bookings that occupy it, in UTC', async () => {
		const result = await run({ roomIds: [ROOM_IDS.westLake, ROOM_IDS.everest, ROOM_IDS.xixi] });

		expect(result.error).toBeUndefined();
		const window = { start: '2030-01-15T01:00:00.000Z', end: '2030-01-15T05:00:00.000Z' };
		expect(result.output(NODE)).toEqual([
			{
				json: {
					roomId: ROOM_IDS.westLake,
					...window,
					status: 'busy',
					free: false,
					busySlots: [
						{
							eventId: EVENT_IDS.quarterlyPlanning,
							organizerId: USER_IDS.alice,
							status: 'BUSY',
							start: '2030-01-15T02:00:00.000Z',
							end: '2030-01-15T04:00:00.000Z',
						},
					],
				},
				pairedItem: { item: 0 },
			},
			{
				json: expect.objectContaining({
					roomId: ROOM_IDS.everest,
					free: false,
					busySlots: [
						expect.objectContaining({ eventId: EVENT_IDS.designReview, organizerId: USER_IDS.bob }),
					],
				}),
				pairedItem: { item: 0 },
			},
			{
				json: { roomId: ROOM_IDS.xixi, ...window, status: 'free', free: true, busySlots: [] },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('an approval still pending holds the room: TENTATIVE, not free', async () => {
		const result = await run({
			roomIds: ROOM_IDS.boardroom,
			start: '2030-01-15T15:00:00',
			end: '2030-01-15T15:30:00',
		});

		expect(result.output(NODE)[0].json).toMatchObject({
			free: false,
			status: 'busy',
			busySlots: [{ eventId: EVENT_IDS.boardMeeting, status: 'TENTATIVE' }],
		});
	});

	it('asks DingTalk about five rooms at a time and answers in the order given, per item', async () => {
		const seven = [
			ROOM_IDS.xixi,
			ROOM_IDS.westLake,
			ROOM_IDS.qiantang,
			ROOM_IDS.everest,
			ROOM_IDS.huangpu,
			ROOM_IDS.bund,
			ROOM_IDS.lujiazui,
		];

		const result = await run({ roomIds: '={{ $json.rooms }}' }, [
			{ rooms: seven },
			{ rooms: seven.slice(0, 2).join(',') },
		]);

		const output = result.output(NODE);
		expect(output.map((item) => item.json.roomId)).toEqual([...seven, ...seven.slice(0, 2)]);
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual([
			0, 0, 0, 0, 0, 0, 0, 1, 1,
		]);
		expect(output.filter((item) => item.json.free).map((item) => item.json.roomId)).toEqual([
			ROOM_IDS.xixi,
			ROOM_IDS.qiantang,
			ROOM_IDS.huangpu,
			ROOM_IDS.bund,
			ROOM_IDS.lujiazui,
			ROOM_IDS.xixi,
		]);
		expect(await dingtalk.callsTo(/schedules\/query/)).toBe(3);
	});

	it('a room removed from its event shows free', async () => {
		const credentialsHelper = credentialsHelperWith(await dingtalk.internalCredential());
		await runWorkflow(
			itemsToNode([{}], {
				resource: 'meetingRoom',
				operation: 'removeFromEvent',
				userId: USER_IDS.alice,
				calendarId: 'primary',
				eventId: { __rl: true, mode: 'id', value: EVENT_IDS.quarterlyPlanning },
				roomIds: [ROOM_IDS.westLake],
			}),
			{ credentialsHelper },
		);

		const result = await run({ roomIds: [ROOM_IDS.westLake] });

		expect(result.output(NODE)[0].json).toMatchObject({
			status: 'free',
			free: true,
			busySlots: [],
		});
	});

	describe('times', () => {
		it.each([
			[
				'an ISO text with an offset',
				{ start: '2030-01-15T10:30:00+08:00', end: '2030-01-15T11:30:00+08:00' },
			],
			[
				'an n8n DateTime expression',
				{
					start: '={{ DateTime.fromISO("2030-01-15T10:30", { zone: "Asia/Shanghai" }) }}',
					end: '={{ DateTime.fromISO("2030-01-15T10:30", { zone: "Asia/Shanghai" }).plus({ hours: 1 }) }}',
				},
			],
			[
				'a JavaScript Date',
				{
					start: '={{ new Date("2030-01-15T02:30:00Z") }}',
					end: '={{ new Date(Date.UTC(2030, 0, 15, 3, 30)) }}',
				},
			],
			[
				'epoch milliseconds',
				{
					start: `={{ ${Date.UTC(2030, 0, 15, 2, 30)} }}`,
					end: `={{ ${Date.UTC(2030, 0, 15, 3, 30)} }}`,
				},
			],
		])('accepts %s and sends UTC with milliseconds', async (_name, times) => {
			await dingtalk.config({ strictTimestamps: true });

			const result = await run({ roomIds: [ROOM_IDS.xixi], ...times });

			expect(result.error).toBeUndefined();
			expect(result.output(NODE)[0].json).toMatchObject({
				start: '2030-01-15T02:30:00.000Z',
				end: '2030-01-15T03:30:00.000Z',
			});
		});

		it('reads a time without an offset in the workflow time zone', async () => {
			const shanghai = await run({
				roomIds: [ROOM_IDS.xixi],
				start: '2030-01-15T10:30:00',
				end: '2030-01-15 11:30',
			});
			const utc = await run(
				{ roomIds: [ROOM_IDS.xixi], start: '2030-01-15T10:30:00', end: '2030-01-15 11:30' },
				[{}],
				{},
				'UTC',
			);

			expect(shanghai.output(NODE)[0].json).toMatchObject({
				start: '2030-01-15T02:30:00.000Z',
				end: '2030-01-15T03:30:00.000Z',
			});
			expect(utc.output(NODE)[0].json).toMatchObject({
				start: '2030-01-15T10:30:00.000Z',
				end: '2030-01-15T11:30:00.000Z',
			});
		});
	});

	describe('checks before any request', () => {
		it.each([
			[
				'End before Start',
				{ end: '2030-01-15T08:00:00' },
				'Item 0, field "End": 2030-01-15 08:00 (Asia/Shanghai) is not after Start (2030-01-15 09:00 (Asia/Shanghai))',
			],
			[
				'a window over 90 days',
				{ end: '2030-04-16T09:00:00' },
				'Item 0, field "End": the window from Start to End is longer than 90 days',
			],
			// A required field left empty in the editor stops n8n before the run; from an expression it reaches the node.
			['an empty Start', { start: '={{ $json.nothing }}' }, 'Item 0, field "Start": is empty'],
			[
				'a Start that is no time',
				{ start: 'next tuesday' },
				'Item 0, field "Start": "next tuesday" is not a date or date-time',
			],
			['no rooms', { roomIds: '={{ [] }}' }, 'Item 0, field "Rooms": no room ID given'],
		])('%s', async (_name, parameters, message) => {
			const result = await run({ roomIds: [ROOM_IDS.xixi], ...parameters }, [{}], continueOnFail);

			expect(result.output(NODE)).toEqual([
				{ json: expect.objectContaining({ error: message }), pairedItem: { item: 0 } },
			]);
			expect(await dingtalk.callsTo(/schedules\/query/)).toBe(0);
		});
	});

	describe('DingTalk errors become clear node errors', () => {
		it('roomId invalid: names the rooms of the failing batch', async () => {
			const unknown = 'f'.repeat(48);

			const result = await run({ roomIds: [unknown] }, [{}], continueOnFail);

			expect(result.output(NODE)[0].json).toMatchObject({
				error: `Room ID ${unknown} does not exist in this organization`,
				dingTalk: { code: 'invalidParameter', message: 'roomId invalid' },
			});
		});

		it('Cannot get schedule information for more than limit.', async () => {
			await dingtalk.config({ limits: { roomScheduleMaxRooms: 3 } });

			const result = await run(
				{ roomIds: [ROOM_IDS.xixi, ROOM_IDS.westLake, ROOM_IDS.qiantang, ROOM_IDS.everest] },
				[{}],
				continueOnFail,
			);

			expect(result.output(NODE)[0].json).toMatchObject({
				error: expect.stringMatching(/^DingTalk refused to check this many rooms at once/),
				errorDescription: expect.stringContaining('check fewer rooms per item'),
				dingTalk: { message: 'Cannot get schedule information for more than limit.' },
			});
		});

		it('Cannot query schedule for more than 90 days.', async () => {
			await dingtalk.config({ limits: { scheduleMaxDays: 30 } });

			const result = await run(
				{ roomIds: [ROOM_IDS.xixi], end: '2030-03-01T09:00:00' },
				[{}],
				continueOnFail,
			);

			expect(result.output(NODE)[0].json).toMatchObject({
				error: 'The time window is longer than the 90 days DingTalk looks at',
				errorDescription: expect.stringContaining('Shorten the window'),
			});
		});
	});
});
