import type { INodeParameters } from 'n8n-workflow';

import { EVENT_IDS, USER_IDS } from '../../../sandbox/seed';
import { continueOnFail, NODE, useCalendarSandbox } from '../calendarTestKit';

const organizer = USER_IDS.alice;
const people = (count: number, prefix = 'guest') =>
	Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);

describe('Attendee > Add, Remove and Get Many, through the n8n engine against the sandbox', () => {
	const kit = useCalendarSandbox();

	const parameters = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
		resource: 'attendee',
		operation,
		userId: '={{ $json.organizer }}',
		calendarId: 'primary',
		eventId: { __rl: true, mode: 'id', value: '={{ $json.eventId }}' },
		...extra,
	});

	/** An event of Alice's with the given attendees, made through DingTalk's API (set-up). */
	async function eventWith(attendees: string[]): Promise<string> {
		const created = await kit.api<{ id: string }>(
			'POST',
			`/v1.0/calendar/users/${organizer}/calendars/primary/events`,
			{
				summary: 'Town hall',
				start: { dateTime: '2031-03-03T09:00:00+08:00', timeZone: 'Asia/Shanghai' },
				end: { dateTime: '2031-03-03T10:00:00+08:00', timeZone: 'Asia/Shanghai' },
			},
		);
		for (let i = 0; i < attendees.length; i += 500) {
			await kit.api(
				'POST',
				`/v1.0/calendar/users/${organizer}/calendars/primary/events/${created.data.id}/attendees`,
				{
					attendeesToAdd: attendees.slice(i, i + 500).map((id) => ({ id })),
				},
			);
		}
		return created.data.id;
	}

	describe('Add', () => {
		it('invites people once each, as optional when asked, and keeps who was there', async () => {
			const result = await kit.run(
				[
					{
						organizer,
						eventId: EVENT_IDS.quarterlyPlanning,
						who: ` ${USER_IDS.erin},${USER_IDS.david}, ${USER_IDS.erin} `,
					},
				],
				parameters('add', {
					attendeeIds: '={{ $json.who }}',
					options: { isOptional: true, chatNotification: false },
				}),
			);

			expect(result.output(NODE)).toEqual([
				{
					json: {
						userId: organizer,
						calendarId: 'primary',
						eventId: EVENT_IDS.quarterlyPlanning,
						attendeeIds: [USER_IDS.erin, USER_IDS.david],
						isOptional: true,
						result: true,
					},
					pairedItem: { item: 0 },
				},
			]);
			const { attendees } = await kit.event(EVENT_IDS.quarterlyPlanning);
			expect(attendees.map(({ id, isOptional }) => [id, isOptional])).toEqual([
				[USER_IDS.bob, false],
				[USER_IDS.carol, false],
				[USER_IDS.erin, true],
				[USER_IDS.david, true],
			]);
		});

		it('sends more than 500 people in calls of 500, and takes the output of Get Many as input', async () => {
			const guests = people(1201).map((id) => ({ id, displayName: '' }));

			await kit.run(
				[{ organizer, eventId: EVENT_IDS.oneOnOne, guests }],
				parameters('add', { attendeeIds: '={{ $json.guests }}' }),
			);

			const { attendees } = await kit.event(EVENT_IDS.oneOnOne);
			expect(attendees).toHaveLength(1 + 1201);
			expect(await kit.calls('AddAttendee')).toBe(3);
		});

		it('explains an event that would exceed 5,000 attendees, and says how many went in before', async () => {
			const eventId = await eventWith(people(4400));

			const result = await kit.run(
				[{ organizer, eventId, who: people(700, 'late') }],
				parameters('add', { attendeeIds: '={{ $json.who }}' }),
				{ node: continueOnFail },
			);

			const json = result.output(NODE)[0].json;
			expect(json.error).toBe(
				`event ${eventId} would have more than 5,000 attendees (500 of 700 attendees were added before this failure; running the item again is safe)`,
			);
			expect(json.dingTalk).toMatchObject({
				message: 'attendees batch size too large. Maximum allowed:5000',
			});
			expect((await kit.event(eventId)).attendees).toHaveLength(4900);
		});

		it('refuses an empty list before any request, and explains a user who is not the organizer', async () => {
			const result = await kit.run(
				[
					{ organizer, eventId: EVENT_IDS.quarterlyPlanning, who: ' , ' },
					{ organizer: USER_IDS.bob, eventId: EVENT_IDS.quarterlyPlanning, who: USER_IDS.erin },
				],
				parameters('add', { attendeeIds: '={{ $json.who }}' }),
				{ node: continueOnFail },
			);

			expect(result.output(NODE).map((item) => item.json.error)).toEqual([
				'Item 0, field "Attendees": no user ID given',
				`Only the organizer can change event ${EVENT_IDS.quarterlyPlanning}, and user ${USER_IDS.bob} is not its organizer`,
			]);
		});
	});

	describe('Remove', () => {
		it('takes people off the event; someone not invited changes nothing', async () => {
			const result = await kit.run(
				[{ organizer, eventId: EVENT_IDS.quarterlyPlanning, who: [USER_IDS.bob, USER_IDS.erin] }],
				parameters('remove', { attendeeIds: '={{ $json.who }}' }),
			);

			expect(result.output(NODE)[0].json).toEqual({
				userId: organizer,
				calendarId: 'primary',
				eventId: EVENT_IDS.quarterlyPlanning,
				attendeeIds: [USER_IDS.bob, USER_IDS.erin],
				result: true,
			});
			expect((await kit.event(EVENT_IDS.quarterlyPlanning)).attendees.map((a) => a.id)).toEqual([
				USER_IDS.carol,
			]);
		});

		it('removes more than 500 in calls of 500', async () => {
			const guests = people(1100);
			const eventId = await eventWith(guests);

			await kit.run(
				[{ organizer, eventId, who: guests.slice(0, 1050) }],
				parameters('remove', { attendeeIds: '={{ $json.who }}' }),
			);

			expect((await kit.event(eventId)).attendees.map((a) => a.id)).toEqual(guests.slice(1050));
			expect(await kit.calls('RemoveAttendee')).toBe(3);
		});
	});

	describe('Get Many', () => {
		it('lists the attendees with their answers, one item each', async () => {
			const result = await kit.run(
				[{ organizer, eventId: EVENT_IDS.allHands }],
				parameters('getAll', { returnAll: true }),
			);

			expect(
				result
					.output(NODE)
					.map((item) => [
						item.json.id,
						item.json.displayName,
						item.json.responseStatus,
						item.pairedItem,
					]),
			).toEqual([
				[USER_IDS.alice, 'Alice Wang', 'needsAction', { item: 0 }],
				[USER_IDS.bob, 'Bob Li', 'needsAction', { item: 0 }],
				[USER_IDS.carol, 'Carol Zhang', 'needsAction', { item: 0 }],
				[USER_IDS.erin, 'Erin Liu', 'needsAction', { item: 0 }],
			]);
		});

		it('pages with nextToken: Return All gets all 1,201, Limit 600 takes two calls', async () => {
			const eventId = await eventWith(people(1201));

			const all = await kit.run(
				[{ organizer, eventId }],
				parameters('getAll', { returnAll: true }),
			);
			const callsForAll = await kit.calls('ListAttendees');
			const some = await kit.run(
				[{ organizer, eventId }],
				parameters('getAll', { returnAll: false, limit: 600 }),
			);

			expect(all.output(NODE).map((item) => item.json.id)).toEqual(people(1201));
			expect(callsForAll).toBe(3);
			expect(some.output(NODE).map((item) => item.json.id)).toEqual(people(600));
			expect((await kit.calls('ListAttendees')) - callsForAll).toBe(2);
		});
	});
});
