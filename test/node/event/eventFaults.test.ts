import { ROOM_IDS, USER_IDS } from '../../../sandbox/seed';
import { continueOnFail, createParameters, NODE, useCalendarSandbox } from '../calendarTestKit';

const ITEMS = 40;
const organizer = USER_IDS.alice;
const ROOMS = [ROOM_IDS.xixi, ROOM_IDS.westLake, ROOM_IDS.qiantang, ROOM_IDS.huangpu];

/**
 * Creating events while the sandbox faults about a third of the calls (seeded): creates and room bookings
 * that DingTalk applies and whose answer is then lost (connection reset after the write), server errors,
 * rate limits, idempotencyProcessing. The client retries with the same x-client-token, so DingTalk
 * replays the first answer instead of creating a second event.
 */
describe('Event > Create under faults', () => {
	const kit = useCalendarSandbox();

	it('every item comes out once, in order, and no event or booking is made twice', async () => {
		await kit.dingtalk.config({ limits: { eventsPerUserPerDay: 1000 } });
		await kit.dingtalk.config({
			faults: [
				{ route: 'CreateEvent', kind: 'reset', after: true, probability: 0.2, seed: 71 },
				{ route: 'CreateEvent', kind: 'http500', probability: 0.05, seed: 72 },
				{ route: 'CreateEvent', kind: 'qps403', probability: 0.05, seed: 73 },
				{ route: 'CreateEvent', kind: 'idempotencyProcessing', probability: 0.03, seed: 74 },
				{ route: 'AddMeetingRooms', kind: 'reset', after: true, probability: 0.2, seed: 75 },
				{ route: 'GetEvent', kind: 'http502', probability: 0.1, seed: 76 },
			],
		});
		// Item i: its own day in April 2031 and one of four rooms, so no two bookings compete.
		const items = Array.from({ length: ITEMS }, (_, i) => ({
			organizer,
			summary: `Fault run #${i}`,
			day: `2031-04-${String(1 + (i % 28)).padStart(2, '0')}T${String(8 + Math.floor(i / 28) * 2).padStart(2, '0')}`,
			room: ROOMS[i % ROOMS.length],
		}));

		const result = await kit.run(
			items,
			createParameters({
				summary: '={{ $json.summary }}',
				start: '={{ $json.day }}:00',
				end: '={{ $json.day }}:45',
				additionalFields: { roomIds: '={{ $json.room }}', attendeeIds: USER_IDS.bob },
				requestOptions: { concurrency: 5, callsPerSecond: 0, maxTries: 10, timeoutMs: 2000 },
			}),
			{ node: continueOnFail },
		);
		await kit.dingtalk.config({ faults: [] });

		const output = result.output(NODE);
		expect(output).toHaveLength(ITEMS);
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(output.filter((item) => item.json.error !== undefined)).toEqual([]);

		const events = await kit.events();
		for (const [index, item] of output.entries()) {
			const mine = events.filter((event) => event.summary === `Fault run #${index}`);
			expect(mine).toHaveLength(1);
			expect(item.json.id).toBe(mine[0].eventId);
			expect((item.json.roomBooking as { status: string }).status).toBe('booked');
			expect(mine[0].roomIds).toEqual([items[index].room]);
		}
		const stats = (await kit.dingtalk.stats()) as unknown as {
			faultsInjected: number;
			idempotentReplays: number;
		};
		expect(stats.faultsInjected).toBeGreaterThan(ITEMS * 0.2);
		// Retries of applied writes were answered from DingTalk's idempotency store, not applied again.
		expect(stats.idempotentReplays).toBeGreaterThan(0);
	}, 30000);

	it('a delete whose answer is lost still counts as done, once', async () => {
		await kit.dingtalk.config({
			faults: [{ route: 'DeleteEvent', kind: 'reset', after: true, everyNth: 1, count: 1 }],
		});
		const created = await kit.run([{ organizer }], createParameters());
		const eventId = created.output(NODE)[0].json.id as string;

		const result = await kit.run([{ organizer, eventId }], {
			resource: 'event',
			operation: 'delete',
			userId: organizer,
			calendarId: 'primary',
			eventId: { __rl: true, mode: 'id', value: '={{ $json.eventId }}' },
		});

		expect(result.output(NODE)[0].json).toMatchObject({ eventId, deleted: true });
		expect((await kit.event(eventId)).status).toBe('cancelled');
		expect(await kit.calls('DeleteEvent')).toBe(2);
	});
});
