import type { INode, INodeParameters } from 'n8n-workflow';

import { EVENT_IDS, ROOM_IDS, USER_IDS } from '../../../sandbox/seed';
import { credentialsHelperWith, runWorkflow } from '../../harness/engine';
import { useSandbox } from '../../harness/sandboxSuite';
import { addToEventParameters, itemsToNode } from '../../harness/workflows';

const NODE = 'DingTalk Calendar';
const continueOnFail: Partial<INode> = { onError: 'continueRegularOutput' };
const organizer = USER_IDS.alice;

/** A 2031 hour, clear of the seed's 2030 bookings. */
const slot = (hour: number) => ({
	start: `2031-04-04T${String(hour).padStart(2, '0')}:00:00.000Z`,
	end: `2031-04-04T${String(hour + 1).padStart(2, '0')}:00:00.000Z`,
});

describe('Meeting Room > Remove From Event, and Add to Event > Verify Booking', () => {
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

	const removeParameters = addToEventParameters({ operation: 'removeFromEvent' });

	describe('Remove From Event', () => {
		it('cancels the given rooms and keeps the others', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(9).start, slot(9).end);
			await dingtalk.addRooms(organizer, eventId, [ROOM_IDS.xixi, ROOM_IDS.qiantang]);

			const result = await run(removeParameters, [
				{ organizer, eventId, rooms: ` ${ROOM_IDS.xixi} ,${ROOM_IDS.xixi}` },
			]);

			expect(result.output(NODE)).toEqual([
				{
					json: {
						userId: organizer,
						calendarId: 'primary',
						eventId,
						roomIds: [ROOM_IDS.xixi],
						result: true,
					},
					pairedItem: { item: 0 },
				},
			]);
			expect(await dingtalk.roomsOf(eventId)).toEqual({ [ROOM_IDS.qiantang]: 'accepted' });
		});

		it('removing a room the event does not hold changes nothing', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(10).start, slot(10).end);
			await dingtalk.addRooms(organizer, eventId, [ROOM_IDS.xixi]);

			const result = await run(removeParameters, [{ organizer, eventId, rooms: [ROOM_IDS.bund] }]);

			expect(result.output(NODE)[0].json.result).toBe(true);
			expect(await dingtalk.roomsOf(eventId)).toEqual({ [ROOM_IDS.xixi]: 'accepted' });
		});

		it('checks the rooms before any request, and explains DingTalk errors, item by item', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(11).start, slot(11).end);
			await dingtalk.addRooms(organizer, eventId, [ROOM_IDS.xixi]);

			const result = await run(
				removeParameters,
				[
					{ organizer, eventId, rooms: [] },
					{ organizer, eventId, rooms: ['1', '2', '3', '4', '5', '6'] },
					{ organizer, eventId: 'noSuchEvent', rooms: [ROOM_IDS.xixi] },
					{ organizer, eventId, rooms: [ROOM_IDS.xixi] },
				],
				continueOnFail,
			);

			const output = result.output(NODE);
			expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
			expect(output[0].json.error).toBe('Item 0, field "Rooms": no room ID given');
			expect(output[1].json.error).toBe(
				'Item 1, field "Rooms": 6 rooms given, but DingTalk books at most 5 rooms per event',
			);
			expect(output[2].json).toMatchObject({
				error: `The calendar of user ${organizer} has no event noSuchEvent`,
				dingTalk: { code: 'itemNotFound', httpStatus: 404 },
			});
			expect(output[3].json.result).toBe(true);
			expect(await dingtalk.callsTo(/batchRemove/)).toBe(2);
			expect(await dingtalk.roomsOf(eventId)).toEqual({});
		});

		it('another organizer cannot remove the rooms', async () => {
			const result = await run(
				removeParameters,
				[
					{
						organizer: USER_IDS.bob,
						eventId: EVENT_IDS.quarterlyPlanning,
						rooms: [ROOM_IDS.westLake],
					},
				],
				continueOnFail,
			);

			expect(result.output(NODE)[0].json.error).toEqual(expect.any(String));
			expect(await dingtalk.roomsOf(EVENT_IDS.quarterlyPlanning)).toEqual({
				[ROOM_IDS.westLake]: 'accepted',
			});
		});
	});

	describe('Add to Event > Verify Booking', () => {
		const verify = addToEventParameters({ options: { verifyBooking: true } });

		it('reads the event back: a plain room is accepted, an approval room tentative', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(12).start, slot(12).end);

			const result = await run(verify, [
				{ organizer, eventId, rooms: [ROOM_IDS.xixi] },
				{ organizer, eventId, rooms: [ROOM_IDS.executiveLounge] },
			]);

			const [plain, approval] = result.output(NODE);
			expect(plain.json).toEqual({
				userId: organizer,
				calendarId: 'primary',
				eventId,
				roomIds: [ROOM_IDS.xixi],
				result: true,
				rooms: [{ roomId: ROOM_IDS.xixi, roomName: '西溪 Xixi', responseStatus: 'accepted' }],
				allAccepted: true,
			});
			expect(approval.json).toMatchObject({
				rooms: [
					{
						roomId: ROOM_IDS.executiveLounge,
						roomName: 'Executive Lounge',
						responseStatus: 'tentative',
					},
				],
				allAccepted: false,
			});
			expect(await dingtalk.callsTo(/^GET .*\/events\/:eventId$/)).toBe(2);
		});

		it('a read-back that fails does not fail the item: the rooms are booked, and the output says so', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(14).start, slot(14).end);
			await dingtalk.config({ faults: [{ route: 'GetEvent', kind: 'http500' }] });

			const result = await run(
				addToEventParameters({ options: { verifyBooking: true }, requestOptions: { maxTries: 1 } }),
				[{ organizer, eventId, rooms: [ROOM_IDS.xixi] }],
			);
			await dingtalk.config({ faults: [] });

			expect(result.error).toBeUndefined();
			expect(result.output(NODE)[0].json).toMatchObject({
				result: true,
				rooms: [{ roomId: ROOM_IDS.xixi, roomName: null, responseStatus: null }],
				allAccepted: false,
				verifyError: expect.stringContaining(
					'The rooms are booked, but reading the event back failed: DingTalk had a server error',
				),
			});
			expect(await dingtalk.roomsOf(eventId)).toEqual({ [ROOM_IDS.xixi]: 'accepted' });
		});

		it('reports a room an approver declined', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(13).start, slot(13).end);
			await dingtalk.addRooms(organizer, eventId, [ROOM_IDS.boardroom]);
			await dingtalk.http.post(
				`/__sandbox/events/${eventId}/meetingRooms/${ROOM_IDS.boardroom}/respond`,
				{ responseStatus: 'declined' },
			);

			const result = await run(verify, [{ organizer, eventId, rooms: [ROOM_IDS.xixi] }]);

			expect(result.output(NODE)[0].json).toMatchObject({
				rooms: [{ roomId: ROOM_IDS.xixi, responseStatus: 'accepted' }],
				allAccepted: true,
			});
			const statuses = await run(verify, [{ organizer, eventId, rooms: [ROOM_IDS.xixi] }]);
			expect(statuses.output(NODE)[0].json.rooms).toEqual([
				{ roomId: ROOM_IDS.xixi, roomName: '西溪 Xixi', responseStatus: 'accepted' },
			]);
			expect(await dingtalk.roomsOf(eventId)).toEqual({
				[ROOM_IDS.boardroom]: 'declined',
				[ROOM_IDS.xixi]: 'accepted',
			});
		});
	});
});
