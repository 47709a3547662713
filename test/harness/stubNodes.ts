/* eslint-disable @n8n/community-nodes/node-usable-as-tool, @n8n/community-nodes/no-dangerous-functions */
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * Stand-ins for the two n8n-nodes-base nodes our example workflows use (n8n-nodes-base is not a
 * dependency of this repo). They keep the same type names and parameters, so an example workflow runs
 * unchanged here and in real n8n (npm run test:e2e runs the same files in n8n 1.x and 2.x).
 */
export class ManualTriggerStub implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the workflow',
		defaults: { name: 'Manual Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

/** Code node, "Run Once for All Items" JavaScript mode only: `return [{ json: ... }, ...]`. */
export class CodeStub implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Code',
		name: 'code',
		group: ['transform'],
		version: [1, 2],
		description: 'Runs JavaScript',
		defaults: { name: 'Code' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'JavaScript', name: 'jsCode', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const code = this.getNodeParameter('jsCode', 0) as string;
		const $input = { all: () => items, first: () => items[0], last: () => items[items.length - 1] };
		const run = new Function('$input', 'items', `return (async () => { ${code} })();`);
		const result = (await run($input, items)) as Array<INodeExecutionData | Record<string, unknown>>;
		return [
			(Array.isArray(result) ? result : [result]).map((entry, index) => ({
				json: ('json' in entry ? entry.json : entry) as INodeExecutionData['json'],
				pairedItem: { item: Math.min(index, Math.max(items.length - 1, 0)) },
			})),
		];
	}
}
