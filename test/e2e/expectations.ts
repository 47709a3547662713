/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * The example workflows and what each one must produce.
 *
 * `examples/<name>.workflow.json` is imported and run as is. `examples/<name>.expected.json` says what
 * to check (the contract with the examples' author):
 *   {
 *     "node": "<node name whose output is checked>",
 *     "items": [ {"json": {<subset the item's json must contain>}} | {"error": "<substring of json.error>"} ],
 *     "sandbox": {"events": {"<eventId>": {"roomIds": ["<roomId>", ...]}}}
 *   }
 * - `items` must match the node's output one to one (same count, same order). `json` is a deep subset:
 *   objects may carry more keys; arrays must have the same length, element by element.
 * - `{"error": …}`: the item is a Continue On Fail error item, its `json.error` contains the text.
 * - `sandbox.events.<id>.roomIds`: after the run, the event's meeting rooms (sandbox control API
 *   `GET /__sandbox/events/:id`, `meetingRooms[].roomId`) are exactly these, in any order.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import type { RunOutput } from './n8n';

export interface ExpectedItem {
	json?: Record<string, unknown>;
	error?: string;
}

export interface Expected {
	node: string;
	items: ExpectedItem[];
	sandbox?: { events?: Record<string, { roomIds?: string[] }> };
}

export interface WorkflowJson {
	id?: string;
	name?: string;
	active?: boolean;
	nodes: Array<{
		name: string;
		type: string;
		parameters?: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
		[key: string]: unknown;
	}>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface Example {
	/** `<name>` of `examples/<name>.workflow.json`. */
	name: string;
	workflowFile: string;
	workflow: WorkflowJson;
	expectedFile: string;
	expected?: Expected;
	/** Problems with the files themselves (reported as this example's failure). */
	problems: string[];
}

export function loadExamples(dir: string): Example[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => f.endsWith('.workflow.json'))
		.sort()
		.map((file) => {
			const name = basename(file, '.workflow.json');
			const workflowFile = join(dir, file);
			const expectedFile = join(dir, `${name}.expected.json`);
			const problems: string[] = [];
			let workflow: WorkflowJson = { nodes: [], connections: {} };
			try {
				workflow = JSON.parse(readFileSync(workflowFile, 'utf8')) as WorkflowJson;
			} catch (error) {
				problems.push(`${workflowFile} is not valid JSON: ${(error as Error).message}`);
			}
			if (!workflow.id) problems.push(`${workflowFile} has no fixed "id" (n8n execute needs one)`);
			let expected: Expected | undefined;
			if (!existsSync(expectedFile)) {
				problems.push(`no ${expectedFile}: every example needs one (what to check)`);
			} else {
				try {
					expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Expected;
					if (typeof expected.node !== 'string' || !Array.isArray(expected.items)) {
						problems.push(`${expectedFile} needs "node" (string) and "items" (array)`);
					} else if (!workflow.nodes.some((n) => n.name === expected!.node)) {
						problems.push(`${expectedFile} checks node "${expected.node}", which ${basename(workflowFile)} does not have`);
					}
				} catch (error) {
					problems.push(`${expectedFile} is not valid JSON: ${(error as Error).message}`);
				}
			}
			return { name, workflowFile, workflow, expectedFile, expected, problems };
		});
}

/** Every credential reference of a type across the examples (each is imported pointing at the sandbox). */
export function credentialRefs(examples: Example[], type: string): Array<{ id: string; name: string }> {
	const refs = new Map<string, { id: string; name: string }>();
	for (const example of examples) {
		for (const node of example.workflow.nodes) {
			const ref = node.credentials?.[type];
			if (ref?.id) refs.set(ref.id, { id: ref.id, name: ref.name });
		}
	}
	return [...refs.values()];
}

/** The items a node output in a run (last run of the node, main output 0). */
export function nodeItems(output: RunOutput, node: string): Array<{ json: Record<string, unknown> }> | undefined {
	const runs = output.data?.resultData?.runData?.[node];
	if (!runs?.length) return undefined;
	const last = runs[runs.length - 1];
	return last.data?.main?.[0] ?? [];
}

/** Why `actual` does not contain `expected`, or undefined if it does. */
export function subsetMismatch(actual: unknown, expected: unknown, path = ''): string | undefined {
	if (expected === null || typeof expected !== 'object') {
		return Object.is(actual, expected)
			? undefined
			: `${path || 'value'}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
	}
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual)) return `${path}: expected an array, got ${JSON.stringify(actual)}`;
		if (actual.length !== expected.length) {
			return `${path}: expected ${expected.length} elements, got ${actual.length} (${JSON.stringify(actual)})`;
		}
		for (let i = 0; i < expected.length; i++) {
			const mismatch = subsetMismatch(actual[i], expected[i], `${path}[${i}]`);
			if (mismatch) return mismatch;
		}
		return undefined;
	}
	if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
		return `${path || 'value'}: expected an object, got ${JSON.stringify(actual)}`;
	}
	for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
		const mismatch = subsetMismatch((actual as Record<string, unknown>)[key], value, path ? `${path}.${key}` : key);
		if (mismatch) return mismatch;
	}
	return undefined;
}

/** Checks a node's output items against the expectation; returns the problems found. */
export function checkItems(items: Array<{ json: Record<string, unknown> }>, expected: Expected): string[] {
	const problems: string[] = [];
	if (items.length !== expected.items.length) {
		problems.push(
			`"${expected.node}" output ${items.length} item(s), expected ${expected.items.length}: ` +
				JSON.stringify(items.map((i) => i.json)).slice(0, 600),
		);
	}
	expected.items.forEach((want, index) => {
		const got = items[index];
		if (!got) return;
		if (want.error !== undefined) {
			const error = got.json?.error;
			const text = typeof error === 'string' ? error : error === undefined ? undefined : JSON.stringify(error);
			if (text === undefined) {
				problems.push(`item ${index}: expected an error item containing "${want.error}", got ${JSON.stringify(got.json).slice(0, 300)}`);
			} else if (!text.includes(want.error)) {
				problems.push(`item ${index}: error "${text.slice(0, 300)}" does not contain "${want.error}"`);
			}
		}
		if (want.json !== undefined) {
			const mismatch = subsetMismatch(got.json, want.json);
			if (mismatch) problems.push(`item ${index}: ${mismatch}`);
		}
	});
	return problems;
}

/** Checks the sandbox's state through its control API. */
export async function checkSandbox(sandboxUrl: string, expected: Expected): Promise<string[]> {
	const problems: string[] = [];
	for (const [eventId, want] of Object.entries(expected.sandbox?.events ?? {})) {
		const response = await fetch(`${sandboxUrl}/__sandbox/events/${encodeURIComponent(eventId)}`);
		if (!response.ok) {
			problems.push(`sandbox: GET /__sandbox/events/${eventId} answered ${response.status}`);
			continue;
		}
		const event = (await response.json()) as { meetingRooms?: Array<{ roomId: string }> };
		if (want.roomIds) {
			const have = (event.meetingRooms ?? []).map((r) => r.roomId).sort();
			const wantSorted = [...want.roomIds].sort();
			if (JSON.stringify(have) !== JSON.stringify(wantSorted)) {
				problems.push(`sandbox: event ${eventId} has rooms ${JSON.stringify(have)}, expected ${JSON.stringify(wantSorted)}`);
			}
		}
	}
	return problems;
}
