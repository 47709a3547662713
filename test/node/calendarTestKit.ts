import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { startSandbox, type RunningSandbox } from '../../sandbox';
import { cloneSeed } from '../../sandbox/seed';
import { credentialsHelperWith, runWorkflow, shutdownN8nCore } from '../harness/engine';
import { SandboxClient, type SeedView } from '../harness/sandboxClient';
import { itemsToNode } from '../harness/workflows';

/**
 * Shared set-up of the Event and Attendee suites: a sandbox per suite (reset before each test), runs of
 * the node through n8n's engine, and reads of the sandbox's state, through its control API and through
 * DingTalk's own read APIs for what the control API does not show (reminders, location, meeting link).
 */
export const NODE = 'DingTalk Calendar';
export const continueOnFail: Partial<INode> = { onError: 'continueRegularOutput' };

export interface SandboxEventState {
	eventId: string;
	organizerUnionId: string;
	summary: string;
	description?: string;
	status: 'confirmed' | 'cancelled';
	isAllDay: boolean;
	start: string;
	end: string;
	timeZone: string;
	recurrence?: { pattern: IDataObject; range: IDataObject };
	attendees: Array<{ id: string; responseStatus: string; isOptional: boolean }>;
	roomIds: string[];
	meetingRooms: Array<{ roomId: string; responseStatus: string }>;
}

export interface CalendarKit {
	sandbox: RunningSandbox;
	dingtalk: SandboxClient;
	seed: SeedView;
	/** Runs the node once per item with these parameters; `timezone` is the workflow's. */
	run(items: IDataObject[], parameters: INodeParameters, options?: { node?: Partial<INode>; timezone?: string }): ReturnType<typeof runWorkflow>;
	/** Every event the sandbox holds (deleted ones too). */
	events(): Promise<SandboxEventState[]>;
	event(eventId: string): Promise<SandboxEventState>;
	/** A DingTalk API read with the seed app's token (test set-up and checks, not the node). */
	api<T = IDataObject>(method: 'GET' | 'POST', path: string, body?: IDataObject): Promise<{ status: number; data: T }>;
	/** How many calls reached a DingTalk action (e.g. "CreateEvent") since the last reset. */
	calls(action: string): Promise<number>;
}

/** Registers beforeAll/afterAll/beforeEach for a suite and returns its kit (fields filled in beforeAll). */
export function useCalendarSandbox(): CalendarKit {
	let token: string | undefined;
	const kit = {} as CalendarKit;
	beforeAll(async () => {
		kit.sandbox = await startSandbox({ port: 0 });
		kit.dingtalk = new SandboxClient(kit.sandbox.url);
		kit.seed = await kit.dingtalk.seed();
	});
	afterAll(async () => {
		await kit.sandbox.close();
		shutdownN8nCore();
	});
	beforeEach(async () => {
		token = undefined;
		// The default seed explicitly: a plain reset keeps the seed of the last reset, which a test may have changed.
		const reset = await kit.dingtalk.http.post('/__sandbox/reset', { seed: cloneSeed() });
		if (reset.status !== 200) throw new Error(`reset failed: ${reset.status}`);
	});

	kit.run = async (items, parameters, options = {}) => {
		const credentialsHelper = credentialsHelperWith(await kit.dingtalk.internalCredential());
		return await runWorkflow(itemsToNode(items, parameters, options.node), {
			credentialsHelper,
			timezone: options.timezone,
		});
	};
	kit.events = async () => ((await kit.dingtalk.http.get('/__sandbox/events')).data as { events: SandboxEventState[] }).events;
	kit.event = async (eventId) => {
		const response = await kit.dingtalk.http.get(`/__sandbox/events/${encodeURIComponent(eventId)}`);
		if (response.status !== 200) throw new Error(`no sandbox event ${eventId}: ${response.status}`);
		return response.data as SandboxEventState;
	};
	kit.api = async (method, path, body) => {
		if (!token) {
			const app = kit.seed.apps.find((a) => a.type === 'internal')!;
			token = (await kit.dingtalk.http.post('/v1.0/oauth2/accessToken', { appKey: app.appKey, appSecret: app.appSecret })).data
				.accessToken as string;
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
		const { actions } = (await kit.dingtalk.stats()) as unknown as { actions: Record<string, Record<string, number>> };
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
