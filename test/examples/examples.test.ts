/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { engineExamples } from '../e2e/expectations';
import { credentialsHelperWith, runWorkflow } from '../harness/engine';
import { checkExpectation, readExpectation } from '../harness/expectations';
import { useSandbox } from '../harness/sandboxSuite';
import { runTriggerExample } from '../harness/triggerExample';

const examplesDir = join(__dirname, '..', '..', 'examples');
/** Manual-trigger examples and our own trigger's (see engineExamples); the MCP server example has its own tests. */
const examples = engineExamples(examplesDir);

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
		const expectation = readExpectation(
			join(examplesDir, file.replace('.workflow.json', '.expected.json')),
		);
		const reference = workflow.nodes.find(
			(node: { credentials?: { dingTalkApi?: object } }) => node.credentials?.dingTalkApi,
		).credentials.dingTalkApi as { id: string; name: string };
		const credential = { ...(await dingtalk.internalCredential()), ...reference };

		const credentialsHelper = credentialsHelperWith(credential);
		const result = expectation.setup
			? (
					await runTriggerExample(
						workflow,
						{ ...expectation, setup: expectation.setup },
						dingtalk,
						credentialsHelper,
					)
				).result
			: await runWorkflow(workflow, { credentialsHelper });

		expect(result.error).toBeUndefined();
		const problems = await checkExpectation(
			expectation,
			result.output(expectation.node),
			async (eventId) => Object.keys(await dingtalk.roomsOf(eventId)),
		);
		expect(problems).toEqual([]);
	});
});
