import { cloneSeed } from '../../sandbox/seed';
import {
	MAX_STARTING_KEYS,
	MAX_WATCHED_EVENTS,
	MAX_WATERMARK_IDS,
} from '../../nodes/DingTalkCalendarTrigger/pollState';
import { ALICE, summarize, useTriggerSandbox } from './triggerTestKit';

const kit = useTriggerSandbox();

/** The bound README states for the trigger's static data. */
const STATE_BOUND_BYTES = 128 * 1024;

describe('static data stays bounded', () => {
	it('10,000 events seen (rooms on every one): the state stays under 128 KB and the watch lists at their caps', async () => {
		const seed = cloneSeed();
		const rooms = seed.rooms
			.filter((room) => room.open && !room.needsApproval)
			.map((room) => room.roomId);
		const minute = 60_000;
		// Events every 10 minutes from ~15 minutes ahead: the Event Starting window (1440 minutes) then ends
		// about 5 minutes from the nearest start, so a slow machine between the two polls does not move an
		// event into the window (it did on CI when the starts were ~10 minutes ahead, right at the edge).
		const start = Math.floor(Date.now() / minute) * minute + 15 * minute;
		for (let i = 0; i < 10_000; i++) {
			// Every 10 minutes for ~70 days, 30 minutes long: rooms in turn, so no room is double-booked.
			const from = start + i * 10 * minute;
			seed.events.push({
				eventId: `bound${String(i).padStart(6, '0')}`,
				organizerUnionId: ALICE,
				summary: `Event ${i}`,
				start: new Date(from).toISOString(),
				end: new Date(from + 30 * minute).toISOString(),
				roomIds: [rooms[i % rooms.length]],
			});
		}
		kit.sandbox.runtime.reset(seed); // in process: the seed is larger than the control API takes (1 MiB)

		const trigger = await kit.trigger({
			events: [
				'eventCreated',
				'eventUpdated',
				'eventCancelled',
				'roomBookingChanged',
				'eventStarting',
			],
			minutesBefore: 1440,
			options: { roomHorizonDays: 30 },
		});
		expect(await trigger.poll()).toBeNull();
		await kit.patch('bound000003', { summary: 'Changed' });
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'updated', eventId: 'bound000003', summary: 'Changed' },
		]);

		const state = trigger.staticData.dingTalkCalendarTrigger as {
			rooms: Record<string, unknown[]>;
			starting: { sent: string[] };
			watermark: { ids: string[] };
		};
		const size = Buffer.byteLength(JSON.stringify(trigger.staticData));
		expect(size).toBeLessThan(STATE_BOUND_BYTES);
		expect(Object.keys(state.rooms)).toHaveLength(MAX_WATCHED_EVENTS);
		expect(state.starting.sent.length).toBeLessThanOrEqual(MAX_STARTING_KEYS);
		expect(state.watermark.ids.length).toBeLessThanOrEqual(MAX_WATERMARK_IDS);
		// eslint-disable-next-line no-console
		console.log(`trigger state after 10,000 events: ${size} bytes`);
	});
});
