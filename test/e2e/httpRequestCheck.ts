/**
 * Our credential outside our node: n8n's own HTTP Request node with "Predefined Credential Type →
 * DingTalk API", for the DingTalk APIs the node does not cover. What the README promises:
 *
 * - the HTTP Request node sends the stored token, and renews a stale one itself: its request helper
 *   (n8n-core `requestWithAuthentication`) runs the credential's preAuthentication again and retries
 *   once after ANY failed call, so DingTalk's 400 InvalidAuthentication (not 401) is covered too;
 * - the renewed token is stored: the next run fetches none.
 */
import { executeWorkflow, type N8nInstance } from './n8n';
import { nodeItems, type WorkflowJson } from './expectations';

export const HTTP_REQUEST_WORKFLOW_ID = 'dtE2eHttpRequest01';

const TRIGGER = 'Start';
const HTTP_NODE = 'DingTalk API via HTTP Request';

interface Setup {
	sandboxUrl: string;
	unionId: string;
	credential: { id: string; name: string };
}

/** Manual trigger → HTTP Request: GET the first page of the room directory, with our credential. */
export function httpRequestWorkflow(setup: Setup): WorkflowJson {
	const url = `${setup.sandboxUrl}/v1.0/rooms/meetingRoomLists?unionId=${encodeURIComponent(setup.unionId)}&maxResults=1`;
	return {
		id: HTTP_REQUEST_WORKFLOW_ID,
		name: 'e2e: DingTalk API through the HTTP Request node',
		nodes: [
			{
				id: 'e2e00000-0000-4000-8000-000000000001',
				name: TRIGGER,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'e2e00000-0000-4000-8000-000000000002',
				name: HTTP_NODE,
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					url,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'dingTalkApi',
					options: {},
				},
				credentials: { dingTalkApi: setup.credential },
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: HTTP_NODE, type: 'main', index: 0 }]] } },
	};
}

/** One `n8n execute` of the workflow: the HTTP Request node's answer must be a room page. */
async function runHttp(instance: N8nInstance): Promise<void> {
	const { result, output } = await executeWorkflow(instance, HTTP_REQUEST_WORKFLOW_ID);
	const nodeRun = output?.data?.resultData?.runData?.[HTTP_NODE]?.at(-1);
	const error = nodeRun?.error ?? output?.data?.resultData?.error;
	if (error)
		throw new Error(
			`the HTTP Request node failed: ${`${error.message ?? ''} ${error.description ?? ''}`.trim()}`,
		);
	const items = output ? nodeItems(output, HTTP_NODE) : undefined;
	if (!items)
		throw new Error(
			`the HTTP Request node did not run (n8n execute exited ${result.code}; log: ${instance.logPath})`,
		);
	const page = items[0]?.json as { result?: unknown[] } | undefined;
	if (!Array.isArray(page?.result) || page.result.length !== 1) {
		throw new Error(
			`the HTTP Request node got no room page: ${JSON.stringify(items[0]?.json).slice(0, 200)}`,
		);
	}
}

async function sandboxPost(sandboxUrl: string, path: string): Promise<void> {
	const response = await fetch(`${sandboxUrl}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
	if (!response.ok) throw new Error(`sandbox: POST ${path} answered ${response.status}`);
}

async function tokenRequests(sandboxUrl: string): Promise<number> {
	const response = await fetch(`${sandboxUrl}/__sandbox/stats`);
	if (!response.ok) throw new Error(`sandbox: GET /__sandbox/stats answered ${response.status}`);
	return ((await response.json()) as { tokenRequests: number }).tokenRequests;
}

/** The token n8n stored is stale (DingTalk expired it); the HTTP Request node must renew it and store it. */
export async function checkHttpRequestNode(
	instance: N8nInstance,
	sandboxUrl: string,
): Promise<string> {
	// First a run that leaves a valid token stored (fetching one if none is), so the next finds it stale.
	await runHttp(instance);
	await sandboxPost(sandboxUrl, '/__sandbox/tokens/expire');
	const before = await tokenRequests(sandboxUrl);
	await runHttp(instance);
	const renewals = (await tokenRequests(sandboxUrl)) - before;
	if (renewals !== 1)
		throw new Error(
			`with a stale token stored, the run fetched ${renewals} tokens (expected 1 renewal)`,
		);
	await runHttp(instance);
	const again = (await tokenRequests(sandboxUrl)) - before - renewals;
	if (again !== 0)
		throw new Error(`the renewed token was not stored: the next run fetched ${again} more`);
	return 'works; a stale token renewed once and stored; the next run reused it';
}
