/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * The AI Agent step of `npm run test:e2e`: n8n's own AI Agent with our node as a tool, its chat model an
 * OpenAI Chat Model node pointed at a scripted OpenAI-compatible endpoint served here. The script stands
 * in for the LLM only (first answer: a fixed call of `find_and_book_room`; second: a reply built from the
 * tool result it was sent); n8n's Agent, its tool plumbing and our node are real. Run with `n8n execute`.
 * Checks: the tool call reached the sandbox (the event holds the room), the tool result reached the
 * model (the second request carries it), and the Agent's output is the model's reply.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { RunningSandbox } from '../../sandbox';
import { USER_IDS } from '../../sandbox/seed';
import type { WorkflowJson } from './expectations';

export const AGENT_WORKFLOW_ID = 'dtE2eAgentTools01';
const OPENAI_CREDENTIAL = { id: 'scriptedOpenAi1', name: 'Scripted chat model (e2e)' };
const TOOL_NAME = 'find_and_book_room';
const BOOK_ARGS = {
	title: 'Agent sync',
	start: '2030-01-15T11:00:00+08:00',
	end: '2030-01-15T12:00:00+08:00',
	minSeats: 8,
};

interface ChatMessage {
	role: string;
	content?: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: unknown[];
	tool_call_id?: string;
}

interface ChatRequest {
	model?: string;
	stream?: boolean;
	messages: ChatMessage[];
	tools?: Array<{
		type: string;
		function: { name: string; description?: string; parameters?: unknown };
	}>;
}

export interface ScriptedModel {
	url: string;
	requests: ChatRequest[];
	close: () => Promise<void>;
}

function text(content: ChatMessage['content']): string {
	if (typeof content === 'string') return content;
	return (content ?? []).map((part) => part.text ?? '').join('');
}

/** The model's fixed script: call the tool, then report what the tool said. */
function reply(request: ChatRequest): {
	content: string | null;
	toolCalls?: Array<{ id: string; name: string; arguments: string }>;
} {
	const toolMessage = request.messages.find((m) => m.role === 'tool');
	if (!toolMessage)
		return {
			content: null,
			toolCalls: [{ id: 'call_book_1', name: TOOL_NAME, arguments: JSON.stringify(BOOK_ARGS) }],
		};
	let answer = `The tool said: ${text(toolMessage.content).slice(0, 200)}`;
	try {
		const [booking] = JSON.parse(text(toolMessage.content)) as Array<{
			found?: boolean;
			eventId?: string;
			rooms?: Array<{ roomName?: string }>;
		}>;
		if (booking?.found)
			answer = `Booked ${booking.rooms?.[0]?.roomName ?? '?'} for Agent sync (event ${booking.eventId}).`;
	} catch {
		// not JSON: an error text, reported as it is
	}
	return { content: answer };
}

