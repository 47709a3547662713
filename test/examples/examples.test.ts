/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startTrigger } from '../e2e/expectations';
import { credentialsHelperWith, runWorkflow } from '../harness/engine';
import { checkExpectation, readExpectation } from '../harness/expectations';
import { useSandbox } from '../harness/sandboxSuite';
import { runTriggerExample } from '../harness/triggerExample';

const examplesDir = join(__dirname, '..', '..', 'examples');
const allExamples = readdirSync(examplesDir).filter((name) => name.endsWith('.workflow.json')).sort();
/**
 * Examples started by a trigger other than the Manual Trigger (e.g. the MCP Server Trigger) are not run
 * here: they need that trigger, which only real n8n has. Their own tests run them (the MCP server's
 * tools: test/node/mcpExample.test.ts; in real n8n: test/e2e/mcpCheck.ts). The exception is our own
 * trigger: an example whose expectation has `setup` is run below as when active.
 */
const hasSetup = (name: string): boolean => {
	try {
		return !!JSON.parse(readFileSync(join(examplesDir, name.replace('.workflow.json', '.expected.json')), 'utf8')).setup;
	} catch {
		return false;
	}
};
const examples = allExamples.filter(
	(name) => !startTrigger(JSON.parse(readFileSync(join(examplesDir, name), 'utf8'))) || hasSetup(name),
);

/**
 * Every example workflow, through n8n's engine against a fresh default sandbox, checked against its
 * .expected.json. A trigger-started example (its expectation has `setup`) runs as when active: baseline
 * poll, the setup's sandbox changes, a poll, and the execution that poll starts.
 */
describe('example workflows', () => {
	const { dingtalk } = useSandbox();

	it('there are examples, each with its expectation', () => {
		expect(examples.length).toBeGreaterThanOrEqual(4);
	});

	it.each(examples)('%s', async (file) => {
		const workflow = JSON.parse(readFileSync(join(examplesDir, file), 'utf8'));
		const expectation = readExpectation(join(examplesDir, file.replace('.workflow.json', '.expected.json')));
		const reference = workflow.nodes.find((node: { credentials?: { dingTalkApi?: object } }) => node.credentials?.dingTalkApi)
			.credentials.dingTalkApi as { id: string; name: string };
		const credential = { ...(await dingtalk.internalCredential()), ...reference };

		const credentialsHelper = credentialsHelperWith(credential);
		const result = expectation.setup
			? (await runTriggerExample(workflow, { ...expectation, setup: expectation.setup }, dingtalk, credentialsHelper)).result
			: await runWorkflow(workflow, { credentialsHelper });

		expect(result.error).toBeUndefined();
		const problems = await checkExpectation(expectation, result.output(expectation.node), async (eventId) =>
			Object.keys(await dingtalk.roomsOf(eventId)),
		);
		expect(problems).toEqual([]);
	});
});
