/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/require-node-api-error, import-x/no-unresolved -- a test driver; the SDK resolves through package exports */
/**
 * The MCP step of `npm run test:e2e`: `examples/dingtalk-rooms-mcp-server.workflow.json` (an MCP Server
 * Trigger with bearer auth and four DingTalk Calendar tools), activated before `n8n start`, driven with
 * the official MCP TypeScript SDK over Streamable HTTP, as Claude Desktop, Cursor or an agent framework
 * would: list the tools (descriptions and input schemas), book through Find and Book and Add to Event
 * (checked in the sandbox's state), a busy room as a tool error with DingTalk's code and request ID,
 * the room list's size per room, other users' event details left out, and a wrong token refused.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import type { RunningSandbox } from '../../sandbox';
import { EVENT_IDS, ROOM_IDS, USER_IDS } from '../../sandbox/seed';
import type { Example } from './expectations';

export const MCP_TRIGGER_TYPE = '@n8n/n8n-nodes-langchain.mcpTrigger';

/** The bearer token MCP clients send (the example's `httpBearerAuth` credential, imported with it). */
export const MCP_BEARER_TOKEN = 'e2e-mcp-bearer-token-0123456789abcdef';

/** Most characters per room the room list may put into a model's context (DingTalk's own: ~500). */
export const MAX_ROOM_CHARS = 250;

export function isMcpExample(example: Example): boolean {
	return example.workflow.nodes.some((node) => node.type === MCP_TRIGGER_TYPE);
}

/** The bearer credentials the MCP examples reference, in `n8n import:credentials` form. */
export function mcpCredentials(examples: Example[]): unknown[] {
	const refs = new Map<string, string>();
	for (const example of examples.filter(isMcpExample)) {
		for (const node of example.workflow.nodes) {
			const ref = node.credentials?.httpBearerAuth;
			if (ref?.id) refs.set(ref.id, ref.name);
		}
	}
	return [...refs].map(([id, name]) => ({
		id,
		name,
		type: 'httpBearerAuth',
		data: { token: MCP_BEARER_TOKEN },
	}));
}

interface ToolInfo {
	name: string;
	description?: string;
	inputSchema: {
		type: string;
		properties?: Record<string, { type?: string; description?: string }>;
		required?: string[];
	};
}

interface ToolAnswer {
	isError: boolean;
	text: string;
}

export interface McpCheckResult {
	summary: string;
	tools: ToolInfo[];
	/** Every tool call made and its answer, as the client saw them. */
	calls: Array<{ tool: string; arguments: Record<string, unknown> } & ToolAnswer>;
	roomChars: { raw: number; tool: number; rooms: number };
}

/** What each tool of the example must offer: its parameters with JSON types, and words its description must have. */
const EXPECTED_TOOLS: Record<
	string,
	{ properties: Record<string, string>; description: RegExp[] }
> = {
	find_and_book_room: {
		properties: {
			title: 'string',
			start: 'string',
			end: 'string',
			roomCount: 'number',
			minSeats: 'number',
		},
		description: [/ISO 8601 with an offset/, /1 to 5/, /All or none/],
	},
	add_rooms_to_event: {
		properties: { eventId: 'string', roomIds: 'string' },
		description: [
			/1 to 5 meeting rooms/,
			/from the tool that lists meeting rooms/,
			/meetingRoomNotAvailable/,
		],
	},
	room_availability: {
		properties: { roomIds: 'string', start: 'string', end: 'string' },
		description: [/ISO 8601 with an offset/, /at most 90 days/],
	},
	list_meeting_rooms: {
		properties: { minSeats: 'number' },
		description: [/roomCapacity \(seats\)/],
	},
};

function mcpUrl(n8nUrl: string, example: Example): string {
	const trigger = example.workflow.nodes.find((node) => node.type === MCP_TRIGGER_TYPE)!;
	return `${n8nUrl}/mcp/${String(trigger.parameters?.path ?? '')}`;
}

async function connect(url: string, token: string): Promise<Client> {
	const client = new Client({ name: 'n8n-nodes-dingtalk-calendar-e2e', version: '1.0.0' });
	const transport = new StreamableHTTPClientTransport(new URL(url), {
		requestInit: { headers: { Authorization: `Bearer ${token}` } },
	});
	await client.connect(transport);
	return client;
}

const calls: McpCheckResult['calls'] = [];

async function call(
	client: Client,
	name: string,
	args: Record<string, unknown>,
): Promise<ToolAnswer> {
	const result = (await client.callTool({ name, arguments: args })) as {
		isError?: boolean;
		content?: Array<{ type: string; text?: string }>;
	};
	const text = (result.content ?? []).map((part) => part.text ?? '').join('\n');
	calls.push({ tool: name, arguments: args, isError: result.isError === true, text });
	return { isError: result.isError === true, text };
}

function parse<T>(answer: ToolAnswer, what: string): T {
	if (answer.isError) throw new Error(`${what} answered an error: ${answer.text.slice(0, 500)}`);
	try {
		return JSON.parse(answer.text) as T;
	} catch {
		throw new Error(`${what} answered no JSON: ${answer.text.slice(0, 300)}`);
	}
}

