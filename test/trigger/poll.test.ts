import { sleep } from 'n8n-workflow';

import { ALICE, BOB, ROOM_IDS, summarize, useTriggerSandbox } from './triggerTestKit';

const kit = useTriggerSandbox();

const ALL = [
	'eventCreated',
	'eventUpdated',
	'eventCancelled',
	'roomBookingChanged',
	'eventStarting',
];

describe('DingTalk Calendar Trigger: events created, updated, cancelled', () => {
	it('stays silent on the first poll, then reports each change once', async () => {
		const existing = await kit.create('Existing', 120);
		const trigger = await kit.trigger({
			events: ['eventCreated', 'eventUpdated', 'eventCancelled'],
		});
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();

		const created = await kit.create('Kick-off', 180);
		await kit.patch(existing, { summary: 'Existing (moved)' });
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'created', eventId: created, summary: 'Kick-off' },
			{ change: 'updated', eventId: existing, summary: 'Existing (moved)' },
		]);
		expect(await trigger.poll()).toBeNull();

		await kit.patch(created, { summary: 'Kick-off v2' });
		await kit.remove(existing);
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'updated', eventId: created, summary: 'Kick-off v2' },
			{ change: 'cancelled', eventId: existing, summary: 'Existing (moved)' },
		]);
		expect(await trigger.poll()).toBeNull();
	});

	it('emits DingTalk’s event object unchanged, with only the changes chosen', async () => {
		const trigger = await kit.trigger({ events: ['eventCancelled'] });
		await trigger.poll();
		const id = await kit.create('Short-lived', 60);
		expect(await trigger.poll()).toBeNull();
		await kit.remove(id);
		const items = await trigger.poll();
		expect(items).toHaveLength(1);
		const event = (items![0].json.event ?? {}) as Record<string, unknown>;
		expect(items![0].json.change).toBe('cancelled');
		expect(event).toMatchObject({ id, status: 'cancelled', summary: 'Short-lived' });
		expect(Object.keys(items![0].json).sort()).toEqual(['change', 'event']);
	});

	it('an event created and changed between two polls is "created"; events Alice attends count too', async () => {
		const trigger = await kit.trigger({ events: ['eventCreated', 'eventUpdated'] });
		await trigger.poll();
		const id = await kit.create('Fresh', 90);
		await kit.patch(id, { summary: 'Fresh, renamed' });
		const invited = await kit.create('Bob invites Alice', 100, { attendees: [{ id: ALICE }] }, BOB);
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'created', eventId: id, summary: 'Fresh, renamed' },
			{ change: 'created', eventId: invited, summary: 'Bob invites Alice' },
		]);
	});
});

describe('Room Booking Changed', () => {
	it('reports a booking, an approval decline and a removal, old → new, by comparing statuses', async () => {
		const id = await kit.create('Board prep', 24 * 60);
		const trigger = await kit.trigger({ events: ['roomBookingChanged'] });
		expect(await trigger.poll()).toBeNull();

		await kit.book(id, [ROOM_IDS.boardroom, ROOM_IDS.westLake]);
		const booked = await trigger.poll();
		expect(summarize(booked)).toEqual([
			{
				change: 'roomStatusChanged',
				eventId: id,
				summary: 'Board prep',
				room: 'null→tentative',
				roomId: ROOM_IDS.boardroom,
			},
			{
				change: 'roomStatusChanged',
				eventId: id,
				summary: 'Board prep',
				room: 'null→accepted',
				roomId: ROOM_IDS.westLake,
			},
		]);
		expect(booked![0].json.room).toEqual({
			roomId: ROOM_IDS.boardroom,
			roomName: 'Boardroom 董事会议室',
			previousStatus: null,
			status: 'tentative',
		});

		await kit.respond(id, ROOM_IDS.boardroom, 'declined');
		expect(summarize(await trigger.poll())).toEqual([
			{
				change: 'roomStatusChanged',
				eventId: id,
				summary: 'Board prep',
				room: 'tentative→declined',
				roomId: ROOM_IDS.boardroom,
			},
		]);
		expect(await trigger.poll()).toBeNull();

		const removed = await kit.api(
			'POST',
			`/v1.0/calendar/users/${ALICE}/calendars/primary/events/${id}/meetingRooms/batchRemove`,
			{
				meetingRoomsToRemove: [{ roomId: ROOM_IDS.westLake }],
			},
		);
		expect(removed.status).toBe(200);
		const items = await trigger.poll();
		expect(summarize(items)).toEqual([
			{
				change: 'roomStatusChanged',
				eventId: id,
				summary: 'Board prep',
				room: 'accepted→removed',
				roomId: ROOM_IDS.westLake,
			},
		]);
		expect((items![0].json.room as { roomName: string }).roomName).toBe('西湖 West Lake');
	});

	it('a new event with rooms counts; one outside the horizon does not; with Event Updated both show', async () => {
		const trigger = await kit.trigger({
			events: ['roomBookingChanged', 'eventUpdated'],
			options: { roomHorizonDays: 2 },
		});
		await trigger.poll();
		const soon = await kit.create('Soon', 60);
		const later = await kit.create('Later', 5 * 24 * 60);
		await kit.book(soon, [ROOM_IDS.everest]);
		await kit.book(later, [ROOM_IDS.everest]);
		expect(summarize(await trigger.poll())).toEqual([
			{
				change: 'roomStatusChanged',
				eventId: soon,
				summary: 'Soon',
				room: 'null→accepted',
				roomId: ROOM_IDS.everest,
			},
		]);
		// An approver's decision: the room changes; the sandbox also counts it as an update of the event.
		await kit.respond(soon, ROOM_IDS.everest, 'declined');
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'updated', eventId: soon, summary: 'Soon' },
			{
				change: 'roomStatusChanged',
				eventId: soon,
				summary: 'Soon',
				room: 'accepted→declined',
				roomId: ROOM_IDS.everest,
			},
		]);
	});
});

