/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * The example workflows and what each one must produce: `examples/<name>.workflow.json` is imported and
 * run as is; `examples/<name>.expected.json` says what to check. The format and the checker are shared
 * with the demo and the jest suite: test/harness/expectations.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import type { ExampleExpectation as Expected } from '../harness/expectations';
import type { RunOutput } from './n8n';

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
	/**
	 * The trigger that starts the example when it is not the Manual Trigger (e.g. the MCP Server
	 * Trigger). `n8n execute` cannot start such a workflow: it is activated before `n8n start` and checked
	 * by its own e2e step, not by the execute loop, and needs no `.expected.json`.
	 */
	trigger?: string;
}

const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

/** See Example.trigger: the start node's type when the workflow has no Manual Trigger. */
export function startTrigger(workflow: WorkflowJson): string | undefined {
	if (workflow.nodes.some((node) => node.type === MANUAL_TRIGGER)) return undefined;
	return workflow.nodes.find((node) => /trigger$/i.test(node.type))?.type;
}

/**
 * The example files (`*.workflow.json`, sorted) that run through n8n's engine, as `npm run demo` and the
 * jest examples test run them: those started by the Manual Trigger, and those of our own trigger (their
 * expectation has `setup`: run as when active). Other triggers (e.g. the MCP Server Trigger) need real
 * n8n and have their own tests.
 */
export function engineExamples(dir: string): string[] {
	const hasSetup = (file: string): boolean => {
		const expected = join(dir, file.replace('.workflow.json', '.expected.json'));
		return (
			existsSync(expected) &&
			!!(JSON.parse(readFileSync(expected, 'utf8')) as { setup?: unknown }).setup
		);
	};
	return readdirSync(dir)
		.filter((file) => file.endsWith('.workflow.json'))
		.sort()
		.filter(
			(file) =>
				!startTrigger(JSON.parse(readFileSync(join(dir, file), 'utf8')) as WorkflowJson) ||
				hasSetup(file),
		);
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
			const trigger = startTrigger(workflow);
			let expected: Expected | undefined;
			if (!existsSync(expectedFile)) {
				if (trigger) return { name, workflowFile, workflow, expectedFile, problems, trigger };
				problems.push(`no ${expectedFile}: every example needs one (what to check)`);
			} else {
				try {
					expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Expected;
					if (typeof expected.node !== 'string' || !Array.isArray(expected.items)) {
						problems.push(`${expectedFile} needs "node" (string) and "items" (array)`);
					} else if (!workflow.nodes.some((n) => n.name === expected!.node)) {
						problems.push(
							`${expectedFile} checks node "${expected.node}", which ${basename(workflowFile)} does not have`,
						);
					}
				} catch (error) {
					problems.push(`${expectedFile} is not valid JSON: ${(error as Error).message}`);
				}
			}
			return { name, workflowFile, workflow, expectedFile, expected, problems, trigger };
		});
}

/** Every credential reference of a type across the examples (each is imported pointing at the sandbox). */
export function credentialRefs(
	examples: Example[],
	type: string,
): Array<{ id: string; name: string }> {
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
export function nodeItems(
	output: RunOutput,
	node: string,
): Array<{ json: Record<string, unknown> }> | undefined {
	const runs = output.data?.resultData?.runData?.[node];
	if (!runs?.length) return undefined;
	const last = runs[runs.length - 1];
	return last.data?.main?.[0] ?? [];
}