function internalApp(sandbox: RunningSandbox): { appKey: string; appSecret: string } {
	const app = sandbox.seed.apps.find((a) => a.type === 'internal');
	if (!app || app.type !== 'internal') throw new Error('the sandbox seed has no internal app');
	return app;
}

/** The rooms of the directory as DingTalk (the sandbox) lists them, for the "before" size. */
async function rawRoomChars(
	sandbox: RunningSandbox,
	unionId: string,
): Promise<{ chars: number; rooms: number }> {
	const app = internalApp(sandbox);
	const tokenAnswer = await fetch(`${sandbox.url}/v1.0/oauth2/accessToken`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ appKey: app.appKey, appSecret: app.appSecret }),
	});
	const { accessToken } = (await tokenAnswer.json()) as { accessToken: string };
	const list = await fetch(
		`${sandbox.url}/v1.0/rooms/meetingRoomLists?unionId=${unionId}&maxResults=100`,
		{
			headers: { 'x-acs-dingtalk-access-token': accessToken },
		},
	);
	const { result } = (await list.json()) as { result: unknown[] };
	return { chars: JSON.stringify(result).length, rooms: result.length };
}

async function roomsOf(sandbox: RunningSandbox, eventId: string): Promise<string[]> {
	const response = await fetch(`${sandbox.url}/__sandbox/events/${encodeURIComponent(eventId)}`);
	if (!response.ok)
		throw new Error(`sandbox: GET /__sandbox/events/${eventId} answered ${response.status}`);
	const event = (await response.json()) as { meetingRooms?: Array<{ roomId: string }> };
	return (event.meetingRooms ?? []).map((room) => room.roomId).sort();
}

