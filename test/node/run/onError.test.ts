import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ROOM_IDS, USER_IDS } from '../../../sandbox/seed';
import { credentialsHelperWith, runWorkflow } from '../../harness/engine';
import { addToEventParameters, itemsToNode } from '../../harness/workflows';
import { createParameters, NODE, useCalendarSandbox } from '../calendarTestKit';

/**
 * What a failed item means, per On Error mode and Concurrency (issue 12): the node's output (or the error
 * that stopped the run) and the sandbox's state agree in every cell of
 * {Stop Workflow, Continue (regular output), Continue (error output)} × {Concurrency 1, 5}
 * × {local mistake, DingTalk refusal} × {first, middle, last item} × {Add to Event, Event → Create}.
 *
 * The rule: a local mistake is found before any request (with Stop Workflow nothing at all is sent);
 * after a DingTalk refusal with Stop Workflow no further item starts, and each change that items already
 * running made is in the error; with the Continue modes every other item runs, and the failed one is
 * its own error item, on the error output when there is one.
 */

type Mode = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
type Failure = 'local' | 'remote';
type Operation = 'addToEvent' | 'create';

const organizer = USER_IDS.alice;
const ITEMS = 3;
/** Each item books its own room; the busy one is held by another event in the same slot. */
const ITEM_ROOMS = [ROOM_IDS.xixi, ROOM_IDS.westLake, ROOM_IDS.qiantang];
const BUSY_ROOM = ROOM_IDS.everest;
const SLOT = { start: '2031-05-05T01:00:00.000Z', end: '2031-05-05T02:00:00.000Z' };

const modes: Mode[] = ['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput'];
const cells: Array<[Mode, number, Failure, number, Operation]> = [];
for (const operation of ['addToEvent', 'create'] as Operation[]) {
	for (const mode of modes) {
		for (const concurrency of [1, 5]) {
			for (const failure of ['local', 'remote'] as Failure[]) {
				for (const bad of [0, 1, 2]) cells.push([mode, concurrency, failure, bad, operation]);
			}
		}
	}
}

interface NodeErrorLike {
	message: string;
	description?: string;
	context: IDataObject & { itemIndex?: number; stoppedRun?: IDataObject };
}

