/**
 * Issue 12 in real n8n: what a failed item means per On Error mode, with the default Concurrency (5).
 * Meeting Room → Add to Event on the sandbox's seed events, three workflows:
 *
 * - Stop Workflow, item 1 gives six rooms (a local mistake): the run stops naming item 1 and the field,
 *   and nothing at all reached DingTalk (no AddMeetingRooms call; items 0 and 2 not booked either).
 * - Stop Workflow, item 1's room is busy (DingTalk refuses): the run stops at item 1; item 0 is booked;
 *   item 2 was already in flight, is booked too, and the error lists its booking.
 * - Continue (using error output), items ok / six rooms / ok / busy room: the two bookings on the
 *   success output, the two failures on the error output (paired, in order, DingTalk's code and request
 *   ID kept), and the node connected to the error output receives them.
 */
import { EVENT_IDS, ROOM_IDS, USER_IDS } from '../../sandbox/seed';
import type { WorkflowJson } from './expectations';
import { executeWorkflow, type N8nInstance, type RunOutput } from './n8n';
import { addToEventParameters } from '../harness/nodeParameters';

export const ON_ERROR_WORKFLOW_IDS = {
	stopLocal: 'dtE2eStopLocal001',
	stopRemote: 'dtE2eStopRemote01',
	errorOutput: 'dtE2eErrorOutput1',
} as const;

const NODE = 'Add rooms';
const BOOKED = 'Booked';
const FAILED = 'Failed';
const SIX_ROOMS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];

interface Booking {
	eventId: string;
	rooms: string[];
}

const ok0: Booking = { eventId: EVENT_IDS.quarterlyPlanning, rooms: [ROOM_IDS.xixi] };
const ok2: Booking = { eventId: EVENT_IDS.oneOnOne, rooms: [ROOM_IDS.qiantang] };
/** The Boardroom is held by the Board meeting (14:00–16:00) when the 1:1 (15:00–15:30) takes place. */
const busy: Booking = { eventId: EVENT_IDS.oneOnOne, rooms: [ROOM_IDS.boardroom] };
const sixRooms: Booking = { eventId: EVENT_IDS.oneOnOne, rooms: SIX_ROOMS };

function workflow(
	id: string,
	name: string,
	bookings: Booking[],
	credential: { id: string; name: string },
	errorOutput: boolean,
): WorkflowJson {
	const items = bookings.map((booking) => ({ json: { organizer: USER_IDS.alice, ...booking } }));
	const prefix = Object.values(ON_ERROR_WORKFLOW_IDS).indexOf(id as never) + 1;
	const node = (n: number) => `e2e1200${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
	const workflowJson: WorkflowJson = {
		id,
		name,
		nodes: [
			{
				id: node(1),
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: node(2),
				name: 'Bookings',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return ${JSON.stringify(items)};` },
			},
			{
				id: node(3),
				name: NODE,
				type: 'n8n-nodes-dingtalk-calendar.dingTalkCalendar',
				typeVersion: 1,
				position: [440, 0],
				parameters: addToEventParameters(),
				credentials: { dingTalkApi: credential },
				...(errorOutput ? { onError: 'continueErrorOutput' } : {}),
			},
		],
		connections: {
			Start: { main: [[{ node: 'Bookings', type: 'main', index: 0 }]] },
			Bookings: { main: [[{ node: NODE, type: 'main', index: 0 }]] },
		},
	};
	if (errorOutput) {
		workflowJson.nodes.push(
			{
				id: node(4),
				name: BOOKED,
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [660, -100],
				parameters: {},
			},
			{
				id: node(5),
				name: FAILED,
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [660, 100],
				parameters: {},
			},
		);
		workflowJson.connections[NODE] = {
			main: [
				[{ node: BOOKED, type: 'main', index: 0 }],
				[{ node: FAILED, type: 'main', index: 0 }],
			],
		};
	}
	return workflowJson;
}

/** The three workflows, for `import:workflow`. */
export function onErrorWorkflows(credential: { id: string; name: string }): WorkflowJson[] {
	return [
		workflow(
			ON_ERROR_WORKFLOW_IDS.stopLocal,
			'e2e: Stop Workflow, a local mistake in item 1',
			[ok0, sixRooms, ok2],
			credential,
			false,
		),
		workflow(
			ON_ERROR_WORKFLOW_IDS.stopRemote,
			'e2e: Stop Workflow, DingTalk refuses item 1',
			[ok0, busy, ok2],
			credential,
			false,
		),
		workflow(
			ON_ERROR_WORKFLOW_IDS.errorOutput,
			'e2e: Continue (using error output)',
			[ok0, sixRooms, ok2, busy],
			credential,
			true,
		),
	];
}

