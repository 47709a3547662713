import type { INode, INodeExecutionData } from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentialsHelper';
import { runFromTrigger, type RunResult, type WorkflowJson } from './engine';
import type { ExampleExpectation, SetupStep } from './expectations';
import { PollRunner } from './pollRunner';
import type { SandboxClient } from './sandboxClient';

const HOUR = 3_600_000;

/** The event the setup steps act on: the last one created. */
interface SetupContext {
	eventId?: string;
	organizer: string;
}

/** Makes one sandbox change of an example's setup (not `poll`, which the caller does). */
export async function applyStep(
	step: SetupStep,
	dingtalk: SandboxClient,
	at: SetupContext,
): Promise<string> {
	if ('createEvent' in step) {
		const { summary, startInHours, durationHours, attendees = [] } = step.createEvent;
		at.organizer = step.createEvent.organizer;
		// On the hour, so the example's times read like a calendar.
		const start = Math.ceil((Date.now() + startInHours * HOUR) / HOUR) * HOUR;
		at.eventId = await dingtalk.createEvent(
			at.organizer,
			new Date(start).toISOString(),
			new Date(start + durationHours * HOUR).toISOString(),
			summary,
			attendees.length ? { attendees: attendees.map((id) => ({ id })) } : {},
		);
		return `created "${summary}" (${new Date(start).toISOString()}, ${attendees.length} attendees)`;
	}
	if (!at.eventId)
		throw new Error('example setup: bookRooms and respondRoom need a createEvent before them');
	if ('bookRooms' in step) {
		await dingtalk.addRooms(at.organizer, at.eventId, step.bookRooms.roomIds);
		return `booked ${step.bookRooms.roomIds.join(', ')}`;
	}
	if ('respondRoom' in step) {
		const { roomId, responseStatus } = step.respondRoom;
		const response = await dingtalk.http.post(
			`/__sandbox/events/${at.eventId}/meetingRooms/${roomId}/respond`,
			{ responseStatus },
		);
		if (response.status !== 200)
			throw new Error(`example setup: respond failed: ${response.status}`);
		return `the room's approver set ${roomId} to ${responseStatus}`;
	}
	throw new Error(`example setup: unknown step ${JSON.stringify(step)}`);
}

/** One poll of a trigger example and the execution it started (none when it emitted nothing). */
export interface TriggerExecution {
	emitted: INodeExecutionData[];
	result?: RunResult;
}

/**
 * Runs a trigger-started example as an active workflow would run: the trigger polls (baseline, silent),
 * the setup changes the sandbox, polling where it says and once at the end (n8n-core's PollContext), and
 * each poll that emits starts one execution from the trigger. `log` hears each step and poll.
 */
export async function runTriggerExample(
	workflow: WorkflowJson,
	expectation: ExampleExpectation & { setup: NonNullable<ExampleExpectation['setup']> },
	dingtalk: SandboxClient,
	credentialsHelper: TestCredentialsHelper,
	log: (line: string, execution?: TriggerExecution) => void = () => {},
): Promise<{ executions: TriggerExecution[]; result: RunResult }> {
	const trigger = workflow.nodes.find((node) => node.name === expectation.setup.trigger) as
		| INode
		| undefined;
	if (!trigger) throw new Error(`the example has no trigger node "${expectation.setup.trigger}"`);
	const timezone = workflow.settings?.timezone;
	const runner = new PollRunner(trigger, credentialsHelper, timezone);
	if ((await runner.poll()) !== null)
		throw new Error('the first poll emitted items: it must only take a baseline');
	log('poll: baseline taken, nothing emitted');
	const executions: TriggerExecution[] = [];
	const poll = async () => {
		const emitted = (await runner.poll()) ?? [];
		const execution: TriggerExecution = { emitted };
		if (emitted.length)
			execution.result = await runFromTrigger(workflow, trigger.name, emitted, {
				credentialsHelper,
				timezone,
			});
		executions.push(execution);
		log(`poll: ${emitted.length} item(s) emitted`, execution);
	};
	const at = { organizer: '' };
	for (const step of expectation.setup.steps) {
		if ('poll' in step) await poll();
		else log(await applyStep(step, dingtalk, at));
	}
	await poll();
	const last = [...executions].reverse().find((execution) => execution.result);
	if (!last?.result) throw new Error('no poll emitted anything: the workflow never ran');
	return { executions, result: last.result };
}
