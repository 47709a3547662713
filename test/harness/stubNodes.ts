/* eslint-disable @n8n/community-nodes/node-usable-as-tool, @n8n/community-nodes/no-dangerous-functions */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * Stand-ins for the n8n-nodes-base nodes our example workflows use (n8n-nodes-base is not a
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
		const result = (await run($input, items)) as Array<
			INodeExecutionData | Record<string, unknown>
		>;
		return [
			(Array.isArray(result) ? result : [result]).map((entry, index) => ({
				json: ('json' in entry ? entry.json : entry) as INodeExecutionData['json'],
				pairedItem: { item: Math.min(index, Math.max(items.length - 1, 0)) },
			})),
		];
	}
}

interface FilterCondition {
	leftValue?: unknown;
	rightValue?: unknown;
	operator?: { type?: string; operation?: string };
}

/**
 * Filter node (version 2): keeps the items that meet every condition. Only what our examples use:
 * "and" of string/number/boolean `equals` / `notEquals` conditions; anything else fails loudly.
 */
export class FilterStub implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Filter',
		name: 'filter',
		group: ['transform'],
		version: [2, 2.1, 2.2],
		description: 'Keeps items that meet conditions',
		defaults: { name: 'Filter' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {} }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const kept: INodeExecutionData[] = [];
		this.getInputData().forEach((item, itemIndex) => {
			const filter = this.getNodeParameter(
				'conditions',
				itemIndex,
				{},
				{ rawExpressions: false },
			) as {
				combinator?: string;
				conditions?: FilterCondition[];
			};
			if (filter.combinator && filter.combinator !== 'and')
				throw new Error('FilterStub: only "and"');
			const pass = (filter.conditions ?? []).every(({ leftValue, rightValue, operator }) => {
				if (operator?.operation === 'equals') return leftValue === rightValue;
				if (operator?.operation === 'notEquals') return leftValue !== rightValue;
				throw new Error(`FilterStub: operation ${String(operator?.operation)} is not modelled`);
			});
			if (pass) kept.push({ ...item, pairedItem: { item: itemIndex } });
		});
		return [kept];
	}
}
