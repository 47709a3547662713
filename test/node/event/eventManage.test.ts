import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { cloneSeed, EVENT_IDS, ROOM_IDS, USER_IDS } from '../../../sandbox/seed';
import { continueOnFail, NODE, useCalendarSandbox } from '../calendarTestKit';

const organizer = USER_IDS.alice;
const eventLocator = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Event > Get, Get Many, Update and Delete, through the n8n engine against the sandbox', () => {
	const kit = useCalendarSandbox();

	/** Creates an event through DingTalk's API (set-up, not the node) and returns its ID. */
	async function createEvent(body: IDataObject, user: string = organizer): Promise<string> {
		const response = await kit.api<{ id: string }>(
			'POST',
			`/v1.0/calendar/users/${user}/calendars/primary/events`,
			{
				summary: 'Set-up event',
				start: { dateTime: '2031-03-03T09:00:00+08:00', timeZone: 'Asia/Shanghai' },
				end: { dateTime: '2031-03-03T10:00:00+08:00', timeZone: 'Asia/Shanghai' },
				...body,
			},
		);
		if (response.status !== 200) throw new Error(`set-up failed: ${JSON.stringify(response.data)}`);
		return response.data.id;
	}

	const eventParameters = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
		resource: 'event',
		operation,
		userId: '={{ $json.organizer }}',
		calendarId: 'primary',
		eventId: eventLocator('={{ $json.eventId }}'),
		...extra,
	});

	describe('Get', () => {
		it("returns DingTalk's event, its rooms and status included", async () => {
			const result = await kit.run(
				[{ organizer, eventId: EVENT_IDS.quarterlyPlanning }],
				eventParameters('get'),
			);

			expect(result.output(NODE)).toEqual([
				{
					json: expect.objectContaining({
						id: EVENT_IDS.quarterlyPlanning,
						summary: 'Quarterly planning',
						status: 'confirmed',
						meetingRooms: [
							{
								roomId: ROOM_IDS.westLake,
								responseStatus: 'accepted',
								displayName: '西湖 West Lake',
							},
						],
					}),
					pairedItem: { item: 0 },
				},
			]);
		});

		it('an unknown event is explained, and other items go on', async () => {
			const result = await kit.run(
				[
					{ organizer, eventId: 'noSuchEvent' },
					{ organizer, eventId: EVENT_IDS.oneOnOne },
				],
				eventParameters('get'),
				{ node: continueOnFail },
			);

			const output = result.output(NODE);
			expect(output[0].json).toMatchObject({
				error: `The calendar of user ${organizer} has no event noSuchEvent`,
				dingTalk: { code: 'itemNotFound', httpStatus: 404 },
			});
			expect(output[1].json.id).toBe(EVENT_IDS.oneOnOne);
			expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		});
	});

	describe('Get Many', () => {
		/** Alice organizes 230 more events, one a day from 2031-01-01 09:00 (Asia/Shanghai). */
		async function seedManyEvents() {
			const seed = cloneSeed();
			for (let i = 0; i < 230; i++) {
				const day = new Date(Date.UTC(2031, 0, 1 + i)).toISOString().slice(0, 10);
				seed.events.push({
					eventId: `bulkEvent${String(i).padStart(3, '0')}`,
					organizerUnionId: organizer,
					summary: `Daily ${day}`,
					start: `${day}T09:00:00+08:00`,
					end: `${day}T09:30:00+08:00`,
					roomIds: [],
				});
			}
			const reset = await kit.dingtalk.http.post('/__sandbox/reset', { seed });
			expect(reset.status).toBe(200);
		}

		const listParameters = (extra: INodeParameters = {}) => ({
			resource: 'event',
			operation: 'getAll',
			userId: organizer,
			calendarId: 'primary',
			...extra,
		});

		it('Return All follows nextToken over every page, in start order', async () => {
			await seedManyEvents();

			const result = await kit.run([{}], listParameters({ returnAll: true }));

			const output = result.output(NODE);
			// The seed's 4 events of Alice (2 organized, 2 attended) and the 230.
			expect(output).toHaveLength(234);
			expect(output.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
			const starts = output.map((item) =>
				Date.parse((item.json.start as { dateTime: string }).dateTime),
			);
			expect([...starts].sort((a, b) => a - b)).toEqual(starts);
			expect(new Set(output.map((item) => item.json.id)).size).toBe(234);
			expect(await kit.calls('ListEvents')).toBe(3);
		});

		it('Limit asks only for what is missing: 150 events in two calls', async () => {
			await seedManyEvents();

			const result = await kit.run([{}], listParameters({ returnAll: false, limit: 150 }));

			expect(result.output(NODE)).toHaveLength(150);
			expect(await kit.calls('ListEvents')).toBe(2);
		});

		it('After and Before keep the events that start in the window (read in the workflow time zone)', async () => {
			await seedManyEvents();

			const result = await kit.run(
				[{}],
				listParameters({
					returnAll: true,
					timeMin: '2031-02-01T00:00',
					timeMax: '2031-03-01T00:00',
				}),
			);

			const summaries = result.output(NODE).map((item) => item.json.summary);
			expect(summaries).toHaveLength(28);
			expect(summaries[0]).toBe('Daily 2031-02-01');
			expect(summaries[27]).toBe('Daily 2031-02-28');
		});

		it('Show Deleted adds cancelled events', async () => {
			const eventId = await createEvent({ summary: 'Cancelled soon' });
			await kit.run([{ organizer, eventId }], eventParameters('delete'));

			const window = { timeMin: '2031-03-01T00:00', timeMax: '2031-04-01T00:00', returnAll: true };
			const without = await kit.run([{}], listParameters(window));
			const withDeleted = await kit.run(
				[{}],
				listParameters({ ...window, options: { showDeleted: true } }),
			);

			expect(without.output(NODE)).toEqual([]);
			expect(withDeleted.output(NODE).map((item) => [item.json.id, item.json.status])).toEqual([
				[eventId, 'cancelled'],
			]);
		});

		it.each([
			[
				'a window over one year',
				{ timeMin: '2031-01-01', timeMax: '2032-01-02' },
				'Item 0, field "Before": is more than one year after After',
			],
			[
				'Before not after After',
				{ timeMin: '2031-01-02', timeMax: '2031-01-01' },
				'Item 0, field "Before": 2030-12-31T16:00:00.000Z is not after After (2031-01-01T16:00:00.000Z)',
			],
			[
				'a Limit of 0',
				{ returnAll: false, limit: '={{ 0 }}' },
				'Item 0, field "Limit": number 0 is not a whole number ≥ 1',
			],
		])('refuses %s before any request', async (_name, extra, message) => {
			const result = await kit.run([{}], listParameters(extra as INodeParameters), {
				node: continueOnFail,
			});

			expect(result.output(NODE)[0].json.error).toBe(message);
			expect(await kit.calls('ListEvents')).toBe(0);
		});
	});

	describe('Update (PatchEvent: only what was set)', () => {
		const update = (updateFields: INodeParameters) => eventParameters('update', { updateFields });

		it('changes the summary and nothing else', async () => {
			const eventId = await createEvent({
				description: 'Keep me',
				location: { displayName: 'Room 1' },
				attendees: [{ id: USER_IDS.bob }],
			});

			const result = await kit.run([{ organizer, eventId }], update({ summary: 'Renamed' }));

			expect(result.output(NODE)[0].json).toMatchObject({
				id: eventId,
				summary: 'Renamed',
				description: 'Keep me',
				location: { displayName: 'Room 1' },
			});
			expect(await kit.event(eventId)).toMatchObject({
				summary: 'Renamed',
				description: 'Keep me',
				start: '2031-03-03T09:00:00+08:00',
				end: '2031-03-03T10:00:00+08:00',
				attendees: [expect.objectContaining({ id: USER_IDS.bob })],
			});
			expect(await kit.calls('GetEvent')).toBe(0);
		});

		it('a new Start alone keeps the end; a new Start after the end is refused before changing anything', async () => {
			const eventId = await createEvent({});

			const result = await kit.run(
				[
					{ organizer, eventId, start: '2031-03-03T08:00' },
					{ organizer, eventId, start: '2031-03-03T11:00' },
				],
				update({ start: '={{ $json.start }}' }),
				{ node: { ...continueOnFail } },
			);

			expect(result.output(NODE)[1].json.error).toBe(
				'Item 1, field "End": 2031-03-03T10:00:00+08:00 is not after Start (2031-03-03T11:00:00+08:00)',
			);
			expect(await kit.event(eventId)).toMatchObject({
				start: '2031-03-03T08:00:00+08:00',
				end: '2031-03-03T10:00:00+08:00',
			});
			expect(await kit.calls('PatchEvent')).toBe(1);
		});

		it('All Day turns a timed event into a whole-day one on the same day; back needs times', async () => {
			const eventId = await createEvent({});

			const toAllDay = await kit.run([{ organizer, eventId }], update({ allDay: true }));
			const back = await kit.run([{ organizer, eventId }], update({ allDay: false }), {
				node: continueOnFail,
			});

			expect(toAllDay.output(NODE)[0].json).toMatchObject({
				isAllDay: true,
				start: { date: '2031-03-03' },
				end: { date: '2031-03-04' },
			});
			expect(back.output(NODE)[0].json.error).toBe(
				'Item 0, field "Start": is needed to turn an all-day event into one with times of day',
			);
			expect(await kit.event(eventId)).toMatchObject({
				isAllDay: true,
				start: '2031-03-03',
				end: '2031-03-04',
			});
		});

		it('Time Zone alone moves the event to the zone and keeps its moments', async () => {
			const eventId = await createEvent({});

			await kit.run([{ organizer, eventId }], update({ timeZone: 'Europe/Berlin' }));

			expect(await kit.event(eventId)).toMatchObject({
				start: '2031-03-03T02:00:00+01:00',
				end: '2031-03-03T03:00:00+01:00',
				timeZone: 'Europe/Berlin',
			});
		});

		it("adds a repeat pattern from the event's own start (Monday 2031-03-03)", async () => {
			const eventId = await createEvent({});

			await kit.run(
				[{ organizer, eventId }],
				update({ repeatFrequency: 'weekly', repeatUntil: '2031-06-30' }),
			);

			expect((await kit.event(eventId)).recurrence).toEqual({
				pattern: { type: 'weekly', interval: 1, daysOfWeek: 'monday' },
				range: { type: 'endDate', endDate: '2031-06-30T23:59:59+08:00' },
			});
		});

		it('explains a move to a time when its room is taken, and a change by someone not the organizer', async () => {
			const eventId = await createEvent({});
			const other = await createEvent({
				start: { dateTime: '2031-03-03T11:00:00+08:00', timeZone: 'Asia/Shanghai' },
				end: { dateTime: '2031-03-03T12:00:00+08:00', timeZone: 'Asia/Shanghai' },
			});
			await kit.api(
				'POST',
				`/v1.0/calendar/users/${organizer}/calendars/primary/events/${eventId}/meetingRooms`,
				{ meetingRoomsToAdd: [{ roomId: ROOM_IDS.xixi }] },
			);
			await kit.api(
				'POST',
				`/v1.0/calendar/users/${organizer}/calendars/primary/events/${other}/meetingRooms`,
				{ meetingRoomsToAdd: [{ roomId: ROOM_IDS.xixi }] },
			);

			const result = await kit.run(
				[
					{ organizer, eventId, start: '2031-03-03T11:00', end: '2031-03-03T11:30' },
					{
						organizer: USER_IDS.bob,
						eventId: EVENT_IDS.quarterlyPlanning,
						start: '2030-01-15T09:00',
						end: '2030-01-15T10:00',
					},
				],
				update({ start: '={{ $json.start }}', end: '={{ $json.end }}' }),
				{ node: continueOnFail },
			);

			const [moved, notOrganizer] = result.output(NODE).map((item) => item.json);
			expect(moved).toMatchObject({
				error: `A meeting room of event ${eventId} is not free at the new time`,
				dingTalk: { code: 'invalidParameter', message: 'Meeting room invalid' },
			});
			expect(notOrganizer).toMatchObject({
				error: `Only the organizer can change event ${EVENT_IDS.quarterlyPlanning}, and user ${USER_IDS.bob} is not its organizer`,
			});
			expect(await kit.event(eventId)).toMatchObject({ start: '2031-03-03T09:00:00+08:00' });
		});

		it('refuses an update with nothing to change, and a blank summary, before any request', async () => {
			const result = await kit.run([{ organizer, eventId: 'anyEvent', fields: {} }], update({}), {
				node: continueOnFail,
			});
			const blank = await kit.run([{ organizer, eventId: 'anyEvent' }], update({ summary: ' ' }), {
				node: continueOnFail,
			});

			expect(result.output(NODE)[0].json.error).toBe(
				'Item 0, field "Update Fields": nothing to update',
			);
			expect(blank.output(NODE)[0].json.error).toBe('Item 0, field "Summary": is empty');
			expect((await kit.calls('PatchEvent')) + (await kit.calls('GetEvent'))).toBe(0);
		});

		it('refuses a new End before the new Start before any request, timed or all-day', async () => {
			const timed = await kit.run(
				[{ organizer, eventId: 'anyEvent' }],
				update({ start: '2031-03-03T11:00', end: '2031-03-03T10:00' }),
				{ node: continueOnFail },
			);
			const allDay = await kit.run(
				[{ organizer, eventId: 'anyEvent' }],
				update({ allDay: true, start: '2031-03-05', end: '2031-03-03' }),
				{ node: continueOnFail },
			);

			expect(timed.output(NODE)[0].json.error).toBe(
				'Item 0, field "End": 2031-03-03T10:00:00+08:00 is not after Start (2031-03-03T11:00:00+08:00)',
			);
			expect(allDay.output(NODE)[0].json.error).toBe(
				'Item 0, field "End": the last day (2031-03-03) is before Start (2031-03-05)',
			);
			expect((await kit.calls('PatchEvent')) + (await kit.calls('GetEvent'))).toBe(0);
		});
	});

	describe('Delete', () => {
		it('as organizer cancels the event for everyone and frees its rooms', async () => {
			const result = await kit.run(
				[{ organizer, eventId: EVENT_IDS.quarterlyPlanning }],
				eventParameters('delete', { options: { pushNotification: false } }),
			);

			expect(result.output(NODE)).toEqual([
				{
					json: {
						userId: organizer,
						calendarId: 'primary',
						eventId: EVENT_IDS.quarterlyPlanning,
						deleted: true,
					},
					pairedItem: { item: 0 },
				},
			]);
			expect((await kit.event(EVENT_IDS.quarterlyPlanning)).status).toBe('cancelled');
			// West Lake is free again at that time.
			const other = await createEvent({
				start: { dateTime: '2030-01-15T10:00:00+08:00', timeZone: 'Asia/Shanghai' },
				end: { dateTime: '2030-01-15T11:00:00+08:00', timeZone: 'Asia/Shanghai' },
			});
			const booking = await kit.api(
				'POST',
				`/v1.0/calendar/users/${organizer}/calendars/primary/events/${other}/meetingRooms`,
				{
					meetingRoomsToAdd: [{ roomId: ROOM_IDS.westLake }],
				},
			);
			expect(booking.status).toBe(200);
		});

		it("as an attendee only takes the event off that attendee's calendar", async () => {
			await kit.run(
				[{ organizer: USER_IDS.bob, eventId: EVENT_IDS.quarterlyPlanning }],
				eventParameters('delete'),
			);

			const state = await kit.event(EVENT_IDS.quarterlyPlanning);
			expect(state.status).toBe('confirmed');
			expect(state.attendees.find((a) => a.id === USER_IDS.bob)?.responseStatus).toBe('declined');
		});

		it('an unknown event is explained', async () => {
			const result = await kit.run(
				[{ organizer, eventId: 'goneAlready' }],
				eventParameters('delete'),
				{ node: continueOnFail },
			);

			expect(result.output(NODE)[0].json).toMatchObject({
				error: `The calendar of user ${organizer} has no event goneAlready`,
				dingTalk: { code: 'itemNotFound' },
			});
		});
	});
});
