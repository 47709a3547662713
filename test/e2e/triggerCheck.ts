/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * The DingTalk Calendar Trigger in real n8n, activated (what `n8n execute` never does):
 *
 * - before `n8n start`, two workflows are activated with n8n's CLI (1.x `update:workflow --active=true`,
 *   2.x `publish:workflow`): "trigger check" (the trigger alone, on Bob's calendar, created / updated /
 *   cancelled / room booking changed) and every trigger-started example (rebook-declined-room), both
 *   polling every 5 seconds (POLL_CRONS). n8n polls once at activation: the trigger's silent baseline.
 * - with n8n running, the check changes the sandbox one step at a time (create, patch, book an approval
 *   room, decline it, delete) and reads n8n's executions over its REST API (owner login): exactly one
 *   new execution per change, with the right items, and none more during three further polls.
 * - then each trigger-started example gets its setup (its `poll` steps wait for an execution) and the
 *   last execution's output and the sandbox are checked against its .expected.json.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { checkExpectation, type ExampleExpectation } from '../harness/expectations';
import { applyStep } from '../harness/triggerExample';
import { SandboxClient } from '../harness/sandboxClient';
import type { Example, WorkflowJson } from './expectations';
import { getJson, PACKAGE_NAME, type N8nInstance } from './n8n';
import { sleep } from './proc';

export const TRIGGER_WORKFLOW_ID = 'dtE2eTrigger01';
const TRIGGER_NODE = 'DingTalk Calendar Trigger';
/**
 * Every 5 seconds, as twelve Poll Times entries of one cron each (`0 * * * * *`, `5 * * * * *`, …). n8n
 * refuses a sub-minute poll cron ("The polling interval is too short. It has to be at least a minute."):
 * 1.123 any first field with `*`, 2.41 any first field that is not a single number (so not
 * `0,5,10 * * * * *` either); each entry on its own passes both, and n8n registers them all.
 */
const POLL_SECONDS = 5;
export const POLL_CRONS = Array.from(
	{ length: 60 / POLL_SECONDS },
	(_, i) => `${i * POLL_SECONDS} * * * * *`,
);
const BOARDROOM = 'ae3ec06c129e2efb293ced68d790e3695727b9a62a6197ec';

const pollTimes = {
	item: POLL_CRONS.map((cronExpression) => ({ mode: 'custom', cronExpression })),
};

/** The examples an active workflow starts (their expectation has `setup`): `n8n execute` cannot run them. */
export function isTriggerExample(example: Example): boolean {
	return !!example.expected?.setup;
}

/** A trigger example as imported for the check: polling every 5 seconds instead of its own Poll Times. */
export function forActivation(example: Example): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(example.workflow)) as WorkflowJson;
	for (const node of copy.nodes) {
		if (node.type === `${PACKAGE_NAME}.dingTalkCalendarTrigger`)
			node.parameters = { ...node.parameters, pollTimes };
	}
	return copy;
}