async function body(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** Serves `POST /v1/chat/completions` (plain JSON or SSE when asked to stream) and `GET /v1/models`. */
export async function startScriptedModel(): Promise<ScriptedModel> {
	const requests: ChatRequest[] = [];
	const server: Server = createServer(async (req, res) => {
		try {
			if (req.method === 'GET' && req.url?.endsWith('/models')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({
						object: 'list',
						data: [{ id: 'scripted-model', object: 'model', owned_by: 'e2e' }],
					}),
				);
				return;
			}
			if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
				return;
			}
			const chat = JSON.parse(await body(req)) as ChatRequest;
			requests.push(chat);
			const { content, toolCalls } = reply(chat);
			const created = Math.floor(Date.now() / 1000);
			const id = `chatcmpl-${requests.length}`;
			const finish = toolCalls ? 'tool_calls' : 'stop';
			const calls = toolCalls?.map((call, index) => ({
				index,
				id: call.id,
				type: 'function',
				function: { name: call.name, arguments: call.arguments },
			}));
			if (chat.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream' });
				const send = (delta: object, finishReason: string | null) =>
					res.write(
						`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: 'scripted-model', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`,
					);
				send(
					{ role: 'assistant', content: content ?? '', ...(calls ? { tool_calls: calls } : {}) },
					null,
				);
				send({}, finish);
				res.end('data: [DONE]\n\n');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					id,
					object: 'chat.completion',
					created,
					model: 'scripted-model',
					choices: [
						{
							index: 0,
							message: { role: 'assistant', content, ...(calls ? { tool_calls: calls } : {}) },
							finish_reason: finish,
						},
					],
					usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
				}),
			);
		} catch (error) {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: { message: (error as Error).message } }));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/v1`,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** The OpenAI credential pointing at the scripted model, in `n8n import:credentials` form. */
export function agentCredentials(model: ScriptedModel): unknown[] {
	return [
		{
			...OPENAI_CREDENTIAL,
			type: 'openAiApi',
			data: { apiKey: 'sk-e2e-scripted', url: model.url },
		},
	];
}

/** Manual Trigger → AI Agent, with the OpenAI Chat Model (scripted) and our node as the Find and Book tool. */
export function agentWorkflow(credential: { id: string; name: string }): WorkflowJson {
	const fromAi = (key: string, description: string, type = 'string') =>
		`={{ $fromAI('${key}', '${description}', '${type}') }}`;
	return {
		id: AGENT_WORKFLOW_ID,
		name: 'e2e: AI Agent with DingTalk Calendar tool',
		settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai' },
		nodes: [
			{
				id: 'e2e-agent-1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'e2e-agent-2',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 2.2,
				position: [220, 0],
				parameters: {
					promptType: 'define',
					text: 'Find me a room for 8 people on 15 January 2030 from 11 to 12, titled Agent sync.',
					options: {},
				},
			},
			{
				id: 'e2e-agent-3',
				name: 'Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: [120, 220],
				parameters: { model: { __rl: true, mode: 'id', value: 'scripted-model' }, options: {} },
				credentials: { openAiApi: OPENAI_CREDENTIAL },
			},
			{
				id: 'e2e-agent-4',
				name: TOOL_NAME,
				type: 'n8n-nodes-dingtalk-calendar.dingTalkCalendarTool',
				typeVersion: 1,
				position: [320, 220],
				parameters: {
					resource: 'meetingRoom',
					operation: 'findAndBook',
					userId: USER_IDS.alice,
					calendarId: 'primary',
					bookFor: 'newEvent',
					summary: fromAi('title', 'Title of the new meeting'),
					start: fromAi('start', 'Start, ISO 8601 with the offset'),
					end: fromAi('end', 'End, ISO 8601 with the offset'),
					minCapacity: fromAi('minSeats', 'Fewest seats', 'number'),
				},
				credentials: { dingTalkApi: credential },
			},
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			[TOOL_NAME]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

/** Checks one `n8n execute` run of the agent workflow against what the scripted model and the sandbox saw. */
export async function checkAgentRun(
	agentOutput: Array<{ json: Record<string, unknown> }> | undefined,
	model: ScriptedModel,
	sandbox: RunningSandbox,
): Promise<string> {
	const problems: string[] = [];
	const [first, second] = model.requests;
	if (!first) throw new Error('the agent never called the chat model');
	const offered = first.tools?.find((tool) => tool.function.name === TOOL_NAME);
	if (!offered)
		problems.push(
			`the model was not offered ${TOOL_NAME} (tools: ${first.tools?.map((t) => t.function.name).join(', ') ?? 'none'})`,
		);
	else if (!/All or none/.test(offered.function.description ?? ''))
		problems.push(`the tool description the model got: "${offered.function.description}"`);
	if (!second)
		throw new Error(
			`the agent did not come back to the model with the tool result (${model.requests.length} request(s))`,
		);
	const toolMessage = second.messages.find((m) => m.role === 'tool');
	const toolText = text(toolMessage?.content);
	let booking:
		| {
				found?: boolean;
				eventId?: string;
				roomIds?: string[];
				rooms?: Array<{ roomName?: string }>;
		  }
		| undefined;
	try {
		[booking] = JSON.parse(toolText) as Array<typeof booking>;
	} catch {
		problems.push(
			`the tool result the model got is not the node's JSON: ${toolText.slice(0, 300)}`,
		);
	}
	if (booking && (!booking.found || !booking.eventId))
		problems.push(`the tool booked nothing: ${toolText.slice(0, 300)}`);
	if (booking?.eventId) {
		const response = await fetch(
			`${sandbox.url}/__sandbox/events/${encodeURIComponent(booking.eventId)}`,
		);
		const event = response.ok
			? ((await response.json()) as { meetingRooms?: Array<{ roomId: string }> })
			: undefined;
		const rooms = (event?.meetingRooms ?? []).map((room) => room.roomId);
		if (!booking.roomIds?.length || rooms.join() !== booking.roomIds.join()) {
			problems.push(
				`sandbox: event ${booking.eventId} holds ${rooms.join(', ') || 'nothing'}, the tool said ${booking.roomIds}`,
			);
		}
	}
	const output = String(agentOutput?.[0]?.json.output ?? '');
	const expected = `Booked ${booking?.rooms?.[0]?.roomName ?? '?'} for Agent sync (event ${booking?.eventId}).`;
	if (output !== expected)
		problems.push(`the agent's output is "${output}", expected the model's reply "${expected}"`);
	if (problems.length) throw new Error(problems.join('\n    '));
	return `2 model calls; the tool booked ${booking?.rooms?.[0]?.roomName} (sandbox checked); the result reached the model; agent said "${output}"`;
}