describe('Event Starting', () => {
	it('reports each start once, within the window; a moved event again', async () => {
		const inWindow = await kit.create('Standup', 5);
		const trigger = await kit.trigger({ events: ['eventStarting'], minutesBefore: 10 });
		expect(await trigger.poll()).toBeNull(); // already in the window at activation: baseline

		const next = await kit.create('Retro', 8);
		await kit.create('Tomorrow', 24 * 60);
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'starting', eventId: next, summary: 'Retro' },
		]);
		expect(await trigger.poll()).toBeNull();

		await kit.patch(inWindow, {
			start: { dateTime: new Date(Date.now() + 7 * 60_000).toISOString(), timeZone: 'UTC' },
			end: { dateTime: new Date(Date.now() + 40 * 60_000).toISOString(), timeZone: 'UTC' },
		});
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'starting', eventId: inWindow, summary: 'Standup' },
		]);
		expect(await trigger.poll()).toBeNull();
	});
});

describe('sync tokens, restarts and failures', () => {
	it('re-baselines without duplicates when DingTalk refuses the sync token', async () => {
		const trigger = await kit.trigger({ events: ALL });
		await trigger.poll();
		const before = await kit.create('Before reset', 120);
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'created', eventId: before, summary: 'Before reset' },
		]);

		const missed = await kit.create('Made while the token expires', 130);
		await kit.dingtalk.http.post('/__sandbox/syncTokens/invalidate', {});
		expect(await trigger.poll()).toBeNull(); // new baseline: what changed in between is not reported
		expect(missed).toBeTruthy();

		const after = await kit.create('After reset', 140);
		await kit.patch(before, { summary: 'Before reset, renamed' });
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'created', eventId: after, summary: 'After reset' },
			{ change: 'updated', eventId: before, summary: 'Before reset, renamed' },
		]);
		expect(await trigger.poll()).toBeNull();
	});

	it('after a restart (static data as last saved) repeats nothing and loses nothing', async () => {
		const trigger = await kit.trigger({ events: ALL, minutesBefore: 15 });
		await trigger.poll(); // activation: baseline, saved by n8n
		const first = await kit.create('First', 10);
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'created', eventId: first, summary: 'First' },
			{ change: 'starting', eventId: first, summary: 'First' },
		]);
		expect(await trigger.poll()).toBeNull(); // advances in memory only: nothing emitted, nothing saved

		const second = await kit.create('Second', 600);
		trigger.restart(); // n8n restarts before polling again, from the state saved with "First"
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'created', eventId: second, summary: 'Second' },
		]);
		trigger.restart();
		expect(await trigger.poll()).toBeNull();
	});

	it('changes made while n8n was down are reported after the restart (the activation poll saved the baseline)', async () => {
		const trigger = await kit.trigger({ events: ['eventCreated'] });
		await trigger.poll();
		trigger.restart();
		const whileDown = await kit.create('Made while n8n was down', 60);
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'created', eventId: whileDown, summary: 'Made while n8n was down' },
		]);
		const next = await kit.create('Next', 60);
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'created', eventId: next, summary: 'Next' },
		]);
	});

	it('a poll that fails half-way keeps its state: the next one reports the changes once', async () => {
		const trigger = await kit.trigger({ events: ['eventCreated', 'roomBookingChanged'] });
		await trigger.poll();
		const id = await kit.create('Half-way', 60);
		await kit.book(id, [ROOM_IDS.huangpu]);
		const stateBefore = JSON.stringify(trigger.staticData);
		// The sync call goes through (a 0 ms "slow" answer); the window listing then fails on every try.
		await kit.dingtalk.config({
			faults: [
				{ route: 'ListEvents', kind: 'slow', delayMs: 0, count: 1 },
				{ route: 'ListEvents', kind: 'http500', count: 5 },
			],
		});
		await expect(trigger.poll()).rejects.toThrow(/DingTalk/);
		expect(JSON.stringify(trigger.staticData)).toBe(stateBefore);
		await kit.dingtalk.config({ faults: [] });
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'created', eventId: id, summary: 'Half-way' },
			{
				change: 'roomStatusChanged',
				eventId: id,
				summary: 'Half-way',
				room: 'null→accepted',
				roomId: ROOM_IDS.huangpu,
			},
		]);
		expect(await trigger.poll()).toBeNull();
	});

	it('a few calls per poll: one for the changes, one for the upcoming window', async () => {
		const trigger = await kit.trigger({ events: ALL });
		await trigger.poll();
		const before = await kit.calls('ListEvents');
		await kit.create('Counted', 60);
		await trigger.poll();
		expect((await kit.calls('ListEvents')) - before).toBe(2);
		const onlyChanges = await kit.trigger({ events: ['eventCreated'] });
		await onlyChanges.poll();
		const base = await kit.calls('ListEvents');
		await onlyChanges.poll();
		expect((await kit.calls('ListEvents')) - base).toBe(1);
	});
});