/** The trigger alone on `unionId`'s calendar: every change but Event Starting. */
export function triggerWorkflow(
	credential: { id: string; name: string },
	unionId: string,
): WorkflowJson {
	return {
		id: TRIGGER_WORKFLOW_ID,
		name: 'e2e: DingTalk Calendar Trigger, activated',
		settings: { executionOrder: 'v1', timezone: 'Asia/Shanghai' },
		nodes: [
			{
				id: 'e2e00000-0000-4000-8000-000000000101',
				name: TRIGGER_NODE,
				type: `${PACKAGE_NAME}.dingTalkCalendarTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes,
					events: ['eventCreated', 'eventUpdated', 'eventCancelled', 'roomBookingChanged'],
					userId: unionId,
					calendarId: 'primary',
					filters: {},
					options: {},
				},
				credentials: { dingTalkApi: credential },
			},
		],
		connections: {},
	};
}

interface ExecutionRow {
	id: string;
	status?: string;
	finished?: boolean;
}

type Items = Array<{ json: Record<string, unknown> }>;

/** n8n's executions of a workflow over its REST API, and what a node put out in one of them. */
class Executions {
	private readonly flatted: { parse(text: string): unknown };

	constructor(
		private readonly url: string,
		private readonly cookie: string,
		instance: N8nInstance,
	) {
		// n8n stores run data "flatted" (circular-safe JSON); its own copy of flatted reads it.
		this.flatted = createRequire(join(instance.installed.n8nPackageDir, 'package.json'))(
			'flatted',
		) as { parse(text: string): unknown };
	}

	async list(workflowId: string): Promise<ExecutionRow[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const body = await getJson<{ results?: ExecutionRow[] } | ExecutionRow[]>(
			`${this.url}/rest/executions?filter=${filter}&limit=100`,
			this.cookie,
		);
		const rows = Array.isArray(body) ? body : (body.results ?? []);
		return rows
			.map((row) => ({ ...row, id: String(row.id) }))
			.sort((a, b) => Number(a.id) - Number(b.id));
	}

	async output(id: string, node: string): Promise<{ items?: Items; error?: string }> {
		const execution = await getJson<{ data?: string | object }>(
			`${this.url}/rest/executions/${id}`,
			this.cookie,
		);
		const data = (
			typeof execution.data === 'string' ? this.flatted.parse(execution.data) : execution.data
		) as {
			resultData?: {
				error?: { message?: string };
				runData?: Record<string, Array<{ data?: { main?: Items[] } }>>;
			};
		};
		const runs = data?.resultData?.runData?.[node];
		return {
			items: runs?.length ? (runs[runs.length - 1].data?.main?.[0] ?? []) : undefined,
			error: data?.resultData?.error?.message,
		};
	}

	/** Waits until `count` executions more than `known` exist and have finished; returns the new ones. */
	async waitForNew(
		workflowId: string,
		known: Set<string>,
		count: number,
		timeoutMs = 8 * POLL_SECONDS * 1000,
	): Promise<ExecutionRow[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const fresh = (await this.list(workflowId)).filter((row) => !known.has(row.id));
			const done = fresh.filter(
				(row) =>
					row.finished || (row.status && !['new', 'running', 'waiting'].includes(row.status)),
			);
			if (done.length >= count && done.length === fresh.length) return fresh;
			if (Date.now() > deadline) {
				throw new Error(
					`waited ${timeoutMs / 1000} s for ${count} new execution(s) of ${workflowId}, found ${fresh.length} (${done.length} finished)`,
				);
			}
			await sleep(500);
		}
	}
}

const describeItem = (json: Record<string, unknown>): string => {
	const event = (json.event ?? {}) as { summary?: string };
	const room = json.room as { previousStatus?: string | null; status?: string } | undefined;
	return `${String(json.change)} "${event.summary}"${room ? ` ${String(room.previousStatus)}→${room.status}` : ''}`;
};

export interface TriggerCheckSetup {
	instance: N8nInstance;
	url: string;
	cookie: string;
	sandboxUrl: string;
	/** The calendar the trigger check watches (not one a trigger example changes). */
	unionId: string;
	examples: Example[];
}

/** Runs the check with n8n started; returns a one-line summary, throws with every problem. */
export async function checkTrigger(setup: TriggerCheckSetup): Promise<string> {
	const executions = new Executions(setup.url, setup.cookie, setup.instance);
	const dingtalk = new SandboxClient(setup.sandboxUrl);
	const events = `/v1.0/calendar/users/${setup.unionId}/calendars/primary/events`;
	const token = (await dingtalk.internalCredential()).data;
	const accessToken = (
		await dingtalk.http.post('/v1.0/oauth2/accessToken', {
			appKey: token.clientId,
			appSecret: token.clientSecret,
		})
	).data.accessToken as string;
	const api = async (method: string, path: string, data?: object) => {
		const response = await dingtalk.http.request({
			method,
			url: path,
			data,
			headers: { 'x-acs-dingtalk-access-token': accessToken },
		});
		if (response.status !== 200)
			throw new Error(
				`${method} ${path} answered ${response.status} ${JSON.stringify(response.data)}`,
			);
		return response.data as Record<string, unknown>;
	};

	const known = new Set((await executions.list(TRIGGER_WORKFLOW_ID)).map((row) => row.id));
	if (known.size)
		throw new Error(
			`the activation poll started ${known.size} execution(s): the first poll must only take a baseline`,
		);
	const start = new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 3_600_000) * 3_600_000);
	let eventId = '';
	const steps: Array<{ what: string; change: () => Promise<void>; expect: () => string[] }> = [
		{
			what: 'create',
			change: async () => {
				const created = await api('POST', events, {
					summary: 'E2E trigger check',
					start: { dateTime: start.toISOString(), timeZone: 'UTC' },
					end: { dateTime: new Date(start.getTime() + 3_600_000).toISOString(), timeZone: 'UTC' },
				});
				eventId = String(created.id);
			},
			expect: () => ['created "E2E trigger check"'],
		},
		{
			what: 'patch',
			change: async () =>
				void (await api('PUT', `${events}/${eventId}`, {
					id: eventId,
					summary: 'E2E trigger check (renamed)',
				})),
			expect: () => ['updated "E2E trigger check (renamed)"'],
		},
		{
			what: 'book an approval room',
			change: async () =>
				void (await api('POST', `${events}/${eventId}/meetingRooms`, {
					meetingRoomsToAdd: [{ roomId: BOARDROOM }],
				})),
			// The sandbox counts a room change as an update of the event too (sandbox/README.md, fidelity row 26).
			expect: () => [
				'updated "E2E trigger check (renamed)"',
				'roomStatusChanged "E2E trigger check (renamed)" null→tentative',
			],
		},
		{
			what: 'decline the room (sandbox control API)',
			change: async () => {
				const response = await dingtalk.http.post(
					`/__sandbox/events/${eventId}/meetingRooms/${BOARDROOM}/respond`,
					{ responseStatus: 'declined' },
				);
				if (response.status !== 200) throw new Error(`respond answered ${response.status}`);
			},
			expect: () => [
				'updated "E2E trigger check (renamed)"',
				'roomStatusChanged "E2E trigger check (renamed)" tentative→declined',
			],
		},
		{
			what: 'delete',
			change: async () => void (await api('DELETE', `${events}/${eventId}`)),
			expect: () => ['cancelled "E2E trigger check (renamed)"'],
		},
	];
	const problems: string[] = [];
	for (const step of steps) {
		await step.change();
		const fresh = await executions.waitForNew(TRIGGER_WORKFLOW_ID, known, 1);
		for (const row of fresh) known.add(row.id);
		if (fresh.length !== 1) problems.push(`${step.what}: ${fresh.length} executions, expected 1`);
		const { items, error } = await executions.output(fresh[fresh.length - 1].id, TRIGGER_NODE);
		const got = (items ?? []).map((item) => describeItem(item.json));
		if (error) problems.push(`${step.what}: the execution failed: ${error}`);
		if (JSON.stringify(got) !== JSON.stringify(step.expect())) {
			problems.push(
				`${step.what}: items ${JSON.stringify(got)}, expected ${JSON.stringify(step.expect())}`,
			);
		}
		if ((items ?? []).some((item) => (item.json.event as { id?: string })?.id !== eventId))
			problems.push(`${step.what}: an item about another event`);
	}
	await sleep(3 * POLL_SECONDS * 1000 + 1000);
	const extra = (await executions.list(TRIGGER_WORKFLOW_ID)).filter((row) => !known.has(row.id));
	if (extra.length)
		problems.push(
			`${extra.length} more execution(s) after the last change: a change was emitted twice`,
		);

	const examples = setup.examples.filter(isTriggerExample);
	for (const example of examples)
		problems.push(...(await runExample(example, executions, dingtalk, setup.sandboxUrl)));
	if (problems.length) throw new Error(problems.join('\n    '));
	return `${steps.length} changes → ${steps.length} executions, none twice; ${examples.map((e) => e.name).join(', ') || 'no trigger examples'} ✓`;
}

/** A trigger-started example, activated: its setup against the sandbox, then its expectation. */
async function runExample(
	example: Example,
	executions: Executions,
	dingtalk: SandboxClient,
	sandboxUrl: string,
): Promise<string[]> {
	const expected = example.expected as ExampleExpectation & {
		setup: NonNullable<ExampleExpectation['setup']>;
	};
	const id = String(example.workflow.id);
	const known = new Set((await executions.list(id)).map((row) => row.id));
	const at = { organizer: '' };
	const waitForOne = async () => {
		const fresh = await executions.waitForNew(id, known, 1);
		for (const row of fresh) known.add(row.id);
		return fresh[fresh.length - 1];
	};
	for (const step of expected.setup.steps) {
		if ('poll' in step) await waitForOne();
		else await applyStep(step, dingtalk, at);
	}
	const last = await waitForOne();
	const { items, error } = await executions.output(last.id, expected.node);
	if (error) return [`${example.name}: the execution failed: ${error}`];
	if (!items)
		return [`${example.name}: node "${expected.node}" did not run in execution ${last.id}`];
	const problems = await checkExpectation(expected, items, async (eventId) => {
		const response = await fetch(`${sandboxUrl}/__sandbox/events/${encodeURIComponent(eventId)}`);
		const event = (await response.json()) as { meetingRooms?: Array<{ roomId: string }> };
		return (event.meetingRooms ?? []).map((room) => room.roomId);
	});
	return problems.map((problem) => `${example.name}: ${problem}`);
}
