import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { EVENT_IDS, ROOM_IDS, USER_IDS } from '../../../sandbox/seed';
import { KNOWN_FIELD_LABELS } from '../../../nodes/DingTalkCalendar/actions/toolErrors';
import { credentialsHelperWith, runWorkflow } from '../../harness/engine';
import { useSandbox } from '../../harness/sandboxSuite';
import { agentWorkflow, createToolNodeTypes } from '../../harness/toolRun';
import { itemsToNode } from '../../harness/workflows';

/**
 * The node as an AI tool, through n8n-core's own tool plumbing (getInputConnectionData → createNodeAsTool
 * → DynamicStructuredTool), called by a stand-in agent with fixed arguments, against the sandbox.
 */
describe('DingTalk Calendar as an AI tool', () => {
	const { dingtalk } = useSandbox();
	const nodeTypes = createToolNodeTypes();

	async function callTools(
		tools: Array<{ name: string; parameters: INodeParameters }>,
		calls: Array<{ tool: string; args: IDataObject }>,
	) {
		const credentialsHelper = credentialsHelperWith(await dingtalk.internalCredential());
		const result = await runWorkflow(agentWorkflow(tools, calls), { credentialsHelper, nodeTypes });
		expect(result.error).toBeUndefined();
		return result.output('Agent').map((item) => item.json);
	}

	const getManyRooms = {
		name: 'List rooms',
		parameters: {
			resource: 'meetingRoom',
			operation: 'getMany',
			userId: USER_IDS.alice,
			returnAll: true,
			filters: {
				minCapacity: "={{ $fromAI('minSeats', 'Fewest seats the room needs', 'number') }}",
			},
		},
	};
	const availability = {
		name: 'Room availability',
		parameters: {
			resource: 'meetingRoom',
			operation: 'getAvailability',
			userId: USER_IDS.alice,
			roomIds: "={{ $fromAI('roomIds', 'Room IDs, comma-separated', 'string') }}",
			start: "={{ $fromAI('start', 'ISO 8601 with offset', 'string') }}",
			end: "={{ $fromAI('end', 'ISO 8601 with offset', 'string') }}",
		},
	};
	const addToEvent = {
		name: 'Add rooms to event',
		parameters: {
			resource: 'meetingRoom',
			operation: 'addToEvent',
			userId: "={{ $fromAI('organizer', 'unionId of the organizer', 'string') }}",
			calendarId: 'primary',
			eventId: { __rl: true, mode: 'id', value: "={{ $fromAI('eventId', 'Event ID', 'string') }}" },
			roomIds: "={{ $fromAI('roomIds', 'Room IDs, comma-separated', 'string') }}",
		},
	};

	it('lists rooms compactly by default: the fields an agent needs, under 250 characters a room (DingTalk gives about 500)', async () => {
		const [call] = await callTools([getManyRooms], [{ tool: 'List_rooms', args: { minSeats: 0 } }]);

		expect(call.error).toBeUndefined();
		const rooms = call.response as IDataObject[];
		expect(rooms.length).toBeGreaterThanOrEqual(10);
		const westLake = rooms.find((room) => room.roomId === ROOM_IDS.westLake)!;
		expect(Object.keys(westLake).sort()).toEqual(
			expect.arrayContaining([
				'roomId',
				'roomName',
				'roomCapacity',
				'groupId',
				'groupName',
				'labels',
				'bookableBy',
			]),
		);
		for (const room of rooms) {
			expect(room).not.toHaveProperty('roomPicture');
			expect(room).not.toHaveProperty('corpId');
			expect(room).not.toHaveProperty('roomStaffId');
			expect(JSON.stringify(room).length).toBeLessThan(250);
		}
		expect((call.responseChars as number) / rooms.length).toBeLessThan(250);
	});

	it('tells the model what each operation takes: limits, formats and where IDs come from', async () => {
		const calls = await callTools(
			[getManyRooms, availability, addToEvent],
			[
				{ tool: 'List_rooms', args: { minSeats: 100 } },
				{
					tool: 'Room_availability',
					args: {
						roomIds: ROOM_IDS.xixi,
						start: '2030-01-15T09:00:00+08:00',
						end: '2030-01-15T10:00:00+08:00',
					},
				},
				{
					tool: 'Add_rooms_to_event',
					args: { organizer: USER_IDS.alice, eventId: 'x', roomIds: '' },
				},
			],
		);
		expect(calls.map((c) => c.parameters)).toEqual([
			['minSeats'],
			['roomIds', 'start', 'end'],
			['organizer', 'eventId', 'roomIds'],
		]);
		expect(calls[0].description).toMatch(/roomCapacity \(seats\)/);
		expect(calls[1].description).toMatch(
			/ISO 8601 with an offset, e\.g\. 2026-12-03T15:00:00\+08:00, at most 90 days/,
		);
		expect(calls[2].description).toMatch(/Book 1 to 5 meeting rooms/);
		expect(calls[2].description).toMatch(/from the tool that lists meeting rooms/);
	});

	it("gives free/busy without other users' event details, keeping the operator's own", async () => {
		const [call] = await callTools(
			[availability],
			[
				{
					tool: 'Room_availability',
					args: {
						roomIds: [ROOM_IDS.westLake, ROOM_IDS.everest, ROOM_IDS.xixi].join(','),
						start: '2030-01-15T09:00:00+08:00',
						end: '2030-01-15T13:00:00+08:00',
					},
				},
			],
		);
		const [westLake, everest, xixi] = call.response as IDataObject[];
		// West Lake: Alice's own Quarterly Planning; Everest: Bob's Design Review.
		expect(westLake).toEqual({
			roomId: ROOM_IDS.westLake,
			start: '2030-01-15T01:00:00.000Z',
			end: '2030-01-15T05:00:00.000Z',
			status: 'busy',
			free: false,
			busy: [
				{
					start: '2030-01-15T02:00:00.000Z',
					end: '2030-01-15T04:00:00.000Z',
					yours: true,
					eventId: EVENT_IDS.quarterlyPlanning,
				},
			],
		});
		expect(everest.status).toBe('busy');
		expect(JSON.stringify(everest)).not.toContain(EVENT_IDS.designReview);
		expect(JSON.stringify(everest)).not.toContain(USER_IDS.bob);
		expect(xixi).toMatchObject({ roomId: ROOM_IDS.xixi, status: 'free', free: true, busy: [] });
	});

	it('names the parameter as the tool has it, with advice for a model, for a bad argument', async () => {
		const sixRooms = Object.values(ROOM_IDS).slice(0, 6).join(',');
		const [call] = await callTools(
			[addToEvent],
			[
				{
					tool: 'Add_rooms_to_event',
					args: { organizer: USER_IDS.alice, eventId: EVENT_IDS.oneOnOne, roomIds: sixRooms },
				},
			],
		);
		expect(call.error).toMatch(
			/^Parameter "roomIds": 6 rooms given, but DingTalk books at most 5 rooms per event/,
		);
		expect(call.error).not.toMatch(/Item 0|field "Rooms"|pick them from the list|expression/);
	});

	it("says DingTalk's code and request ID and which tool to call next, for a busy room", async () => {
		const [call] = await callTools(
			[addToEvent, availability],
			[
				{
					tool: 'Add_rooms_to_event',
					args: {
						organizer: USER_IDS.bob,
						eventId: EVENT_IDS.designReview,
						roomIds: ROOM_IDS.westLake,
					},
				},
			],
		);
		expect(call.error).toMatch(/Room 85769763\w+ is already booked for this time/);
		expect(call.error).toMatch(/code meetingRoomNotAvailable/);
		expect(call.error).toMatch(/request ID [\w-]+/);
		expect(call.error).toMatch(
			/Pick another room or time\. The DingTalk Calendar tool "Get meeting room availability" shows which rooms are free/,
		);
		expect(call.error).not.toContain('Meeting Room > ');
	});

	it('tells the model when the workflow, not the call, set a wrong value', async () => {
		const fixedOrganizer = {
			...addToEvent,
			parameters: { ...addToEvent.parameters, userId: '..' },
		};
		const [call] = await callTools(
			[fixedOrganizer],
			[
				{
					tool: 'Add_rooms_to_event',
					args: { eventId: EVENT_IDS.oneOnOne, roomIds: ROOM_IDS.xixi },
				},
			],
		);
		expect(call.error).toMatch(
			/^The tool's fixed setting "Organizer User ID": "\.\." is not an ID\. The workflow sets this value/,
		);
	});

	it('keeps every field label of the messages mapped to a parameter', () => {
		for (const label of [
			'Rooms',
			'Number of Rooms',
			'Preferred Rooms',
			'Organizer User ID',
			'Operator User ID',
			'Event',
			'Title',
			'Start',
			'End',
		]) {
			expect(KNOWN_FIELD_LABELS).toContain(label);
		}
	});
});

