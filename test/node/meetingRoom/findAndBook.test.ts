import type { INode, INodeParameters } from 'n8n-workflow';

import { EVENT_IDS, ROOM_IDS, USER_IDS } from '../../../sandbox/seed';
import { credentialsHelperWith, runWorkflow } from '../../harness/engine';
import { useSandbox } from '../../harness/sandboxSuite';
import { itemsToNode } from '../../harness/workflows';

const NODE = 'DingTalk Calendar';
const continueOnFail: Partial<INode> = { onError: 'continueRegularOutput' };
const organizer = USER_IDS.alice;

/** A 2031 hour in UTC, clear of the seed's 2030 bookings; the same hour in Shanghai, as the node reads text. */
const slot = (hour: number) => ({
	start: `2031-05-05T${String(hour).padStart(2, '0')}:00:00.000Z`,
	end: `2031-05-05T${String(hour + 1).padStart(2, '0')}:00:00.000Z`,
});

/** Find and Book for a new event, fed from the item: title, start, end. */
function newEventParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'meetingRoom',
		operation: 'findAndBook',
		userId: organizer,
		calendarId: 'primary',
		bookFor: 'newEvent',
		summary: '={{ $json.title }}',
		start: '={{ $json.start }}',
		end: '={{ $json.end }}',
		...overrides,
	};
}

function existingEventParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'meetingRoom',
		operation: 'findAndBook',
		userId: '={{ $json.organizer }}',
		calendarId: 'primary',
		bookFor: 'existingEvent',
		eventId: { __rl: true, mode: 'id', value: '={{ $json.eventId }}' },
		...overrides,
	};
}

