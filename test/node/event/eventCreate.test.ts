import type { INodeParameters } from 'n8n-workflow';

import { ROOM_IDS, USER_IDS } from '../../../sandbox/seed';
import { continueOnFail, createParameters, NODE, useCalendarSandbox } from '../calendarTestKit';

const organizer = USER_IDS.alice;

describe('Event > Create, through the n8n engine against the sandbox', () => {
	const kit = useCalendarSandbox();

	it('creates the event with attendees, texts, reminders, an online meeting, and DingTalk keeps them', async () => {
		const result = await kit.run(
			[{ organizer }],
			createParameters({
				summary: 'Quarterly review',
				additionalFields: {
					attendeeIds: `${USER_IDS.bob}, ${USER_IDS.carol}, ${USER_IDS.bob}`,
					optionalAttendeeIds: [USER_IDS.david],
					description: 'Numbers and next steps',
					location: 'Building 2',
					reminders: '60, 5',
					onlineMeeting: true,
					chatNotification: false,
				},
			}),
		);

		expect(result.error).toBeUndefined();
		const [item] = result.output(NODE);
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({
			summary: 'Quarterly review',
			description: 'Numbers and next steps',
			isAllDay: false,
			start: { dateTime: '2031-03-03T09:00:00+08:00', timeZone: 'Asia/Shanghai' },
			end: { dateTime: '2031-03-03T10:00:00+08:00', timeZone: 'Asia/Shanghai' },
			organizer: { id: organizer },
			location: { displayName: 'Building 2' },
			reminders: [
				{ method: 'dingtalk', minutes: '60' },
				{ method: 'dingtalk', minutes: '5' },
			],
			onlineMeetingInfo: { type: 'dingtalk', url: expect.stringContaining('dingtalk://') },
		});
		const state = await kit.event(item.json.id as string);
		expect(state).toMatchObject({
			organizerUnionId: organizer,
			summary: 'Quarterly review',
			status: 'confirmed',
		});
		expect(state.attendees.map(({ id, isOptional }) => ({ id, isOptional }))).toEqual([
			{ id: USER_IDS.bob, isOptional: false },
			{ id: USER_IDS.carol, isOptional: false },
			{ id: USER_IDS.david, isOptional: true },
		]);
	});

	it('empty Reminders text means no reminders; no value means DingTalk reminds 15 minutes before', async () => {
		const result = await kit.run(
			[{ organizer, reminders: '' }, { organizer }, { organizer, reminders: [0, 1440] }],
			createParameters({ additionalFields: { reminders: '={{ $json.reminders }}' } }),
		);

		expect(result.output(NODE).map((item) => item.json.reminders)).toEqual([
			[],
			[{ method: 'dingtalk', minutes: '15' }],
			[
				{ method: 'dingtalk', minutes: '0' },
				{ method: 'dingtalk', minutes: '1440' },
			],
		]);
	});

	describe('Meeting Rooms to Book', () => {
		it('books the rooms right after creating the event and reports each room (approval rooms tentative)', async () => {
			const result = await kit.run(
				[{ organizer }],
				createParameters({
					additionalFields: { roomIds: [ROOM_IDS.qiantang, ROOM_IDS.boardroom] },
				}),
			);

			const json = result.output(NODE)[0].json;
			expect(json.roomBooking).toEqual({
				status: 'booked',
				roomIds: [ROOM_IDS.qiantang, ROOM_IDS.boardroom],
				rooms: [
					{ roomId: ROOM_IDS.qiantang, roomName: '钱塘 Qiantang', responseStatus: 'accepted' },
					{
						roomId: ROOM_IDS.boardroom,
						roomName: 'Boardroom 董事会议室',
						responseStatus: 'tentative',
					},
				],
			});
			expect(await kit.dingtalk.roomsOf(json.id as string)).toEqual({
				[ROOM_IDS.qiantang]: 'accepted',
				[ROOM_IDS.boardroom]: 'tentative',
			});
		});

		it('when the room step fails, the event is kept and the output carries its ID and what failed', async () => {
			// West Lake is held by the seed's "Quarterly planning", 2030-01-15 10:00-12:00 (Asia/Shanghai).
			const result = await kit.run(
				[{ organizer }],
				createParameters({
					start: '2030-01-15T10:30:00',
					end: '2030-01-15T11:00:00',
					additionalFields: { roomIds: `${ROOM_IDS.westLake}` },
				}),
			);

			expect(result.error).toBeUndefined();
			const json = result.output(NODE)[0].json;
			expect(json.id).toEqual(expect.any(String));
			expect(json.roomBooking).toEqual({
				status: 'failed',
				roomIds: [ROOM_IDS.westLake],
				error: `Room ${ROOM_IDS.westLake} is already booked for this time`,
				errorDescription: expect.stringContaining('meetingRoomNotAvailable'),
				dingTalk: expect.objectContaining({
					code: 'meetingRoomNotAvailable',
					httpStatus: 400,
					requestId: expect.any(String),
				}),
			});
			const state = await kit.event(json.id as string);
			expect(state.status).toBe('confirmed');
			expect(state.meetingRooms).toEqual([]);
		});

		it('with "Delete the Event and Fail the Item" a failed room step deletes the new event again', async () => {
			const result = await kit.run(
				[{ organizer }],
				createParameters({
					start: '2030-01-15T10:30:00',
					end: '2030-01-15T11:00:00',
					additionalFields: { roomIds: [ROOM_IDS.westLake], onFollowUpFailure: 'deleteEvent' },
				}),
				{ node: continueOnFail },
			);

			const [item] = result.output(NODE);
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json.error).toMatch(
				new RegExp(
					`^Booking the meeting rooms failed, so the new event \\S+ was deleted again: Room ${ROOM_IDS.westLake} is already booked for this time$`,
				),
			);
			expect(item.json.dingTalk).toMatchObject({ code: 'meetingRoomNotAvailable' });
			const created = (await kit.events()).filter((event) => event.summary === 'Planning');
			expect(created).toHaveLength(1);
			expect(created[0].status).toBe('cancelled');
			expect(item.json.error).toContain(created[0].eventId);
		});

		it('a bad room list is refused before the event is created', async () => {
			const result = await kit.run(
				[{ organizer }],
				createParameters({ additionalFields: { roomIds: ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'] } }),
				{ node: continueOnFail },
			);

			expect(result.output(NODE)[0].json.error).toBe(
				'Item 0, field "Meeting Rooms to Book": 6 rooms given, but DingTalk books at most 5 rooms per event',
			);
			expect(await kit.calls('CreateEvent')).toBe(0);
		});
	});

	describe('Repeat', () => {
		it('weekly every other week on Monday and Wednesday, 10 times', async () => {
			const result = await kit.run(
				[{ organizer }],
				createParameters({
					additionalFields: {
						repeatFrequency: 'weekly',
						repeatInterval: 2,
						repeatOnDays: ['wednesday', 'monday'],
						repeatTimes: 10,
					},
				}),
			);

			const state = await kit.event(result.output(NODE)[0].json.id as string);
			expect(state.recurrence).toEqual({
				pattern: { type: 'weekly', interval: 2, daysOfWeek: 'wednesday,monday' },
				range: { type: 'numbered', numberOfOccurrences: 10 },
			});
		});

		it("weekly without days repeats on the start's weekday; monthly on the same weekday until a day", async () => {
			// 2031-03-11 is the second Tuesday of March 2031.
			const result = await kit.run(
				[
					{ organizer, frequency: 'weekly' },
					{ organizer, frequency: 'monthlyByWeekday', until: '2031-12-31' },
					// n8n's date picker stores a picked day as that day at 00:00: the whole day still counts.
					{ organizer, frequency: 'daily', until: '2031-03-13T00:00:00' },
					// An exact instant is kept as it is.
					{ organizer, frequency: 'daily', until: '2031-03-13T08:30:00' },
				],
				createParameters({
					start: '2031-03-11T09:00:00',
					end: '2031-03-11T10:00:00',
					additionalFields: {
						repeatFrequency: '={{ $json.frequency }}',
						repeatUntil: '={{ $json.until ?? "" }}',
					},
				}),
			);

			const [weekly, monthly, pickedDay, instant] = await Promise.all(
				result.output(NODE).map((item) => kit.event(item.json.id as string)),
			);
			expect(weekly.recurrence).toEqual({
				pattern: { type: 'weekly', interval: 1, daysOfWeek: 'tuesday' },
				range: { type: 'noEnd' },
			});
			expect(monthly.recurrence).toEqual({
				pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: 'tuesday', index: 'second' },
				range: { type: 'endDate', endDate: '2031-12-31T23:59:59+08:00' },
			});
			expect(pickedDay.recurrence).toMatchObject({
				range: { type: 'endDate', endDate: '2031-03-13T23:59:59+08:00' },
			});
			expect(instant.recurrence).toMatchObject({
				range: { type: 'endDate', endDate: '2031-03-13T08:30:00+08:00' },
			});
		});

		it.each([
			[
				'no frequency',
				{ repeatTimes: 5 },
				'field "Repeat Frequency": is needed with Repeat How Many Times',
			],
			[
				'an unknown frequency',
				{ repeatFrequency: 'hourly' },
				'field "Repeat Frequency": "hourly" is not a frequency',
			],
			[
				'every 0',
				{ repeatFrequency: 'daily', repeatInterval: 0 },
				'field "Repeat Every": number 0 is not a whole number from 1 to 365',
			],
			[
				'every 366',
				{ repeatFrequency: 'daily', repeatInterval: 366 },
				'field "Repeat Every": number 366 is not a whole number from 1 to 365',
			],
			[
				'100 times',
				{ repeatFrequency: 'daily', repeatTimes: 100 },
				'field "Repeat How Many Times": number 100 is not a whole number from 1 to 99',
			],
			[
				'0 times',
				{ repeatFrequency: 'daily', repeatTimes: 0 },
				'field "Repeat How Many Times": number 0 is not a whole number from 1 to 99',
			],
			[
				'both an end date and a count',
				{ repeatFrequency: 'daily', repeatTimes: 3, repeatUntil: '2031-04-01' },
				'field "Repeat How Many Times": cannot be combined with Repeat Until',
			],
			[
				'weekdays on a daily event',
				{ repeatFrequency: 'daily', repeatOnDays: ['monday'] },
				'field "Repeat On": only applies when the event repeats weekly',
			],
			[
				'an unknown weekday',
				{ repeatFrequency: 'weekly', repeatOnDays: 'funday' },
				'field "Repeat On": "funday" is not a day of the week',
			],
			[
				'an end before the start',
				{ repeatFrequency: 'daily', repeatUntil: '2031-03-01' },
				'field "Repeat Until": 2031-03-01 is before the event starts (2031-03-03)',
			],
		])('refuses %s before any request', async (_name, fields, message) => {
			const result = await kit.run(
				[{ organizer }],
				createParameters({ additionalFields: fields as INodeParameters }),
				{ node: continueOnFail },
			);

			expect(result.output(NODE)).toEqual([
				{ json: expect.objectContaining({ error: `Item 0, ${message}` }), pairedItem: { item: 0 } },
			]);
			expect(await kit.calls('CreateEvent')).toBe(0);
		});
	});

	describe('attendee limits', () => {
		it('sends 500 attendees with the event and adds the rest in batches of 500', async () => {
			const people = Array.from({ length: 1201 }, (_, i) => `user${String(i).padStart(5, '0')}`);

			const result = await kit.run(
				[{ organizer, people }],
				createParameters({ additionalFields: { attendeeIds: '={{ $json.people }}' } }),
			);

			const json = result.output(NODE)[0].json;
			expect(json.additionalAttendees).toEqual({ status: 'added', requested: 1201, added: 1201 });
			expect((await kit.event(json.id as string)).attendees.map((a) => a.id)).toEqual(people);
			expect(await kit.calls('AddAttendee')).toBe(2);
		});

		it('refuses more than 5,000 attendees, and a person in both attendee lists, before any request', async () => {
			const many = Array.from({ length: 5001 }, (_, i) => `u${i}`);
			const result = await kit.run(
				[
					{ organizer, required: many, optional: [] },
					{ organizer, required: [USER_IDS.bob], optional: `${USER_IDS.carol},${USER_IDS.bob}` },
				],
				createParameters({
					additionalFields: {
						attendeeIds: '={{ $json.required }}',
						optionalAttendeeIds: '={{ $json.optional }}',
					},
				}),
				{ node: continueOnFail },
			);

			expect(result.output(NODE).map((item) => item.json.error)).toEqual([
				'Item 0, field "Attendees": 5001 users given, but DingTalk allows at most 5000 here',
				`Item 1, field "Optional Attendees": ${USER_IDS.bob} also in Attendees`,
			]);
			expect(await kit.calls('CreateEvent')).toBe(0);
		});
	});

	describe('checks and DingTalk errors', () => {
		it.each([
			['an empty summary', { summary: '  ' }, 'Item 0, field "Summary": is empty'],
			[
				'a summary over 2,048 characters',
				{ summary: 'x'.repeat(2049) },
				'Item 0, field "Summary": is 2049 characters long; DingTalk allows 2048',
			],
			// Required fields resolved empty by an expression (n8n refuses to start with a literally empty one).
			[
				'an empty organizer',
				{ userId: '={{ "" }}' },
				'Item 0, field "Organizer User ID": is empty',
			],
			['no start', { start: '={{ $json.nothing }}' }, 'Item 0, field "Start": is empty'],
			[
				'an unreadable start',
				{ start: 'next tuesday' },
				'Item 0, field "Start": "next tuesday" is not a date or date-time',
			],
			[
				'an end before the start',
				{ end: '2031-03-03T08:00:00' },
				'Item 0, field "End": 2031-03-03T08:00:00+08:00 is not after Start (2031-03-03T09:00:00+08:00)',
			],
			[
				'an unknown time zone',
				{ additionalFields: { timeZone: 'Mars/Olympus' } },
				'Item 0, field "Time Zone": "Mars/Olympus" is not a time zone',
			],
		])('refuses %s before any request', async (_name, overrides, message) => {
			const result = await kit.run([{ organizer }], createParameters(overrides), {
				node: continueOnFail,
			});

			expect(result.output(NODE)[0].json.error).toBe(message);
			expect(await kit.calls('CreateEvent')).toBe(0);
		});

		it('flowLimit: after the daily quota the item says so, and the next day creating works again', async () => {
			await kit.dingtalk.config({ limits: { eventsPerUserPerDay: 2 } });

			// One item at a time, so that the third is the one over the quota.
			const today = await kit.run(
				[{ organizer }, { organizer }, { organizer }],
				createParameters({ requestOptions: { concurrency: 1 } }),
				{
					node: continueOnFail,
				},
			);
			await kit.dingtalk.http.post('/__sandbox/clock', { advanceSeconds: 24 * 3600 });
			const tomorrow = await kit.run([{ organizer }], createParameters());

			const output = today.output(NODE);
			expect(output.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(output[0].json.id).toEqual(expect.any(String));
			expect(output[1].json.id).toEqual(expect.any(String));
			expect(output[2].json).toMatchObject({
				error: `User ${organizer} reached DingTalk's daily limit: this user may create at most 100 events per day`,
				errorDescription: expect.stringContaining('tomorrow'),
				dingTalk: {
					code: 'flowLimit',
					message: 'current user can not create events exceed 100 per day',
					httpStatus: 400,
				},
			});
			expect(tomorrow.output(NODE)[0].json.id).toEqual(expect.any(String));
		});

		it('a user outside the organization is refused with what to do', async () => {
			const result = await kit.run([{ organizer: 'notAMember123' }], createParameters(), {
				node: continueOnFail,
			});

			expect(result.output(NODE)[0].json).toMatchObject({
				error: "User notAMember123 is outside the app's authorized range",
				dingTalk: { code: 'permissionDeny' },
			});
		});
	});
});