describe('Output and privacy options in a normal run', () => {
	const { dingtalk } = useSandbox();

	async function run(parameters: INodeParameters) {
		const credentialsHelper = credentialsHelperWith(await dingtalk.internalCredential());
		const result = await runWorkflow(itemsToNode([{}], { userId: USER_IDS.alice, ...parameters }), {
			credentialsHelper,
		});
		expect(result.error).toBeUndefined();
		return result.output('DingTalk Calendar').map((item) => item.json);
	}

	it('keeps every DingTalk field by default, and simplifies on request', async () => {
		const raw = await run({ resource: 'meetingRoom', operation: 'getMany', returnAll: true });
		const simplified = await run({
			resource: 'meetingRoom',
			operation: 'getMany',
			returnAll: true,
			options: { output: 'simplified' },
		});

		expect(raw[0]).toHaveProperty('roomPicture');
		expect(simplified).toHaveLength(raw.length);
		const size = (rooms: IDataObject[]) => JSON.stringify(rooms).length / rooms.length;
		expect(size(simplified)).toBeLessThan(size(raw) / 2);
	});

	it("shows other users' event details by default, and hides them on request", async () => {
		const base = {
			resource: 'meetingRoom',
			operation: 'getAvailability',
			roomIds: [ROOM_IDS.everest],
			start: '2030-01-15T09:00:00',
			end: '2030-01-15T13:00:00',
		};
		const [shown] = await run(base);
		const [hidden] = await run({ ...base, options: { othersEventDetails: 'hide' } });

		expect(shown.busySlots).toEqual([
			expect.objectContaining({ eventId: EVENT_IDS.designReview, organizerId: USER_IDS.bob }),
		]);
		expect(hidden.busySlots).toEqual([
			{ status: 'BUSY', start: expect.any(String), end: expect.any(String) },
		]);
	});

	it('gives a room detail with its booking rules in Simplified', async () => {
		const [room] = await run({
			resource: 'meetingRoom',
			operation: 'get',
			roomId: { __rl: true, mode: 'id', value: ROOM_IDS.westLake },
			options: { output: 'simplified' },
		});
		expect(room).toMatchObject({
			roomId: ROOM_IDS.westLake,
			openForBooking: true,
			needsApproval: false,
		});
		expect(room).not.toHaveProperty('extensionConfig');
	});
});