interface SandboxAccess {
	reset(): Promise<void>;
	roomsOf(eventId: string): Promise<string[]>;
	url: string;
}

async function addMeetingRoomsCalls(sandboxUrl: string): Promise<number> {
	const response = await fetch(`${sandboxUrl}/__sandbox/stats`);
	const stats = (await response.json()) as { actions?: Record<string, Record<string, number>> };
	return Object.values(stats.actions?.AddMeetingRooms ?? {}).reduce((sum, count) => sum + count, 0);
}

type ErrorShape = {
	message?: string;
	description?: string;
	context?: { itemIndex?: number; stoppedRun?: Record<string, unknown> };
};

/**
 * The error that stopped the run, from the run JSON: `n8n execute` logs the run (with the error, its
 * description and context) before it exits with an error.
 */
function stopError(output: RunOutput | undefined, problems: string[], what: string): ErrorShape {
	const fromRun = (output?.data?.resultData?.error ??
		output?.data?.resultData?.runData?.[NODE]?.at(-1)?.error) as ErrorShape | undefined;
	if (!fromRun?.message) problems.push(`${what}: n8n execute printed no run JSON with the error`);
	return fromRun ?? {};
}

function expect(condition: boolean, problem: string, problems: string[]): void {
	if (!condition) problems.push(problem);
}