describe('On Error × Concurrency: a failed item, what the run outputs and what DingTalk holds', () => {
	const kit = useCalendarSandbox();

	/** Sets up the items of a cell; returns them and how to tell, afterwards, whether item i's write happened. */
	async function prepare(operation: Operation, failure: Failure, bad: number) {
		if (operation === 'addToEvent') {
			const holder = await kit.dingtalk.createEvent(
				USER_IDS.bob,
				SLOT.start,
				SLOT.end,
				'Holds the busy room',
			);
			await kit.dingtalk.addRooms(USER_IDS.bob, holder, [BUSY_ROOM]);
			const eventIds: string[] = [];
			for (let i = 0; i < ITEMS; i++)
				eventIds.push(await kit.dingtalk.createEvent(organizer, SLOT.start, SLOT.end, `Item ${i}`));
			const items: IDataObject[] = eventIds.map((eventId, i) => ({
				organizer,
				eventId,
				rooms: [ITEM_ROOMS[i]],
			}));
			if (failure === 'local') items[bad].rooms = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
			else items[bad].rooms = [BUSY_ROOM];
			return {
				items,
				parameters: addToEventParameters(),
				written: async (i: number) =>
					Object.keys(await kit.dingtalk.roomsOf(eventIds[i])).includes(ITEM_ROOMS[i]),
				writeCalls: async () => await kit.calls('AddMeetingRooms'),
				localMessage: `Item ${bad}, field "Rooms": 6 rooms given, but DingTalk books at most 5 rooms per event`,
				remoteMessage: `Room ${BUSY_ROOM} is already booked for this time`,
				remoteCode: 'meetingRoomNotAvailable',
				eventOf: (i: number) => eventIds[i],
			};
		}
		const items: IDataObject[] = Array.from({ length: ITEMS }, (_, i) => ({
			organizer,
			summary: `Item ${i}`,
		}));
		if (failure === 'local') items[bad].summary = '  ';
		else items[bad].organizer = 'noSuchUnionId0123456789';
		const created = async () =>
			(await kit.events()).filter(
				(event) => event.status !== 'cancelled' && /^Item \d$/.test(event.summary),
			);
		return {
			items,
			parameters: createParameters({ summary: '={{ $json.summary }}' }) as INodeParameters,
			written: async (i: number) =>
				(await created()).some((event) => event.summary === `Item ${i}`),
			writeCalls: async () => await kit.calls('CreateEvent'),
			localMessage: `Item ${bad}, field "Summary": is empty`,
			remoteMessage: 'is outside the app',
			remoteCode: 'permissionDeny',
			eventOf: undefined,
		};
	}

	it.each(cells)(
		'%s, Concurrency %i, %s failure at item %i, %s',
		async (mode, concurrency, failure, bad, operation) => {
			const cell = await prepare(operation, failure, bad);
			// With Concurrency 5 every item is sent at once and each request takes a while, so the later
			// items are still in flight when the failing one fails.
			if (concurrency > 1) await kit.dingtalk.config({ latencyMs: 150 });
			const node: Partial<INode> = { onError: mode };
			const callsBefore = await cell.writeCalls();
			const result = await kit.run(
				cell.items,
				{ ...cell.parameters, requestOptions: { concurrency } },
				{ node },
			);
			await kit.dingtalk.config({ latencyMs: 0 });

			const message = failure === 'local' ? cell.localMessage : cell.remoteMessage;
			const others = [0, 1, 2].filter((i) => i !== bad);
			const written = await Promise.all([0, 1, 2].map(async (i) => await cell.written(i)));
			expect(written[bad]).toBe(false);

			if (mode === 'stopWorkflow') {
				const error = result.error as unknown as NodeErrorLike;
				expect(error.message).toContain(message);
				expect(error.context.itemIndex).toBe(bad);
				expect(result.output(NODE)).toEqual([]);
				if (failure === 'local') {
					// Checked before the first request: nothing at all was sent.
					expect(error.description).toContain('Nothing was sent to DingTalk');
					expect(error.context.stoppedRun).toMatchObject({ stoppedAtItem: bad, nothingSent: true });
					expect(written).toEqual([false, false, false]);
					expect(await cell.writeCalls()).toBe(callsBefore);
					return;
				}
				expect((error.context as IDataObject).dingTalk).toMatchObject({
					code: cell.remoteCode,
					requestId: expect.any(String),
				});
				const stopped = error.context.stoppedRun as IDataObject & {
					changesAfter: IDataObject[];
					notStarted: number[];
				};
				// Items before it completed, as one at a time would have them.
				for (let i = 0; i < bad; i++) expect(written[i]).toBe(true);
				expect(stopped.completedBefore).toBe(bad);
				if (bad > 0)
					expect(error.description).toContain(
						bad === 1 ? 'Item 0 completed before it' : `Items 0–${bad - 1} completed before it`,
					);
				const after = others.filter((i) => i > bad);
				if (concurrency === 1) {
					// One at a time: nothing after the failing item was started.
					for (const i of after) expect(written[i]).toBe(false);
					expect(stopped.notStarted).toEqual(after);
					expect(stopped.changesAfter).toEqual([]);
					if (after.length) expect(error.description).toContain('not started');
					expect(error.description).toContain(
						`No item after item ${bad} changed anything in DingTalk`,
					);
					return;
				}
				// All at once: the later items were in flight, completed, and the error lists each change.
				for (const i of after) expect(written[i]).toBe(true);
				expect(stopped.notStarted).toEqual([]);
				expect(stopped.changesAfter.map((change) => change.itemIndex)).toEqual(after);
				for (const change of stopped.changesAfter) {
					const i = change.itemIndex as number;
					expect(change.eventId).toEqual(expect.any(String));
					expect(error.description).toContain(`item ${i} `);
					expect(error.description).toContain(change.eventId as string);
					if (operation === 'addToEvent') {
						expect(change).toMatchObject({
							eventId: cell.eventOf!(i),
							roomIds: [ITEM_ROOMS[i]],
							operation: 'Meeting Room → Add to Event',
						});
						expect(error.description).toContain(
							`item ${i} booked room ${ITEM_ROOMS[i]} onto event ${cell.eventOf!(i)}`,
						);
					} else {
						expect(change).toMatchObject({
							operation: 'Event → Create',
							change: `created event ${String(change.eventId)} ("Item ${i}")`,
						});
						expect((await kit.event(change.eventId as string)).summary).toBe(`Item ${i}`);
					}
				}
				return;
			}

			// Continue: every other item ran and succeeded.
			for (const i of others) expect(written[i]).toBe(true);
			expect(result.error).toBeUndefined();
			const main = result.output(NODE);
			const errors = result.errorOutput(NODE);
			const failedItem: INodeExecutionData | undefined =
				mode === 'continueErrorOutput'
					? errors[0]
					: main.find((item) => (item.pairedItem as { item: number }).item === bad);
			if (mode === 'continueErrorOutput') {
				expect(main.map((item) => item.pairedItem)).toEqual(others.map((item) => ({ item })));
				expect(main.every((item) => item.json.error === undefined)).toBe(true);
				expect(errors).toHaveLength(1);
			} else {
				expect(main.map((item) => item.pairedItem)).toEqual([0, 1, 2].map((item) => ({ item })));
				expect(errors).toEqual([]);
				// Continue (regular output) keeps the items as they always were: json only.
				expect(Object.keys(failedItem!.json).sort()).toEqual(
					failure === 'local'
						? ['error', 'errorDescription']
						: ['dingTalk', 'error', 'errorDescription'],
				);
			}
			expect(failedItem!.pairedItem).toEqual({ item: bad });
			if (mode === 'continueErrorOutput') {
				// The engine merged the input item's fields in; the error keeps DingTalk's code and request ID.
				expect(failedItem!.json).toMatchObject({
					...cell.items[bad],
					error: { message: expect.stringContaining(message) },
				});
				const error = failedItem!.json.error as IDataObject;
				expect(error.errorDescription).toEqual(expect.any(String));
				if (failure === 'remote')
					expect(error.dingTalk).toMatchObject({
						code: cell.remoteCode,
						requestId: expect.any(String),
					});
				else expect(error.dingTalk).toBeUndefined();
				return;
			}
			expect(failedItem!.json.error).toContain(message);
			if (failure === 'remote') {
				expect(failedItem!.json.dingTalk).toMatchObject({
					code: cell.remoteCode,
					requestId: expect.any(String),
				});
			}
		},
	);

	it('Stop Workflow, Concurrency 5, 8 items: the items in flight finish and are listed, the rest never start', async () => {
		const holder = await kit.dingtalk.createEvent(
			USER_IDS.bob,
			SLOT.start,
			SLOT.end,
			'Holds the busy room',
		);
		await kit.dingtalk.addRooms(USER_IDS.bob, holder, [BUSY_ROOM]);
		const rooms = [
			ROOM_IDS.phoneBoothA,
			ROOM_IDS.phoneBoothB,
			BUSY_ROOM,
			...ITEM_ROOMS,
			ROOM_IDS.huangpu,
			ROOM_IDS.bund,
		];
		const eventIds: string[] = [];
		for (let i = 0; i < rooms.length; i++)
			eventIds.push(await kit.dingtalk.createEvent(organizer, SLOT.start, SLOT.end, `Item ${i}`));
		// The refusal comes back at once, the bookings of the others take their time.
		const slow = eventIds
			.filter((_, i) => i !== 2)
			.map((eventId) => ({
				route: `POST /v1.0/calendar/users/*/events/${eventId}/meetingRooms`,
				kind: 'slow',
				delayMs: 300,
			}));
		await kit.dingtalk.config({ faults: slow });

		// A credential that already holds a token, so that the first five items go out together (without
		// one, the first call goes alone to fetch it).
		const app = kit.seed.apps.find((entry) => entry.type === 'internal')!;
		const token = (
			await kit.dingtalk.http.post('/v1.0/oauth2/accessToken', {
				appKey: app.appKey,
				appSecret: app.appSecret,
			})
		).data.accessToken as string;
		const result = await runWorkflow(
			itemsToNode(
				rooms.map((room, i) => ({ organizer, eventId: eventIds[i], rooms: [room] })),
				addToEventParameters({ requestOptions: { concurrency: 5 } }),
			),
			{
				credentialsHelper: credentialsHelperWith(
					await kit.dingtalk.internalCredential({ accessToken: token }),
				),
			},
		);
		await kit.dingtalk.config({ faults: [] });

		const error = result.error as unknown as NodeErrorLike;
		expect(error.message).toBe(`Room ${BUSY_ROOM} is already booked for this time`);
		expect(error.context.itemIndex).toBe(2);
		expect(error.context.stoppedRun).toMatchObject({
			completedBefore: 2,
			notStarted: [5, 6, 7],
			failedAfter: [],
		});
		const changes = (error.context.stoppedRun as { changesAfter: IDataObject[] }).changesAfter;
		expect(changes.map((change) => [change.itemIndex, change.roomIds])).toEqual([
			[3, [ITEM_ROOMS[0]]],
			[4, [ITEM_ROOMS[1]]],
		]);
		expect(error.description).toContain('Items 0–1 completed before it.');
		expect(error.description).toContain(
			`item 3 booked room ${ITEM_ROOMS[0]} onto event ${eventIds[3]}; item 4 booked room ${ITEM_ROOMS[1]} onto event ${eventIds[4]}`,
		);
		expect(error.description).toContain('Items 5–7 were not started.');
		const held = await Promise.all(
			eventIds.map(async (eventId) => Object.keys(await kit.dingtalk.roomsOf(eventId))),
		);
		expect(held).toEqual([[rooms[0]], [rooms[1]], [], [rooms[3]], [rooms[4]], [], [], []]);
	});
});
