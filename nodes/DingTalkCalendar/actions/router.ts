import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readRequestSettings } from '../descriptions/requestOptions';
import { DingTalkClient } from '../transport/client';
import * as attendee from './attendee';
import * as event from './event';
import * as meetingRoom from './meetingRoom';
import type { DingTalkCalendarType } from './node.type';

type OperationModule = {
	execute: (this: IExecuteFunctions, itemIndex: number, client: DingTalkClient) => Promise<INodeExecutionData[]>;
};

const resources: Record<DingTalkCalendarType['resource'], Record<string, OperationModule>> = {
	meetingRoom: meetingRoom as unknown as Record<string, OperationModule>,
	event: event as unknown as Record<string, OperationModule>,
	attendee: attendee as unknown as Record<string, OperationModule>,
};

/** The output of one item: its result items, or the error it failed with. */
type ItemOutcome = { items: INodeExecutionData[] } | { error: Error & { context?: Record<string, unknown>; description?: string | null } };

/**
 * Runs the chosen operation for every input item, several at a time (Request Options > Concurrency),
 * and returns the outputs in input order. Every item yields output or an error: with Continue On Fail
 * the error becomes that item's output (paired to it) and the run goes on; otherwise the run stops
 * with the error of the first failing item, carrying its index, and no further item is started.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const settings = readRequestSettings(this);
	const client = new DingTalkClient(this, settings);
	const continueOnFail = this.continueOnFail();
	const outcomes: ItemOutcome[] = new Array(items.length);
	let next = 0;
	let stopped = false;
	// Resource and operation take no expressions (noDataExpression): the same for every item.
	const resource = this.getNodeParameter('resource', 0) as DingTalkCalendarType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = resources[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}

	const runItem = async (itemIndex: number): Promise<ItemOutcome> => {
		try {
			return { items: await module.execute.call(this, itemIndex, client) };
		} catch (error) {
			if (error.context && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
			return { error };
		}
	};

	const worker = async () => {
		while (!stopped && next < items.length) {
			const itemIndex = next++;
			const outcome = await runItem(itemIndex);
			outcomes[itemIndex] = outcome;
			if ('error' in outcome && !continueOnFail) stopped = true;
		}
	};
	await Promise.all(Array.from({ length: Math.min(settings.concurrency, items.length) }, worker));

	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		if (!outcome) continue; // not started: an earlier item stopped the run
		if ('items' in outcome) {
			returnData.push(...outcome.items);
			continue;
		}
		const { error } = outcome;
		if (continueOnFail) {
			returnData.push({
				json: {
					error: error.message,
					...(error.description ? { errorDescription: error.description } : {}),
					...(error.context?.dingTalk ? { dingTalk: error.context.dingTalk as JsonObject } : {}),
				},
				pairedItem: { item: itemIndex },
			});
			continue;
		}
		// Both constructors hand back the very error when it already is of their class.
		if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
		throw new NodeOperationError(this.getNode(), error, { itemIndex });
	}
	return [returnData];
}
