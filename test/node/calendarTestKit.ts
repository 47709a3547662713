import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type { RunningSandbox } from '../../sandbox';
import type { EventState } from '../../sandbox/model/model';
import { credentialsHelperWith, runWorkflow } from '../harness/engine';
import { SandboxClient, type SeedView } from '../harness/sandboxClient';
import { useSandbox } from '../harness/sandboxSuite';
import { itemsToNode } from '../harness/workflows';

/**
 * Shared set-up of the Event and Attendee suites: a sandbox per suite (reset before each test), runs of
 * the node through n8n's engine, and reads of the sandbox's state, through its control API and through
 * DingTalk's own read APIs for what the control API does not show (reminders, location, meeting link).
 */
export const NODE = 'DingTalk Calendar';
export const continueOnFail: Partial<INode> = { onError: 'continueRegularOutput' };

/** An event as the sandbox's control API shows it (GET /__sandbox/events[/:id]). */
export type SandboxEventState = EventState;

export interface CalendarKit {
	sandbox: RunningSandbox;
	dingtalk: SandboxClient;
	seed: SeedView;
	/** Runs the node once per item with these parameters; `timezone` is the workflow's. */
	run(
		items: IDataObject[],
		parameters: INodeParameters,
		options?: { node?: Partial<INode>; timezone?: string },
	): ReturnType<typeof runWorkflow>;
	/** Every event the sandbox holds (deleted ones too). */
	events(): Promise<SandboxEventState[]>;
	event(eventId: string): Promise<SandboxEventState>;
	/** A DingTalk API read with the seed app's token (test set-up and checks, not the node). */
	api<T = IDataObject>(
		method: 'GET' | 'POST',
		path: string,
		body?: IDataObject,
	): Promise<{ status: number; data: T }>;
	/** How many calls reached a DingTalk action (e.g. "CreateEvent") since the last reset. */
	calls(action: string): Promise<number>;
}

/** Registers the suite's sandbox life cycle (see useSandbox) and returns its kit (fields filled in beforeAll). */
export function useCalendarSandbox(): CalendarKit {
	const suite = useSandbox();
	let token: string | undefined;
	const kit = { dingtalk: suite.dingtalk } as CalendarKit;
	Object.defineProperty(kit, 'sandbox', { get: () => suite.sandbox });
	beforeAll(async () => {
		kit.seed = await kit.dingtalk.seed();
	});
	beforeEach(() => {
		token = undefined;
	});

	kit.run = async (items, parameters, options = {}) => {
		const credentialsHelper = credentialsHelperWith(await kit.dingtalk.internalCredential());
		return await runWorkflow(itemsToNode(items, parameters, options.node), {
			credentialsHelper,
			timezone: options.timezone,
		});
	};
	kit.events = async () =>
		((await kit.dingtalk.http.get('/__sandbox/events')).data as { events: SandboxEventState[] })
			.events;
	kit.event = async (eventId) => {
		const response = await kit.dingtalk.http.get(
			`/__sandbox/events/${encodeURIComponent(eventId)}`,
		);
		if (response.status !== 200) throw new Error(`no sandbox event ${eventId}: ${response.status}`);
		return response.data as SandboxEventState;
	};
	kit.api = async (method, path, body) => {
		if (!token) {
			const app = kit.seed.apps.find((a) => a.type === 'internal')!;
			token = (
				await kit.dingtalk.http.post('/v1.0/oauth2/accessToken', {
					appKey: app.appKey,
					appSecret: app.appSecret,
				})
			).data.accessToken as string;
		}
		const response = await kit.dingtalk.http.request({
			method,
			url: path,
			data: body,
			headers: { 'x-acs-dingtalk-access-token': token },
		});
		return { status: response.status, data: response.data };
	};
	kit.calls = async (action) => {
		const { actions } = (await kit.dingtalk.stats()) as unknown as {
			actions: Record<string, Record<string, number>>;
		};
		return Object.values(actions[action] ?? {}).reduce((sum, count) => sum + count, 0);
	};
	return kit;
}

/** Event > Create with fixed values, overridable per test. */
export function createParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'event',
		operation: 'create',
		userId: '={{ $json.organizer }}',
		calendarId: 'primary',
		summary: 'Planning',
		allDay: false,
		start: '2031-03-03T09:00:00',
		end: '2031-03-03T10:00:00',
		additionalFields: {},
		...overrides,
	};
}