describe('filters', () => {
	it('summary, rooms and attendee count', async () => {
		const trigger = await kit.trigger({
			events: ['eventCreated'],
			filters: { summaryContains: 'SYNC', rooms: 'withRooms', minAttendees: 2 },
		});
		await trigger.poll();
		const match = await kit.create('Weekly sync', 60, { attendees: [{ id: BOB }, { id: ALICE }] });
		await kit.book(match, [ROOM_IDS.bund]);
		const noRoom = await kit.create('Another sync', 70, {
			attendees: [{ id: BOB }, { id: ALICE }],
		});
		const fewPeople = await kit.create('Small sync', 80, { attendees: [{ id: BOB }] });
		await kit.book(fewPeople, [ROOM_IDS.lujiazui]);
		await kit.create('Lunch', 90, { attendees: [{ id: BOB }, { id: ALICE }] });
		expect(summarize(await trigger.poll())).toEqual([
			{ change: 'created', eventId: match, summary: 'Weekly sync' },
		]);
		expect(noRoom).toBeTruthy();

		const without = await kit.trigger({
			events: ['eventUpdated'],
			filters: { rooms: 'withoutRooms' },
		});
		await without.poll();
		await kit.patch(match, { summary: 'Weekly sync (room)' });
		await kit.patch(noRoom, { summary: 'Another sync (no room)' });
		expect(summarize(await without.poll())).toEqual([
			{ change: 'updated', eventId: noRoom, summary: 'Another sync (no room)' },
		]);
	});
});

describe('Fetch Test Event (manual mode)', () => {
	it('returns the most recently changed matching event, shaped like a poll, and keeps no state', async () => {
		const older = await kit.create('Older', 60);
		const newer = await kit.create('Newer', 90);
		await sleep(1100); // DingTalk times are whole seconds
		await kit.patch(older, { summary: 'Older, edited last' });
		const trigger = await kit.trigger({ events: ['eventCreated', 'eventUpdated'] });
		expect(summarize(await trigger.poll('manual'))).toEqual([
			{ change: 'updated', eventId: older, summary: 'Older, edited last' },
		]);
		expect(trigger.staticData).toEqual({});
		expect(newer).toBeTruthy();

		const rooms = await kit.trigger({ events: ['roomBookingChanged'] });
		await kit.book(newer, [ROOM_IDS.xixi]);
		const [item] = (await rooms.poll('manual'))!;
		expect(item.json).toMatchObject({
			change: 'roomStatusChanged',
			event: { id: newer },
			room: {
				roomId: ROOM_IDS.xixi,
				roomName: '西溪 Xixi',
				previousStatus: null,
				status: 'accepted',
			},
		});
	});

	it('says clearly when nothing matches', async () => {
		const trigger = await kit.trigger({
			events: ['eventCreated'],
			filters: { summaryContains: 'no such meeting' },
		});
		await expect(trigger.poll('manual')).rejects.toThrow(
			'No matching event found in this calendar',
		);
	});
});

describe('errors', () => {
	it('a DingTalk error is a clear NodeApiError without secrets; nothing is stored', async () => {
		const trigger = await kit.trigger({ events: ['eventCreated'], userId: 'notAMember' });
		const error = await trigger.poll().then(
			() => undefined,
			(e: unknown) => e as Error & { description?: string; constructor: { name: string } },
		);
		expect(error?.constructor.name).toBe('NodeApiError');
		const credential = await kit.dingtalk.internalCredential();
		const text = JSON.stringify({ message: error?.message, description: error?.description });
		expect(text).not.toContain(String(credential.data.clientSecret));
		expect(trigger.staticData).toEqual({});
	});

	it('checks its fields before any call', async () => {
		const trigger = await kit.trigger({ events: [], userId: ALICE });
		await expect(trigger.poll()).rejects.toThrow('Trigger On is empty');
		const noUser = await kit.trigger({ events: ['eventCreated'], userId: '' });
		await expect(noUser.poll()).rejects.toThrow('Organizer User ID is empty');
	});
});
