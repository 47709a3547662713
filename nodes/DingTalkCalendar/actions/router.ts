import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readRequestSettings } from '../descriptions/requestOptions';
import { DingTalkClient } from '../../shared/transport/client';
import * as addAttendees from './attendee/add.operation';
import * as getManyAttendees from './attendee/getAll.operation';
import * as removeAttendees from './attendee/remove.operation';
import * as createEvent from './event/create.operation';
import * as deleteEvent from './event/delete.operation';
import * as getEvent from './event/get.operation';
import * as getManyEvents from './event/getAll.operation';
import * as getUserAvailability from './event/getUserAvailability.operation';
import * as updateEvent from './event/update.operation';
import * as addToEvent from './meetingRoom/addToEvent.operation';
import * as findAndBook from './meetingRoom/findAndBook.operation';
import * as getRoom from './meetingRoom/get.operation';
import * as getAvailability from './meetingRoom/getAvailability.operation';
import * as getGroup from './meetingRoom/getGroup.operation';
import * as getManyRooms from './meetingRoom/getMany.operation';
import * as getManyGroups from './meetingRoom/getManyGroups.operation';
import * as removeFromEvent from './meetingRoom/removeFromEvent.operation';
import type { OperationModule } from './operation';
import {
	nothingSentError,
	operationLabel,
	stoppedRunError,
	type ItemOutcome,
	type NodeError,
} from './stoppedRun';

/**
 * Every operation of the node, by resource; the keys are the parameter values. Adding an operation is
 * its own file and one line here: the Operation lists, the fields, the AI tool descriptions
 * (actions/nodeProperties.ts) and the node's type map (node.type.ts) are read off this table.
 */
export const operations = {
	meetingRoom: {
		addToEvent,
		findAndBook,
		get: getRoom,
		getAvailability,
		getGroup,
		getMany: getManyRooms,
		getManyGroups,
		removeFromEvent,
	},
	event: {
		create: createEvent,
		delete: deleteEvent,
		get: getEvent,
		getAll: getManyEvents,
		getUserAvailability,
		update: updateEvent,
	},
	attendee: { add: addAttendees, getAll: getManyAttendees, remove: removeAttendees },
} satisfies Record<string, Record<string, OperationModule>>;

export type Resource = keyof typeof operations;

/** The operation module for a resource and operation, if the node has it. */
function findOperation(resource: string, operation: string): OperationModule | undefined {
	const table = (operations as Record<string, Record<string, unknown>>)[resource];
	if (!table || !Object.prototype.hasOwnProperty.call(table, operation)) return undefined;
	return table[operation] as OperationModule;
}

/** Any error an item failed with, as the node error n8n shows (the very error when it already is one). */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	const nodeError =
		error instanceof NodeApiError
			? new NodeApiError(context.getNode(), error as unknown as JsonObject)
			: new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	if (nodeError.context.itemIndex === undefined) nodeError.context.itemIndex = itemIndex;
	return nodeError;
}

/**
 * Runs the chosen operation for every input item and returns the outputs in input order. Every item
 * yields output or an error. Two phases:
 *
 * 1. Every item's parameters are checked (`validate`) without a request. With On Error = Stop Workflow
 *    all items are checked before the first request: a mistake in any item stops the run there and
 *    nothing at all is sent, so a re-run after fixing it does not repeat the items before it. With the
 *    Continue modes that item fails alone, so each item is checked as its turn comes.
 * 2. The valid items run, several at a time (Request Options > Concurrency). With Stop Workflow, once an
 *    item fails no further item starts; items already running finish (a request sent cannot be called
 *    back), and the error of the first failing item lists what those later items changed, so nothing
 *    that changed DingTalk is silent. With Continue (using error output) failed items go to the error
 *    output, with Continue (regular output) to the main output, each paired to its input item.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const settings = readRequestSettings(this);
	const continueOnFail = this.continueOnFail();
	const toErrorOutput = continueOnFail && this.getNode().onError === 'continueErrorOutput';
	// Resource and operation take no expressions (noDataExpression): the same for every item.
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = findOperation(resource, operation);
	if (!module) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}

	const outcomes: Array<ItemOutcome | undefined> = new Array(items.length);
	const inputs: unknown[] = new Array(items.length);
	/** Checks one item without a request; false (with its error recorded) when it is not valid. */
	const validate = (itemIndex: number): boolean => {
		try {
			inputs[itemIndex] = module.validate.call(this, itemIndex);
			return true;
		} catch (error) {
			outcomes[itemIndex] = { error: asNodeError(this, error, itemIndex) };
			return false;
		}
	};

	// Phase 1, Stop Workflow: every item checked before the first request. With the Continue modes a
	// bad item fails alone whenever it is found, so each item is checked just before its requests, and
	// the checking overlaps with the requests of the items before it.
	if (!continueOnFail) {
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			if (!validate(itemIndex))
				throw nothingSentError(
					(outcomes[itemIndex] as { error: NodeError }).error,
					itemIndex,
					items.length,
				);
		}
	}

	// Phase 2: the requests.
	const client = new DingTalkClient(this, settings);
	let next = 0;
	let stopped = false;
	const worker = async () => {
		while (!stopped && next < items.length) {
			const itemIndex = next++;
			if (continueOnFail && !validate(itemIndex)) continue;
			try {
				outcomes[itemIndex] = {
					items: await module.execute.call(this, itemIndex, client, inputs[itemIndex]),
				};
			} catch (error) {
				outcomes[itemIndex] = { error: asNodeError(this, error, itemIndex) };
				if (!continueOnFail) stopped = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(settings.concurrency, items.length) }, worker));

	if (!continueOnFail) {
		const failed = outcomes.findIndex((outcome) => outcome !== undefined && 'error' in outcome);
		if (failed >= 0)
			throw stoppedRunError(failed, outcomes, module, operationLabel(resource, module.option.name));
	}

	const returnData: INodeExecutionData[] = [];
	for (const [itemIndex, outcome] of outcomes.entries()) {
		if (!outcome) continue; // cannot happen: every item ran, or the run stopped above
		if ('items' in outcome) {
			returnData.push(...outcome.items);
			continue;
		}
		const { error } = outcome;
		const details = {
			...(error.description ? { errorDescription: error.description } : {}),
			...(error.context?.dingTalk ? { dingTalk: error.context.dingTalk as JsonObject } : {}),
		};
		// n8n-core's handleNodeErrorOutput sends an item to the error output when its json is exactly
		// {error} (or {error, message}), or when the item carries an `error` object; n8n 1.x then replaces
		// the json of the latter with {error: message}, losing DingTalk's code and request ID. So the error
		// output gets {error: {message, errorDescription, dingTalk}}, which every n8n line routes and keeps;
		// the regular output keeps the flat shape it always had.
		const json = toErrorOutput
			? { error: { message: error.message, ...details } }
			: { error: error.message, ...details };
		returnData.push({ json, pairedItem: { item: itemIndex } });
	}
	return [returnData];
}