/** Runs the three workflows; returns a summary or throws listing every problem. */
export async function checkOnError(instance: N8nInstance, sandbox: SandboxAccess): Promise<string> {
	const problems: string[] = [];
	const sorted = async (eventId: string) => (await sandbox.roomsOf(eventId)).sort();
	const planningBefore = [ROOM_IDS.westLake];

	// 1. Stop Workflow, local mistake: nothing sent.
	await sandbox.reset();
	{
		const { result, output } = await executeWorkflow(instance, ON_ERROR_WORKFLOW_IDS.stopLocal);
		const error = stopError(output, problems, 'local mistake');
		expect(
			result.code !== 0 || !!output?.data?.resultData?.error,
			'local mistake: the run did not stop',
			problems,
		);
		expect(
			error.context?.itemIndex === 1 && error.context?.stoppedRun?.nothingSent === true,
			`local mistake: context is ${JSON.stringify(error.context)?.slice(0, 300)}`,
			problems,
		);
		expect(
			!!error.message?.includes('Item 1, field "Rooms": 6 rooms given'),
			`local mistake: the error does not name item 1 and Rooms: ${error.message?.slice(0, 300)}`,
			problems,
		);
		expect(
			!!error.description?.includes('Nothing was sent to DingTalk'),
			`local mistake: the error does not say nothing was sent: ${error.description?.slice(0, 300)}`,
			problems,
		);
		expect(
			(await addMeetingRoomsCalls(sandbox.url)) === 0,
			'local mistake: AddMeetingRooms was called',
			problems,
		);
		expect(
			JSON.stringify(await sorted(EVENT_IDS.quarterlyPlanning)) === JSON.stringify(planningBefore),
			'local mistake: item 0 was booked',
			problems,
		);
		expect(
			(await sorted(EVENT_IDS.oneOnOne)).length === 0,
			'local mistake: item 2 was booked',
			problems,
		);
	}

	// 2. Stop Workflow, DingTalk refuses item 1: item 2 was in flight, booked, and listed.
	await sandbox.reset();
	{
		const { result, output } = await executeWorkflow(instance, ON_ERROR_WORKFLOW_IDS.stopRemote);
		const error = stopError(output, problems, 'DingTalk refusal');
		expect(
			result.code !== 0 || !!output?.data?.resultData?.error,
			'DingTalk refusal: the run did not stop',
			problems,
		);
		const changes = (error.context?.stoppedRun?.changesAfter ?? []) as Array<{
			itemIndex?: number;
			eventId?: string;
			roomIds?: string[];
		}>;
		expect(
			error.context?.itemIndex === 1 &&
				changes.length === 1 &&
				changes[0].itemIndex === 2 &&
				changes[0].eventId === EVENT_IDS.oneOnOne,
			`DingTalk refusal: context.stoppedRun.changesAfter is ${JSON.stringify(changes)}`,
			problems,
		);
		expect(
			!!error.message?.includes(`Room ${ROOM_IDS.boardroom} is already booked`),
			`DingTalk refusal: unexpected error ${error.message?.slice(0, 300)}`,
			problems,
		);
		const listed = `item 2 booked room ${ROOM_IDS.qiantang} onto event ${EVENT_IDS.oneOnOne}`;
		expect(
			!!error.description?.includes(listed),
			`DingTalk refusal: the error does not list "${listed}": ${error.description?.slice(0, 600)}`,
			problems,
		);
		expect(
			!!error.description?.includes('Item 0 completed before it'),
			'DingTalk refusal: the error does not say item 0 completed',
			problems,
		);
		expect(
			JSON.stringify(await sorted(EVENT_IDS.quarterlyPlanning)) ===
				JSON.stringify([ROOM_IDS.westLake, ROOM_IDS.xixi].sort()),
			'DingTalk refusal: item 0 is not booked',
			problems,
		);
		expect(
			JSON.stringify(await sorted(EVENT_IDS.oneOnOne)) === JSON.stringify([ROOM_IDS.qiantang]),
			'DingTalk refusal: item 2 is not booked as the error says',
			problems,
		);
	}

	// 3. Continue (using error output).
	await sandbox.reset();
	{
		const { result, output } = await executeWorkflow(instance, ON_ERROR_WORKFLOW_IDS.errorOutput);
		const run = output?.data?.resultData?.runData?.[NODE]?.at(-1);
		expect(
			result.code === 0 && !output?.data?.resultData?.error,
			`error output: the run failed (exit ${result.code}): ${output?.data?.resultData?.error?.message ?? ''}`,
			problems,
		);
		type Item = { json: Record<string, unknown>; pairedItem?: { item?: number } };
		const main = (run?.data?.main?.[0] ?? []) as Item[];
		const errors = (run?.data?.main?.[1] ?? []) as Item[];
		expect(
			JSON.stringify(main.map((item) => item.pairedItem?.item)) === '[0,2]',
			`error output: success output paired to ${JSON.stringify(main.map((item) => item.pairedItem))}, expected items 0 and 2`,
			problems,
		);
		expect(
			main.every((item) => item.json.result === true),
			'error output: a success item is not a booking',
			problems,
		);
		expect(
			JSON.stringify(errors.map((item) => item.pairedItem?.item)) === '[1,3]',
			`error output: error output paired to ${JSON.stringify(errors.map((item) => item.pairedItem))}, expected items 1 and 3`,
			problems,
		);
		const [local, refused] = errors.map(
			(item) =>
				item.json.error as
					| { message?: string; dingTalk?: { code?: string; requestId?: string } }
					| undefined,
		);
		expect(
			!!local?.message?.includes('Item 1, field "Rooms"'),
			`error output: item 1's error is ${JSON.stringify(local)?.slice(0, 200)}`,
			problems,
		);
		expect(
			refused?.dingTalk?.code === 'meetingRoomNotAvailable' &&
				typeof refused.dingTalk.requestId === 'string',
			`error output: item 3's error lacks DingTalk's code and request ID: ${JSON.stringify(refused)?.slice(0, 300)}`,
			problems,
		);
		expect(
			errors[1]?.json.eventId === EVENT_IDS.oneOnOne,
			'error output: the failed item does not carry its input fields',
			problems,
		);
		const failedNode = output?.data?.resultData?.runData?.[FAILED]?.at(-1)?.data?.main?.[0] ?? [];
		expect(
			failedNode.length === 2,
			`error output: the node on the error output received ${failedNode.length} items`,
			problems,
		);
		const bookedNode = output?.data?.resultData?.runData?.[BOOKED]?.at(-1)?.data?.main?.[0] ?? [];
		expect(
			bookedNode.length === 2,
			`error output: the node on the success output received ${bookedNode.length} items`,
			problems,
		);
	}

	if (problems.length)
		throw new Error(`${problems.join('\n    ')}\n    n8n log: ${instance.logPath}`);
	return 'Stop Workflow: a local mistake sends nothing; a refusal lists the in-flight booking; error output: 2 + 2 items, DingTalk code and request ID kept';
}
