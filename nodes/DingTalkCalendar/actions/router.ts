import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DingTalkClient } from '../transport/client';
import * as meetingRoom from './meetingRoom';
import type { DingTalkCalendarType } from './node.type';

type OperationModule = {
	execute: (this: IExecuteFunctions, itemIndex: number, client: DingTalkClient) => Promise<INodeExecutionData[]>;
};

const resources: Record<DingTalkCalendarType['resource'], Record<string, OperationModule>> = {
	meetingRoom: meetingRoom as unknown as Record<string, OperationModule>,
};

/**
 * Runs the chosen operation once per input item, in order. Every item yields output or an error:
 * with Continue On Fail the error becomes that item's output (paired to it) and the run goes on;
 * otherwise the first error stops the run, carrying the item index.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const client = new DingTalkClient(this);
	const returnData: INodeExecutionData[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as DingTalkCalendarType['resource'];
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const module = resources[resource]?.[operation];
			if (!module) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`, {
					itemIndex,
				});
			}
			returnData.push(...(await module.execute.call(this, itemIndex, client)));
		} catch (error) {
			if (error.context && error.context.itemIndex === undefined) {
				error.context.itemIndex = itemIndex;
			}
			if (this.continueOnFail()) {
				returnData.push({
					json: {
						error: error.message,
						...(error.description ? { errorDescription: error.description } : {}),
						...(error.context?.dingTalk ? { dingTalk: error.context.dingTalk } : {}),
					},
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			// Both constructors hand back the very error when it already is of their class.
			if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error, { itemIndex });
		}
	}
	return [returnData];
}
