/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INode } from 'n8n-workflow';

import { EVENT_IDS, ROOM_IDS, USER_IDS } from '../../../sandbox/seed';
import { credentialsHelperWith, runWorkflow, type WorkflowJson } from '../../harness/engine';
import { useSandbox } from '../../harness/sandboxSuite';
import { agentWorkflow, createToolNodeTypes, TOOL_NODE_TYPE } from '../../harness/toolRun';

const example = JSON.parse(
	readFileSync(
		join(__dirname, '..', '..', '..', 'examples', 'dingtalk-rooms-mcp-server.workflow.json'),
		'utf8',
	),
) as WorkflowJson;

/**
 * The tools of examples/dingtalk-rooms-mcp-server.workflow.json, exactly as the example sets them up,
 * called through n8n-core's tool plumbing by a stand-in for the MCP Server Trigger (which only real n8n
 * has; test/e2e/mcpCheck.ts drives the real one with the MCP SDK).
 */
describe('examples/dingtalk-rooms-mcp-server: its tools', () => {
	const { dingtalk } = useSandbox();
	const tools = example.nodes.filter((node: INode) => node.type === TOOL_NODE_TYPE);

	async function callTools(calls: Array<{ tool: string; args: IDataObject }>) {
		const credential = {
			...(await dingtalk.internalCredential()),
			...(tools[0].credentials!.dingTalkApi as { id: string; name: string }),
		};
		const workflow = agentWorkflow(
			tools.map((node: INode) => ({
				name: node.name,
				parameters: node.parameters,
				options: { credentials: node.credentials },
			})),
			calls,
		);
		const result = await runWorkflow(workflow, {
			credentialsHelper: credentialsHelperWith(credential),
			nodeTypes: createToolNodeTypes(),
		});
		expect(result.error).toBeUndefined();
		return result.output('Agent').map((item) => item.json);
	}

	it('has four tools on the MCP Server Trigger, each with described parameters', () => {
		expect(tools.map((node: INode) => node.name).sort()).toEqual(
			[
				'add_rooms_to_event',
				'find_and_book_room',
				'list_meeting_rooms',
				'room_availability',
			].sort(),
		);
		for (const node of tools)
			expect(example.connections[node.name].ai_tool![0]![0].node).toBe('MCP Server Trigger');
	});

	it('books a room for a new meeting, adds a free one, and refuses a busy one with the reason', async () => {
		const window = { start: '2030-01-15T11:00:00+08:00', end: '2030-01-15T12:00:00+08:00' };
		const [booked] = await callTools([
			{
				tool: 'find_and_book_room',
				args: { title: 'Agent sync', ...window, roomCount: 1, minSeats: 8 },
			},
		]);
		const [booking] = booked.response as Array<{
			found: boolean;
			eventId: string;
			roomIds: string[];
		}>;
		expect(booking.found).toBe(true);
		expect(booking.roomIds).not.toContain(ROOM_IDS.westLake);

		const [availability, busy, added] = await callTools([
			{
				tool: 'room_availability',
				args: { roomIds: `${ROOM_IDS.westLake},${ROOM_IDS.everest}`, ...window },
			},
			{
				tool: 'add_rooms_to_event',
				args: { eventId: booking.eventId, roomIds: ROOM_IDS.westLake },
			},
			{ tool: 'add_rooms_to_event', args: { eventId: booking.eventId, roomIds: ROOM_IDS.xixi } },
		]);
		expect(JSON.stringify(availability.response)).toContain(EVENT_IDS.quarterlyPlanning);
		expect(JSON.stringify(availability.response)).not.toContain(USER_IDS.bob);
		expect(busy.error).toMatch(
			/already booked[\s\S]*code meetingRoomNotAvailable[\s\S]*request ID/,
		);
		expect(added.response).toEqual([expect.objectContaining({ result: true, allAccepted: true })]);
		expect(Object.keys(await dingtalk.roomsOf(booking.eventId)).sort()).toEqual(
			[...booking.roomIds, ROOM_IDS.xixi].sort(),
		);
	});
});