describe('Meeting Room > Find and Book, through the n8n engine against the sandbox', () => {
	const suite = useSandbox();
	const { dingtalk } = suite;

	async function run(
		parameters: INodeParameters,
		items: object[],
		nodeOptions: Partial<INode> = {},
	) {
		const credentialsHelper = credentialsHelperWith(await dingtalk.internalCredential());
		return await runWorkflow(itemsToNode(items as never, parameters, nodeOptions), {
			credentialsHelper,
		});
	}

	async function actionCalls(action: string): Promise<number> {
		const { actions } = (await dingtalk.stats()) as unknown as {
			actions: Record<string, Record<string, number>>;
		};
		return Object.values(actions[action] ?? {}).reduce((a, b) => a + b, 0);
	}

	describe('for a new event', () => {
		it('books the smallest free room that fits, creating the event, and reads the booking back', async () => {
			const result = await run(
				newEventParameters({ minCapacity: 8, criteria: { groupIds: ['101'] } }),
				[{ title: 'Design sync', start: '2030-01-15T10:30:00', end: '2030-01-15T11:30:00' }],
			);

			expect(result.error).toBeUndefined();
			const [item] = result.output(NODE);
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toEqual({
				found: true,
				userId: organizer,
				calendarId: 'primary',
				eventId: expect.any(String),
				eventCreated: true,
				summary: 'Design sync',
				start: '2030-01-15T02:30:00.000Z',
				end: '2030-01-15T03:30:00.000Z',
				roomIds: [ROOM_IDS.qiantang],
				rooms: [
					{
						roomId: ROOM_IDS.qiantang,
						roomName: '钱塘 Qiantang',
						roomCapacity: 10,
						responseStatus: 'accepted',
					},
				],
				allAccepted: true,
				passedOver: [{ roomId: ROOM_IDS.westLake, roomName: '西湖 West Lake', reason: 'busy' }],
			});
			const event = await dingtalk.event(item.json.eventId as string);
			expect(event).toMatchObject({
				summary: 'Design sync',
				organizerUnionId: organizer,
				status: 'confirmed',
				timeZone: 'Asia/Shanghai',
			});
			expect(event?.roomIds).toEqual([ROOM_IDS.qiantang]);
		});

		it('creates no event when nothing is free, and says why', async () => {
			const result = await run(
				newEventParameters({ minCapacity: 25, criteria: { groupIds: ['101'] } }),
				[{ title: 'Town hall', start: '2030-01-16T09:30:00', end: '2030-01-16T10:30:00' }],
			);

			const error = result.error as unknown as {
				message: string;
				description: string;
				context: { itemIndex?: number };
			};
			expect(error.message).toBe(
				'No free room with capacity ≥ 25 in group Headquarters (or its sub-groups) between 2030-01-16 09:30 and 10:30 (Asia/Shanghai)',
			);
			expect(error.description).toBe(
				'1 of 14 rooms in the directory meet the criteria: Auditorium 大礼堂 busy; Try another time, fewer criteria, or more rooms to choose from.',
			);
			expect(error.context.itemIndex).toBe(0);
			expect(await actionCalls('CreateEvent')).toBe(0);
		});

		it('with "Return an Empty Result" the item succeeds with found: false', async () => {
			const result = await run(
				newEventParameters({
					minCapacity: 25,
					criteria: { groupIds: ['101'] },
					options: { whenNoRoomIsFree: 'returnEmpty' },
				}),
				[{ title: 'Town hall', start: '2030-01-16T09:30:00', end: '2030-01-16T10:30:00' }],
			);

			expect(result.error).toBeUndefined();
			expect(result.output(NODE)).toEqual([
				{
					json: expect.objectContaining({
						found: false,
						reason: expect.stringMatching(/^No free room with capacity ≥ 25/),
						eventId: null,
						eventCreated: false,
						roomIds: [],
						rooms: [],
						passedOver: [
							{ roomId: ROOM_IDS.auditorium, roomName: 'Auditorium 大礼堂', reason: 'busy' },
						],
					}),
					pairedItem: { item: 0 },
				},
			]);
		});

		it('all or none: when only one of two rooms can be booked it deletes the event it created', async () => {
			const result = await run(
				newEventParameters({ roomCount: 2, minCapacity: 10, criteria: { groupIds: ['102'] } }),
				[{ title: 'Two rooms', ...slot(1) }],
			);

			const error = result.error as unknown as { message: string; description: string };
			expect(error.message).toBe(
				'Only 1 of 2 rooms free with capacity ≥ 10 in group Headquarters / HQ · 5F (or its sub-groups) between 2031-05-05 09:00 and 10:00 (Asia/Shanghai)',
			);
			expect(error.description).toContain('Released again: 钱塘 Qiantang.');
			expect(await actionCalls('CreateEvent')).toBe(1);
			expect(await actionCalls('DeleteEvent')).toBe(1);
			const events = (await dingtalk.http.get('/__sandbox/events')).data.events as Array<{
				summary: string;
				status: string;
			}>;
			expect(
				events.filter((event) => event.summary === 'Two rooms').map((event) => event.status),
			).toEqual(['cancelled']);
			const free = await run(
				{
					resource: 'meetingRoom',
					operation: 'getAvailability',
					userId: organizer,
					roomIds: [ROOM_IDS.qiantang],
					...slot(1),
				},
				[{}],
			);
			expect(free.output(NODE)[0].json.free).toBe(true);
		});
	});

	describe('for an existing event', () => {
		it("reads the event's time, skips approval rooms by default, and books", async () => {
			// The seeded 1:1 is on 2030-01-15 15:00–15:30 and holds no room.
			const result = await run(
				existingEventParameters({ minCapacity: 6, criteria: { labels: 'TV' } }),
				[{ organizer, eventId: EVENT_IDS.oneOnOne }],
			);

			expect(result.output(NODE)[0].json).toMatchObject({
				found: true,
				eventId: EVENT_IDS.oneOnOne,
				eventCreated: false,
				summary: '1:1 Alice / Bob',
				start: '2030-01-15T07:00:00.000Z',
				end: '2030-01-15T07:30:00.000Z',
				roomIds: [ROOM_IDS.westLake],
				passedOver: [
					{
						roomId: ROOM_IDS.executiveLounge,
						roomName: 'Executive Lounge',
						reason: 'needsApproval',
					},
				],
			});
			expect(await dingtalk.roomsOf(EVENT_IDS.oneOnOne)).toEqual({
				[ROOM_IDS.westLake]: 'accepted',
			});
		});

		it('books an approval room when allowed, and reports it tentative', async () => {
			const result = await run(
				existingEventParameters({
					minCapacity: 6,
					criteria: { groupIds: ['103'], allowApprovalRooms: true },
				}),
				[{ organizer, eventId: EVENT_IDS.oneOnOne }],
			);

			expect(result.output(NODE)[0].json).toMatchObject({
				roomIds: [ROOM_IDS.executiveLounge],
				rooms: [{ roomId: ROOM_IDS.executiveLounge, responseStatus: 'tentative' }],
				allAccepted: false,
			});
		});

		it('tries preferred rooms first, in order, when they fit and are free', async () => {
			const result = await run(
				existingEventParameters({
					minCapacity: 6,
					criteria: {
						preferredRoomIds: [
							ROOM_IDS.boardroom,
							ROOM_IDS.phoneBoothA,
							ROOM_IDS.bund,
							ROOM_IDS.huangpu,
						],
						allowApprovalRooms: true,
					},
				}),
				[{ organizer, eventId: EVENT_IDS.oneOnOne }],
			);

			expect(result.output(NODE)[0].json).toMatchObject({
				roomIds: [ROOM_IDS.bund],
				passedOver: [
					{ roomId: ROOM_IDS.phoneBoothA, reason: 'doesNotMatchCriteria' },
					{ roomId: ROOM_IDS.boardroom, reason: 'busy' },
				],
			});
		});

		it('skips a room closed for booking', async () => {
			const event = await dingtalk.createEvent(organizer, slot(2).start, slot(2).end);

			const result = await run(
				existingEventParameters({ minCapacity: 10, criteria: { groupIds: ['104'] } }),
				[{ organizer, eventId: event }],
			);

			expect(result.output(NODE)[0].json).toMatchObject({
				roomIds: [ROOM_IDS.bund],
				passedOver: [{ roomId: ROOM_IDS.oldLab, reason: 'closed' }],
			});
		});

		it('checks availability five rooms at a time until it finds one', async () => {
			const holder = await dingtalk.createEvent(USER_IDS.bob, slot(3).start, slot(3).end);
			await dingtalk.addRooms(USER_IDS.bob, holder, [
				ROOM_IDS.phoneBoothA,
				ROOM_IDS.phoneBoothB,
				ROOM_IDS.xixi,
				ROOM_IDS.lujiazui,
				ROOM_IDS.westLake,
			]);
			const event = await dingtalk.createEvent(organizer, slot(3).start, slot(3).end);

			const result = await run(existingEventParameters(), [{ organizer, eventId: event }]);

			// Smallest first: booths (2), Xixi (4), Executive Lounge and Lujiazui (6), then West Lake and Huangpu (8).
			expect(result.output(NODE)[0].json).toMatchObject({
				roomIds: [ROOM_IDS.huangpu],
				passedOver: [
					{ roomId: ROOM_IDS.phoneBoothA, reason: 'busy' },
					{ roomId: ROOM_IDS.phoneBoothB, reason: 'busy' },
					{ roomId: ROOM_IDS.xixi, reason: 'busy' },
					{ roomId: ROOM_IDS.executiveLounge, reason: 'needsApproval' },
					{ roomId: ROOM_IDS.lujiazui, reason: 'busy' },
					{ roomId: ROOM_IDS.westLake, reason: 'busy' },
				],
			});
			expect(await actionCalls('GetMeetingRoomsSchedule')).toBe(2);
		});

		it('books several rooms, and leaves out the rooms the event already holds', async () => {
			const result = await run(
				existingEventParameters({ roomCount: 2, minCapacity: 8, criteria: { groupIds: ['101'] } }),
				[{ organizer, eventId: EVENT_IDS.quarterlyPlanning }],
			);

			// Quarterly planning (10:00–12:00) holds West Lake; Everest is busy from 11:00; the Boardroom needs approval.
			expect(result.output(NODE)[0].json).toMatchObject({
				roomIds: [ROOM_IDS.qiantang, ROOM_IDS.trainingRoom],
				rooms: [
					{ roomId: ROOM_IDS.qiantang, responseStatus: 'accepted' },
					{ roomId: ROOM_IDS.trainingRoom, responseStatus: 'accepted' },
				],
				passedOver: [
					{ roomId: ROOM_IDS.everest, reason: 'busy' },
					{ roomId: ROOM_IDS.boardroom, reason: 'needsApproval' },
				],
			});
			expect(await dingtalk.roomsOf(EVENT_IDS.quarterlyPlanning)).toEqual({
				[ROOM_IDS.westLake]: 'accepted',
				[ROOM_IDS.qiantang]: 'accepted',
				[ROOM_IDS.trainingRoom]: 'accepted',
			});
		});

		it('all or none: releases what it booked when it cannot book them all', async () => {
			const event = await dingtalk.createEvent(organizer, slot(4).start, slot(4).end);

			const result = await run(
				existingEventParameters({ roomCount: 3, minCapacity: 12, criteria: { groupIds: ['103'] } }),
				[{ organizer, eventId: event }],
				continueOnFail,
			);

			expect(result.output(NODE)[0].json).toMatchObject({
				error: expect.stringMatching(/^Only 1 of 3 rooms free with capacity ≥ 12/),
				errorDescription: expect.stringContaining(
					'Boardroom 董事会议室 needs approval (allow it under Room Criteria); Released again: 珠峰 Everest.',
				),
			});
			expect(await dingtalk.roomsOf(event)).toEqual({});
		});

		it('refuses more rooms than the event may still hold, before booking', async () => {
			const event = await dingtalk.createEvent(organizer, slot(5).start, slot(5).end);
			await dingtalk.addRooms(organizer, event, [
				ROOM_IDS.phoneBoothA,
				ROOM_IDS.phoneBoothB,
				ROOM_IDS.xixi,
				ROOM_IDS.lujiazui,
			]);

			const result = await run(
				existingEventParameters({ roomCount: 2 }),
				[{ organizer, eventId: event }],
				continueOnFail,
			);

			expect(result.output(NODE)[0].json).toMatchObject({
				error: `Item 0, field "Number of Rooms": event ${event} already holds 4 rooms, and DingTalk allows 5 per event`,
				errorDescription: expect.stringContaining('Ask for at most 1 more'),
			});
			expect(await actionCalls('GetMeetingRoomsSchedule')).toBe(0);
		});

		it('a recurring event: a room busy at a later occurrence is passed over before booking, the next one booked', async () => {
			const weekly = {
				recurrence: {
					pattern: { type: 'weekly', interval: 1, daysOfWeek: 'monday' },
					range: { type: 'numbered', numberOfOccurrences: 3 },
				},
			};
			const series = await dingtalk.createEvent(
				organizer,
				slot(6).start,
				slot(6).end,
				'Weekly sync',
				weekly,
			);
			// Qiantang is free at the first occurrence (2031-05-05) but taken at the second (2031-05-12).
			const other = await dingtalk.createEvent(
				USER_IDS.bob,
				'2031-05-12T06:00:00.000Z',
				'2031-05-12T07:00:00.000Z',
			);
			await dingtalk.addRooms(USER_IDS.bob, other, [ROOM_IDS.qiantang]);

			const result = await run(
				existingEventParameters({ minCapacity: 10, criteria: { groupIds: ['102', '103'] } }),
				[{ organizer, eventId: series }],
			);

			expect(result.error).toBeUndefined();
			expect(result.output(NODE)[0].json).toMatchObject({
				found: true,
				eventId: series,
				roomIds: [ROOM_IDS.everest],
				passedOver: [
					{
						roomId: ROOM_IDS.qiantang,
						roomName: '钱塘 Qiantang',
						reason: 'busyInSeries',
						busyAt: '2031-05-12T06:00:00.000Z',
					},
				],
			});
			expect(await dingtalk.roomsOf(series)).toEqual({ [ROOM_IDS.everest]: 'accepted' });
			// Every occurrence was checked in one free/busy query: only the free room was booked (1 + the set-up's).
			expect(await actionCalls('AddMeetingRooms')).toBe(2);
		});

		it('a recurring event with no room free at every occurrence: the error names the occurrence that clashes', async () => {
			const weekly = {
				recurrence: {
					pattern: { type: 'weekly', interval: 1, daysOfWeek: 'monday' },
					range: { type: 'numbered', numberOfOccurrences: 4 },
				},
			};
			const series = await dingtalk.createEvent(
				organizer,
				slot(6).start,
				slot(6).end,
				'Weekly sync',
				weekly,
			);
			const other = await dingtalk.createEvent(
				USER_IDS.bob,
				'2031-05-26T06:30:00.000Z',
				'2031-05-26T07:30:00.000Z',
			);
			await dingtalk.addRooms(USER_IDS.bob, other, [ROOM_IDS.auditorium]);

			const result = await run(
				existingEventParameters({ minCapacity: 25 }),
				[{ organizer, eventId: series }],
				continueOnFail,
			);

			const json = result.output(NODE)[0].json;
			expect(json.error).toMatch(/^No free room with capacity ≥ 25/);
			expect(json.errorDescription).toContain(
				'Auditorium 大礼堂 busy at another occurrence of the recurring event (taken at the occurrence of 2031-05-26 14:00 (Asia/Shanghai))',
			);
			expect(await actionCalls('AddMeetingRooms')).toBe(1); // the set-up's only
		});

		it("an unknown event is DingTalk's itemNotFound, explained", async () => {
			const result = await run(
				existingEventParameters(),
				[{ organizer, eventId: 'noSuchEvent' }],
				continueOnFail,
			);

			expect(result.output(NODE)[0].json).toMatchObject({
				error: `The calendar of user ${organizer} has no event noSuchEvent`,
				dingTalk: { code: 'itemNotFound' },
			});
		});
	});

	describe('two executions race for the last free room', () => {
		/** The first booking request waits a second before DingTalk handles it: the other execution gets in first. */
		async function slowFirstBooking() {
			await dingtalk.config({
				faults: [{ route: 'AddMeetingRooms', kind: 'slow', delayMs: 1000, count: 1 }],
			});
		}

		it('one gets the room, the other moves on to the next room', async () => {
			await slowFirstBooking();
			const parameters = newEventParameters({
				minCapacity: 10,
				criteria: { groupIds: ['102', '103'] },
			});

			const [first, second] = await Promise.all([
				run(parameters, [{ title: 'Race A', ...slot(6) }]),
				run(parameters, [{ title: 'Race B', ...slot(6) }]),
			]);

			const outcomes = [first, second].map((result) => result.output(NODE)[0].json);
			const winner = outcomes.find(
				(json) => json.roomIds && (json.roomIds as string[])[0] === ROOM_IDS.qiantang,
			)!;
			const loser = outcomes.find((json) => json !== winner)!;
			expect(winner).toMatchObject({ found: true, passedOver: [] });
			expect(loser).toMatchObject({
				found: true,
				roomIds: [ROOM_IDS.everest],
				passedOver: [{ roomId: ROOM_IDS.qiantang, reason: 'takenMeanwhile' }],
			});
			expect(await dingtalk.roomsOf(winner.eventId as string)).toEqual({
				[ROOM_IDS.qiantang]: 'accepted',
			});
			expect(await dingtalk.roomsOf(loser.eventId as string)).toEqual({
				[ROOM_IDS.everest]: 'accepted',
			});
		});

		it('when no other room fits, the other gets a clear "none free" and leaves no event behind', async () => {
			await slowFirstBooking();
			const parameters = newEventParameters({ minCapacity: 10, criteria: { groupIds: ['102'] } });

			const results = await Promise.all([
				run(parameters, [{ title: 'Race A', ...slot(7) }], continueOnFail),
				run(parameters, [{ title: 'Race B', ...slot(7) }], continueOnFail),
			]);

			const outcomes = results.map((result) => result.output(NODE)[0].json);
			expect(outcomes.filter((json) => json.found === true)).toHaveLength(1);
			const loser = outcomes.find((json) => json.error)!;
			expect(loser.error).toBe(
				'No free room with capacity ≥ 10 in group Headquarters / HQ · 5F (or its sub-groups) between 2031-05-05 15:00 and 16:00 (Asia/Shanghai)',
			);
			expect(loser.errorDescription).toContain('钱塘 Qiantang taken by another booking meanwhile');
			const events = (await dingtalk.http.get('/__sandbox/events')).data.events as Array<{
				summary: string;
				status: string;
				roomIds: string[];
			}>;
			const race = events.filter((event) => event.summary.startsWith('Race'));
			expect(race.map((event) => event.status).sort()).toEqual(['cancelled', 'confirmed']);
			expect(race.find((event) => event.status === 'confirmed')!.roomIds).toEqual([
				ROOM_IDS.qiantang,
			]);
		});
	});

	describe('checks before any request', () => {
		it.each([
			[
				'no rooms wanted',
				{ roomCount: '={{ 0 }}' },
				'Item 0, field "Number of Rooms": number 0 is not a whole number from 1 to 5',
			],
			[
				'six rooms wanted',
				{ roomCount: '={{ 6 }}' },
				'Item 0, field "Number of Rooms": number 6 is not a whole number from 1 to 5',
			],
			['an empty title', { summary: '={{ "  " }}' }, 'Item 0, field "Title": is empty'],
			[
				'End before Start',
				{ end: '={{ "2031-05-05T08:00:00" }}' },
				'Item 0, field "End": 2031-05-05 08:00 (Asia/Shanghai) is not after Start (2031-05-05 09:00 (Asia/Shanghai))',
			],
			[
				'a capacity that is no number',
				{ minCapacity: '={{ "eight" }}' },
				'Item 0, field "Minimum Capacity": string "eight" is not a whole number of seats',
			],
			[
				'a group that is no number',
				{ criteria: { groupIds: '={{ "HQ" }}' } },
				'Item 0, field "Groups": "HQ" is not a group ID (group IDs are numbers)',
			],
		])('%s', async (_name, overrides, message) => {
			const result = await run(
				newEventParameters(overrides),
				[{ title: 'Checked', start: '2031-05-05T09:00:00', end: '2031-05-05T10:00:00' }],
				continueOnFail,
			);

			expect(result.output(NODE)).toEqual([
				{ json: expect.objectContaining({ error: message }), pairedItem: { item: 0 } },
			]);
			expect(await dingtalk.callsTo(/^(GET|POST) \/v1\.0\/(calendar|rooms)\//)).toBe(0);
		});

		it('a preferred room that does not exist is named, and nothing is booked', async () => {
			const unknown = 'e'.repeat(48);

			const result = await run(
				newEventParameters({ criteria: { preferredRoomIds: [ROOM_IDS.xixi, unknown] } }),
				[{ title: 'Checked', ...slot(8) }],
				continueOnFail,
			);

			expect(result.output(NODE)[0].json.error).toBe(
				`Item 0, field "Preferred Rooms": room ${unknown} does not exist in this organization`,
			);
			expect(await actionCalls('CreateEvent')).toBe(0);
			expect(await actionCalls('AddMeetingRooms')).toBe(0);
		});
	});

	it('many items: each comes out once, in order, paired, sharing one directory read', async () => {
		const result = await run(
			newEventParameters({ minCapacity: 8, criteria: { groupIds: ['104'] } }),
			[
				{ title: 'One', ...slot(9) },
				{ title: 'Two', ...slot(9) },
				{ title: '', ...slot(9) },
				{ title: 'Four', ...slot(9) },
			],
			continueOnFail,
		);

		const output = result.output(NODE);
		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		// Shanghai Office rooms with 8+ seats: Huangpu (8), Old Lab (10, closed), The Bund (16).
		const booked = output.map(
			(item) => (item.json.roomIds as string[] | undefined)?.[0] ?? item.json.error,
		);
		expect(booked[2]).toBe('Item 2, field "Title": is empty');
		expect(
			[booked[0], booked[1], booked[3]]
				.filter((room) => room === ROOM_IDS.huangpu || room === ROOM_IDS.bund)
				.sort(),
		).toEqual([ROOM_IDS.bund, ROOM_IDS.huangpu].sort());
		expect(
			[booked[0], booked[1], booked[3]].filter(
				(entry) => typeof entry === 'string' && entry.startsWith('No free room'),
			),
		).toHaveLength(1);
		expect(await actionCalls('QueryMeetingRoomList')).toBe(1);
		expect(await actionCalls('QueryMeetingRoomGroupList')).toBe(1);
	});
});