export async function mcpCheck(options: {
	n8nUrl: string;
	example: Example;
	sandbox: RunningSandbox;
}): Promise<McpCheckResult> {
	const { n8nUrl, example, sandbox } = options;
	const url = mcpUrl(n8nUrl, example);
	calls.length = 0;
	const problems: string[] = [];
	const answers: string[] = [];

	// A wrong token: no session, no tools.
	let refused = false;
	try {
		const intruder = await connect(url, 'not-the-token');
		await intruder.listTools();
		await intruder.close();
	} catch (error) {
		refused = /40[13]|Authorization|Unauthorized|Forbidden/i.test((error as Error).message);
		if (!refused)
			problems.push(`a wrong token failed, but not as refused: ${(error as Error).message}`);
	}
	if (!refused && !problems.length) problems.push('a wrong bearer token was let in');

	const client = await connect(url, MCP_BEARER_TOKEN);
	try {
		const { tools } = (await client.listTools()) as { tools: ToolInfo[] };
		for (const [name, expected] of Object.entries(EXPECTED_TOOLS)) {
			const tool = tools.find((t) => t.name === name);
			if (!tool) {
				problems.push(
					`tool ${name} is not listed (listed: ${tools.map((t) => t.name).join(', ')})`,
				);
				continue;
			}
			for (const words of expected.description) {
				if (!words.test(tool.description ?? ''))
					problems.push(`${name}: description lacks ${words}: "${tool.description}"`);
			}
			const properties = tool.inputSchema.properties ?? {};
			for (const [key, type] of Object.entries(expected.properties)) {
				if (properties[key]?.type !== type)
					problems.push(
						`${name}: input ${key} is ${JSON.stringify(properties[key])}, expected type ${type}`,
					);
				else if (!properties[key].description)
					problems.push(`${name}: input ${key} has no description`);
			}
			const extra = Object.keys(properties).filter((key) => !(key in expected.properties));
			if (extra.length) problems.push(`${name}: unexpected inputs ${extra.join(', ')}`);
		}

		// The room list: every room, compact.
		const listAnswer = await call(client, 'list_meeting_rooms', { minSeats: 0 });
		answers.push(listAnswer.text);
		const rooms = parse<Array<Record<string, unknown>>>(listAnswer, 'list_meeting_rooms');
		const raw = await rawRoomChars(sandbox, USER_IDS.alice);
		const perRoom = Math.round(listAnswer.text.length / Math.max(rooms.length, 1));
		if (rooms.length !== raw.rooms)
			problems.push(
				`list_meeting_rooms gave ${rooms.length} rooms, the directory has ${raw.rooms}`,
			);
		if (perRoom > MAX_ROOM_CHARS)
			problems.push(
				`list_meeting_rooms: ${perRoom} characters per room, more than ${MAX_ROOM_CHARS}`,
			);
		if (rooms.some((room) => 'roomPicture' in room || 'corpId' in room))
			problems.push('list_meeting_rooms still gives roomPicture/corpId');

		// Find and Book a new event, 11:00-12:00 Shanghai, 8 seats: West Lake (Alice's own) and Everest (Bob's) are busy.
		const window = { start: '2030-01-15T11:00:00+08:00', end: '2030-01-15T12:00:00+08:00' };
		const bookAnswer = await call(client, 'find_and_book_room', {
			title: 'Agent sync',
			...window,
			roomCount: 1,
			minSeats: 8,
		});
		answers.push(bookAnswer.text);
		const [booking] = parse<
			Array<{
				found: boolean;
				eventId: string;
				roomIds: string[];
				rooms: Array<{ responseStatus: string }>;
			}>
		>(bookAnswer, 'find_and_book_room');
		if (!booking?.found || !booking.eventId)
			throw new Error(`find_and_book_room found nothing: ${bookAnswer.text.slice(0, 400)}`);
		if ([ROOM_IDS.westLake, ROOM_IDS.everest].some((id) => booking.roomIds.includes(id)))
			problems.push(`find_and_book_room booked a busy room: ${booking.roomIds}`);
		const afterBook = await roomsOf(sandbox, booking.eventId);
		if (afterBook.join() !== [...booking.roomIds].sort().join())
			problems.push(
				`sandbox: event ${booking.eventId} holds ${afterBook}, the tool said ${booking.roomIds}`,
			);

		// Availability: Alice's own booking keeps its event ID, Bob's shows only as busy times.
		const availabilityAnswer = await call(client, 'room_availability', {
			roomIds: `${ROOM_IDS.westLake},${ROOM_IDS.everest},${ROOM_IDS.xixi}`,
			...window,
		});
		answers.push(availabilityAnswer.text);
		const availability = parse<
			Array<{ roomId: string; status: string; busy?: Array<Record<string, unknown>> }>
		>(availabilityAnswer, 'room_availability');
		const statuses = availability.map((room) => room.status).join(',');
		if (statuses !== 'busy,busy,free')
			problems.push(
				`room_availability: West Lake, Everest, Xixi are ${statuses}, expected busy,busy,free`,
			);
		if (!availabilityAnswer.text.includes(EVENT_IDS.quarterlyPlanning))
			problems.push("room_availability left out the operator's own event ID");
		if (
			availabilityAnswer.text.includes(EVENT_IDS.designReview) ||
			availabilityAnswer.text.includes(USER_IDS.bob)
		) {
			problems.push(
				`room_availability gave another user's event details: ${availabilityAnswer.text}`,
			);
		}

		// Add to Event: a busy room comes back as a tool error with DingTalk's code and request ID ...
		const busyAnswer = await call(client, 'add_rooms_to_event', {
			eventId: booking.eventId,
			roomIds: ROOM_IDS.westLake,
		});
		answers.push(busyAnswer.text);
		if (!busyAnswer.isError)
			problems.push(`add_rooms_to_event with a busy room did not fail: ${busyAnswer.text}`);
		for (const words of [
			/already booked/,
			/code meetingRoomNotAvailable/,
			/request ID [\w-]{6,}/,
			/"Get meeting room availability"/,
		]) {
			if (!words.test(busyAnswer.text))
				problems.push(`busy-room error lacks ${words}: ${busyAnswer.text}`);
		}
		if (/Item 0|field "|Meeting Room > /.test(busyAnswer.text))
			problems.push(`busy-room error has editor words: ${busyAnswer.text}`);

		// ... and a free one is booked onto the event.
		const addAnswer = await call(client, 'add_rooms_to_event', {
			eventId: booking.eventId,
			roomIds: ROOM_IDS.xixi,
		});
		answers.push(addAnswer.text);
		const [added] = parse<Array<{ result: boolean; allAccepted: boolean }>>(
			addAnswer,
			'add_rooms_to_event',
		);
		if (!added?.result || !added.allAccepted)
			problems.push(`add_rooms_to_event: ${addAnswer.text}`);
		const afterAdd = await roomsOf(sandbox, booking.eventId);
		const expectedRooms = [...booking.roomIds, ROOM_IDS.xixi].sort();
		if (afterAdd.join() !== expectedRooms.join())
			problems.push(
				`sandbox: event ${booking.eventId} holds ${afterAdd}, expected ${expectedRooms}`,
			);

		// A bad argument names the tool's parameter.
		const tooMany = await call(client, 'add_rooms_to_event', {
			eventId: booking.eventId,
			roomIds: Object.values(ROOM_IDS).slice(0, 6).join(','),
		});
		answers.push(tooMany.text);
		if (!tooMany.isError || !/Parameter "roomIds": 6 rooms given/.test(tooMany.text))
			problems.push(`six rooms: ${tooMany.text}`);

		// No secret in any answer.
		const app = internalApp(sandbox);
		for (const text of answers) {
			if (
				text.includes(app.appSecret) ||
				text.includes(MCP_BEARER_TOKEN) ||
				/accessToken/i.test(text)
			)
				problems.push(`a tool answer holds a secret: ${text.slice(0, 200)}`);
		}

		if (problems.length) throw new Error(problems.join('\n    '));
		return {
			tools,
			calls: [...calls],
			roomChars: { raw: Math.round(raw.chars / raw.rooms), tool: perRoom, rooms: rooms.length },
			summary:
				`${tools.length} tools; booked ${booking.roomIds.length}+1 rooms (sandbox checked); busy room → tool error with code + request ID; ` +
				`rooms ${Math.round(raw.chars / raw.rooms)} → ${perRoom} chars/room (${rooms.length} rooms); wrong token refused`,
		};
	} finally {
		await client.close();
	}
}
