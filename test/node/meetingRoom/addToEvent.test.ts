import type { INode } from 'n8n-workflow';

import { credentialsHelperWith, runWorkflow } from '../../harness/engine';
import { roomPicker, type SandboxClient, type SeedView } from '../../harness/sandboxClient';
import { useSandbox } from '../../harness/sandboxSuite';
import { addToEventParameters, itemsToNode } from '../../harness/workflows';

const NODE = 'DingTalk Calendar';
const continueOnFail: Partial<INode> = { onError: 'continueRegularOutput' };

/** A 2031 time slot per test, clear of the seed's 2030 bookings. */
const slot = (hour: number) => ({
	start: `2031-03-03T${String(hour).padStart(2, '0')}:00:00.000Z`,
	end: `2031-03-03T${String(hour + 1).padStart(2, '0')}:00:00.000Z`,
});

describe('Meeting Room > Add to Event, through the n8n engine against the sandbox', () => {
	const suite = useSandbox();
	const { dingtalk } = suite;
	let seed: SeedView;
	let organizer: string;
	let rooms: ReturnType<typeof roomPicker>;

	beforeAll(async () => {
		seed = await dingtalk.seed();
		organizer = seed.users[0].unionId;
		rooms = roomPicker(seed);
	});

	async function run(
		items: object[],
		nodeOptions: Partial<INode> = {},
		credential?: Awaited<ReturnType<SandboxClient['internalCredential']>>,
	) {
		const credentialsHelper = credentialsHelperWith(
			credential ?? (await dingtalk.internalCredential()),
		);
		const result = await runWorkflow(
			itemsToNode(items as never, addToEventParameters(), nodeOptions),
			{ credentialsHelper },
		);
		return { ...result, credentialsHelper };
	}

	it("books rooms onto the event and outputs the event, the rooms and DingTalk's result", async () => {
		const eventId = await dingtalk.createEvent(organizer, slot(9).start, slot(9).end);
		const [a, b] = rooms.free(2);

		const result = await run([{ organizer, eventId, rooms: [a, b] }]);

		expect(result.error).toBeUndefined();
		expect(result.output(NODE)).toEqual([
			{
				json: { userId: organizer, calendarId: 'primary', eventId, roomIds: [a, b], result: true },
				pairedItem: { item: 0 },
			},
		]);
		expect(await dingtalk.roomsOf(eventId)).toEqual({ [a]: 'accepted', [b]: 'accepted' });
	});

	it('books an approval room as tentative', async () => {
		const eventId = await dingtalk.createEvent(organizer, slot(9).start, slot(9).end);
		const room = rooms.approval();

		const result = await run([{ organizer, eventId, rooms: room }]);

		expect(result.output(NODE)[0].json.result).toBe(true);
		expect(await dingtalk.roomsOf(eventId)).toEqual({ [room]: 'tentative' });
	});

	it('accepts rooms as a comma-separated text, trims them and drops empty entries and duplicates', async () => {
		const eventId = await dingtalk.createEvent(organizer, slot(10).start, slot(10).end);
		const [a, b] = rooms.free(2);

		const result = await run([{ organizer, eventId, rooms: ` ${a}, ,${b},${a} ,` }]);

		expect(result.output(NODE)[0].json.roomIds).toEqual([a, b]);
		expect(Object.keys(await dingtalk.roomsOf(eventId)).sort()).toEqual([a, b].sort());
	});

	it('accepts room objects with a roomId, as Get Many returns them', async () => {
		const eventId = await dingtalk.createEvent(organizer, slot(10).start, slot(10).end);
		const [a] = rooms.free(1);

		const result = await run([{ organizer, eventId, rooms: [{ roomId: a, roomName: 'x' }] }]);

		expect(result.output(NODE)[0].json.roomIds).toEqual([a]);
	});

	it('re-adding a room the event already holds succeeds and changes nothing', async () => {
		const eventId = await dingtalk.createEvent(organizer, slot(11).start, slot(11).end);
		const [a] = rooms.free(1);
		await dingtalk.addRooms(organizer, eventId, [a]);

		const result = await run([{ organizer, eventId, rooms: [a] }]);

		expect(result.output(NODE)[0].json.result).toBe(true);
		expect(await dingtalk.roomsOf(eventId)).toEqual({ [a]: 'accepted' });
	});

	describe('DingTalk errors become clear node errors', () => {
		it('meetingRoomNotAvailable: the room is held by another event at that time', async () => {
			const [a] = rooms.free(1);
			const holder = await dingtalk.createEvent(organizer, slot(12).start, slot(12).end);
			await dingtalk.addRooms(organizer, holder, [a]);
			const eventId = await dingtalk.createEvent(
				seed.users[1].unionId,
				slot(12).start,
				slot(12).end,
			);

			const result = await run([{ organizer: seed.users[1].unionId, eventId, rooms: [a] }]);

			const error = result.error as unknown as {
				message: string;
				description: string;
				httpCode: string;
				context: Record<string, unknown>;
			};
			expect(error.message).toBe(`Room ${a} is already booked for this time`);
			expect(error.description).toContain('Get Availability');
			expect(error.description).toContain('meetingRoomNotAvailable');
			expect(error.httpCode).toBe('400');
			expect(error.context.itemIndex).toBe(0);
			expect(error.context.dingTalk).toMatchObject({
				code: 'meetingRoomNotAvailable',
				httpStatus: 400,
				requestId: expect.any(String),
			});
			expect(await dingtalk.roomsOf(eventId)).toEqual({});
		});

		it('roomId invalid: the room does not exist', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(13).start, slot(13).end);
			const unknown = 'f'.repeat(48);

			const result = await run([{ organizer, eventId, rooms: [unknown] }], continueOnFail);

			expect(result.output(NODE)).toEqual([
				{
					json: {
						error: `Room ID ${unknown} does not exist in this organization`,
						errorDescription: expect.stringContaining('roomId invalid'),
						dingTalk: expect.objectContaining({
							code: 'invalidParameter',
							message: 'roomId invalid',
							httpStatus: 400,
						}),
					},
					pairedItem: { item: 0 },
				},
			]);
		});

		it('more than 5 rooms in total: the event already holds rooms', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(14).start, slot(14).end);
			const free = rooms.free(6);
			await dingtalk.addRooms(organizer, eventId, free.slice(0, 4));

			const result = await run([{ organizer, eventId, rooms: free.slice(4, 6) }], continueOnFail);

			const json = result.output(NODE)[0].json;
			expect(json.error).toBe(`event ${eventId} would hold more than 5 meeting rooms`);
			expect(json.dingTalk).toMatchObject({
				message: 'attendees batch size too large. Maximum allowed:5',
			});
			expect(Object.keys(await dingtalk.roomsOf(eventId))).toHaveLength(4);
		});

		it("itemNotFound: no such event in the organizer's calendar", async () => {
			const result = await run(
				[{ organizer, eventId: 'noSuchEvent123', rooms: rooms.free(1) }],
				continueOnFail,
			);

			expect(result.output(NODE)[0].json).toMatchObject({
				error: `The calendar of user ${organizer} has no event noSuchEvent123`,
				dingTalk: { code: 'itemNotFound', httpStatus: 404 },
			});
		});

		it('an ID with "/", "?" or ".." stays inside its path segment', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(15).start, slot(15).end);
			const [a] = rooms.free(1);
			const tricky = [
				`${eventId}/meetingRooms`,
				`../events/${eventId}`,
				`${eventId}?x=1`,
				`${eventId}#x`,
				'%2e%2e',
			];

			const result = await run(
				[...tricky, '..'].map((id) => ({ organizer, eventId: id, rooms: [a] })),
				continueOnFail,
			);

			const output = result.output(NODE);
			for (const item of output.slice(0, tricky.length)) {
				expect(item.json).toMatchObject({ dingTalk: { code: 'itemNotFound', httpStatus: 404 } });
			}
			// ".." cannot be kept in its segment (URL parsers collapse it), so it is refused before sending.
			expect(output[tricky.length].json.error).toBe(
				`Item ${tricky.length}, field "Event": ".." is not an ID`,
			);
			expect(await dingtalk.roomsOf(eventId)).toEqual({});
			expect(await dingtalk.callsTo(/InvalidAction|unknown/i)).toBe(0);
		});

		it('with Continue On Fail every item comes out once, in order, paired to its input', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(16).start, slot(16).end);
			const other = await dingtalk.createEvent(organizer, slot(17).start, slot(17).end);
			const [a, b, c] = rooms.free(3);
			await dingtalk.addRooms(organizer, other, [c]);
			const busyEvent = await dingtalk.createEvent(
				seed.users[1].unionId,
				slot(17).start,
				slot(17).end,
			);

			const result = await run(
				[
					{ organizer, eventId, rooms: [a] },
					{ organizer, eventId, rooms: [] },
					{ organizer: seed.users[1].unionId, eventId: busyEvent, rooms: [c] },
					{ organizer, eventId, rooms: ['1', '2', '3', '4', '5', '6'] },
					{ organizer, eventId, rooms: [b] },
				],
				continueOnFail,
			);

			const output = result.output(NODE);
			expect(output.map((item) => item.pairedItem)).toEqual(
				[0, 1, 2, 3, 4].map((item) => ({ item })),
			);
			expect(output[0].json.result).toBe(true);
			expect(output[1].json.error).toBe('Item 1, field "Rooms": no room ID given');
			expect(output[2].json.error).toBe(`Room ${c} is already booked for this time`);
			expect(output[3].json.error).toBe(
				'Item 3, field "Rooms": 6 rooms given, but DingTalk books at most 5 rooms per event',
			);
			expect(output[4].json.result).toBe(true);
			expect(Object.keys(await dingtalk.roomsOf(eventId)).sort()).toEqual([a, b].sort());
		});

		it('a missing permission says which one to grant, and where', async () => {
			const limited = {
				...seed,
				apps: seed.apps.map((app) =>
					app.type === 'internal' ? { ...app, permissions: ['Calendar.Event.Read'] } : app,
				),
			};
			expect((await dingtalk.http.post('/__sandbox/reset', limited)).status).toBe(200);
			const roomless = seed.events.find((event) => event.roomIds.length === 0)!;

			const result = await run(
				[{ organizer: roomless.organizerUnionId, eventId: roomless.eventId, rooms: rooms.free(1) }],
				continueOnFail,
			);
			expect((await dingtalk.http.post('/__sandbox/reset', seed)).status).toBe(200);

			const json = result.output(NODE)[0].json;
			expect(json.error).toBe('The DingTalk app lacks the permission Calendar.Event.Write');
			expect(json.errorDescription).toContain('developer console');
			expect(json.dingTalk).toMatchObject({
				code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied',
				httpStatus: 403,
			});
		});

		it('a rate limit that outlasts every try fails the item with the number of tries', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(7).start, slot(7).end);
			await dingtalk.config({ faults: [{ route: 'AddMeetingRooms', kind: 'qps403' }] });

			const result = await runWorkflow(
				itemsToNode(
					[{ organizer, eventId, rooms: rooms.free(1) }],
					addToEventParameters({ requestOptions: { maxTries: 2 } }),
					continueOnFail,
				),
				{ credentialsHelper: credentialsHelperWith(await dingtalk.internalCredential()) },
			);
			await dingtalk.config({ faults: [] });

			const json = result.output(NODE)[0].json;
			expect(json.error).toBe(
				'DingTalk rate limit reached: too many calls per second for this app and API',
			);
			expect(json.errorDescription).toContain('(after 2 tries)');
			expect(json.dingTalk).toMatchObject({
				code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
				httpStatus: 403,
				tries: 2,
			});
		});

		it('without Continue On Fail the run stops at the failing item and names it', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(18).start, slot(18).end);
			const [a] = rooms.free(1);

			const result = await run([
				{ organizer, eventId, rooms: [a] },
				{ organizer, eventId: 'missingEvent', rooms: [a] },
				{ organizer, eventId, rooms: [a] },
			]);

			const error = result.error as unknown as { message: string; context: { itemIndex?: number } };
			expect(error.message).toBe(`The calendar of user ${organizer} has no event missingEvent`);
			expect(error.context.itemIndex).toBe(1);
		});
	});

	describe('checks before any request', () => {
		it.each([
			[
				'six rooms',
				{ rooms: ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'] },
				'Item 0, field "Rooms": 6 rooms given, but DingTalk books at most 5 rooms per event',
			],
			['no rooms', { rooms: [] }, 'Item 0, field "Rooms": no room ID given'],
			['only blanks and commas', { rooms: ' , ,, ' }, 'Item 0, field "Rooms": no room ID given'],
			[
				'a value that is not an ID',
				{ rooms: [true] },
				'Item 0, field "Rooms": boolean true is not a room ID',
			],
			[
				'broken JSON',
				{ rooms: '["a", ' },
				'Item 0, field "Rooms": looks like a JSON list but is not valid JSON',
			],
			['an empty organizer', { organizer: '  ' }, 'Item 0, field "Organizer User ID": is empty'],
			['an empty event', { eventId: '' }, 'Item 0, field "Event": is empty'],
		])('%s', async (_name, override, message) => {
			const result = await run(
				[{ organizer, eventId: 'anyEvent', rooms: ['r1'], ...override }],
				continueOnFail,
			);

			expect(result.output(NODE)).toEqual([
				{ json: { error: message, errorDescription: expect.any(String) }, pairedItem: { item: 0 } },
			]);
			expect(await dingtalk.callsTo(/meetingRooms/)).toBe(0);
		});
	});

	describe('credential and token', () => {
		it('fetches one token for a whole run and stores it in the credential', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(19).start, slot(19).end);
			const free = rooms.free(3);
			const before = (await dingtalk.stats()).tokenRequests;

			const result = await run(free.map((room) => ({ organizer, eventId, rooms: [room] })));

			expect(result.output(NODE).map((item) => item.json.result)).toEqual([true, true, true]);
			expect((await dingtalk.stats()).tokenRequests - before).toBe(1);
			expect(result.credentialsHelper.store.get('cred-sandbox')!.data.accessToken).toEqual(
				expect.any(String),
			);
		});

		it('renews an expired token once, mid-run, and the items succeed', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(20).start, slot(20).end);
			const free = rooms.free(3);
			const credential = await dingtalk.internalCredential();
			// A first run stores a token; then DingTalk expires it.
			const first = await run([{ organizer, eventId, rooms: [free[0]] }], {}, credential);
			const stored = first.credentialsHelper.store.get('cred-sandbox')!;
			await dingtalk.expireTokens();
			const before = await dingtalk.stats();

			const credentialsHelper = credentialsHelperWith(stored);
			const second = await runWorkflow(
				itemsToNode(
					free.slice(1).map((room) => ({ organizer, eventId, rooms: [room] })),
					addToEventParameters(),
				),
				{ credentialsHelper },
			);

			expect(second.error).toBeUndefined();
			expect(second.output(NODE).map((item) => item.json.result)).toEqual([true, true]);
			expect(credentialsHelper.preAuthenticationCalls).toBe(1);
			const after = await dingtalk.stats();
			expect(after.tokenRequests - before.tokenRequests).toBe(1);
			expect(credentialsHelper.store.get('cred-sandbox')!.data.accessToken).not.toBe(
				stored.data.accessToken,
			);
		});

		it("wrong keys fail every item with DingTalk's reason and what to fix", async () => {
			const credential = await dingtalk.internalCredential({ clientSecret: 'wrong-secret' });

			const result = await run(
				[
					{ organizer, eventId: 'e1', rooms: ['r1'] },
					{ organizer, eventId: 'e2', rooms: ['r2'] },
				],
				continueOnFail,
				credential,
			);

			const output = result.output(NODE);
			expect(output).toHaveLength(2);
			for (const [index, item] of output.entries()) {
				expect(item.pairedItem).toEqual({ item: index });
				expect(item.json.error).toContain(
					'DingTalk rejected the Client ID (AppKey) or Client Secret (AppSecret)',
				);
				expect(item.json.error).toContain('invalidClientIdOrSecret');
			}
		});

		it('works with a third-party enterprise app (corp access token)', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(21).start, slot(21).end);
			const [a] = rooms.free(1);

			const result = await run(
				[{ organizer, eventId, rooms: [a] }],
				{},
				await dingtalk.thirdPartyCredential(),
			);

			expect(result.error).toBeUndefined();
			expect(result.output(NODE)[0].json.result).toBe(true);
			expect(await dingtalk.callsTo(/corpAccessToken/)).toBe(1);
		});

		it('never puts a secret or a token in the output or in errors', async () => {
			const eventId = await dingtalk.createEvent(organizer, slot(22).start, slot(22).end);
			const [a] = rooms.free(1);
			const credential = await dingtalk.internalCredential();

			const result = await run(
				[
					{ organizer, eventId, rooms: [a] },
					{ organizer, eventId: 'missing', rooms: [a] },
					{ organizer, eventId, rooms: ['1', '2', '3', '4', '5', '6'] },
				],
				continueOnFail,
				credential,
			);
			const wrongKeys = await run(
				[{ organizer, eventId, rooms: [a] }],
				{},
				await dingtalk.internalCredential({ clientSecret: 'not-the-secret-xyz' }),
			);

			const token = result.credentialsHelper.store.get('cred-sandbox')!.data.accessToken as string;
			const everything = JSON.stringify([
				result.run,
				wrongKeys.run,
				String(wrongKeys.error),
				(wrongKeys.error as Error)?.stack,
			]);
			expect(token.length).toBeGreaterThan(8);
			expect(everything).not.toContain(token);
			expect(everything).not.toContain(credential.data.clientSecret as string);
			expect(everything).not.toContain('not-the-secret-xyz');
		});
	});
});
