import type {
	IDataObject,
	INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { RESOURCE_LABELS, type ItemChange, type OperationModule } from './operation';

export type NodeError = NodeApiError | NodeOperationError;

/** How one item ended: its output items, or the error it failed with. */
export type ItemOutcome = { items: INodeExecutionData[] } | { error: NodeError };

/** The operation as the editor names it: "Meeting Room → Add to Event". */
export function operationLabel(resource: string, operationName: string): string {
	return `${RESOURCE_LABELS[resource] ?? resource} → ${operationName}`;
}

const joined = (...parts: Array<string | null | undefined>) => parts.filter(Boolean).join(' ');

/** "item 3", "items 3–5". */
function itemRange(first: number, last: number): string {
	return first === last ? `item ${first}` : `items ${first}–${last}`;
}

/** Consecutive indexes as ranges: [1,2,3,7] → "items 1–3, item 7". */
function itemRanges(indexes: number[]): string {
	const ranges: string[] = [];
	let start = indexes[0];
	for (let k = 1; k <= indexes.length; k++) {
		if (k === indexes.length || indexes[k] !== indexes[k - 1] + 1) {
			ranges.push(itemRange(start, indexes[k - 1]));
			start = indexes[k];
		}
	}
	return ranges.join(', ');
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A local mistake with On Error = Stop Workflow: every item is checked before the first request, so the
 * run stops before anything reaches DingTalk, and the error says so.
 */
export function nothingSentError(
	error: NodeError,
	itemIndex: number,
	itemCount: number,
): NodeError {
	const others =
		itemCount === 2
			? ' The other item was not sent either.'
			: itemCount > 2
				? ` The other ${itemCount - 1} items were not sent either.`
				: '';
	error.description = joined(
		error.description,
		`Nothing was sent to DingTalk: the node checks every item before it sends the first request, so this run changed nothing.${others} Fix item ${itemIndex} and run again.`,
	);
	error.context.stoppedRun = { stoppedAtItem: itemIndex, nothingSent: true, itemCount };
	return error;
}

/** What the output of one successful item says it changed, with the item and operation. */
function changesOf(
	module: OperationModule,
	label: string,
	itemIndex: number,
	items: INodeExecutionData[],
): Array<ItemChange & { itemIndex: number; operation: string }> {
	if (!module.changeOf) return [];
	return items
		.map((item) => module.changeOf!(item.json))
		.filter((change): change is ItemChange => change !== undefined)
		.map((change) => ({ itemIndex, operation: label, ...change }));
}

/**
 * The error of a run stopped by a failed item (On Error = Stop Workflow): the first failing item's own
 * error, with what else the run did that no output shows. Items before it completed (the node stops, so
 * their output is not passed on, as with any node that stops). Items after it that were already running
 * when it failed could not be called back: each change they made is listed, in the description and in
 * `context.stoppedRun`. Later items that failed too are named; the rest were not started.
 */
export function stoppedRunError(
	failed: number,
	outcomes: Array<ItemOutcome | undefined>,
	module: OperationModule,
	label: string,
): NodeError {
	const error = (outcomes[failed] as { error: NodeError }).error;
	// A run of one item did nothing else: its own error says it all.
	if (outcomes.length === 1) return error;
	const changesAfter: Array<ItemChange & { itemIndex: number; operation: string }> = [];
	const failedAfter: IDataObject[] = [];
	const notStarted: number[] = [];
	const unchangedAfter: number[] = [];
	for (let itemIndex = failed + 1; itemIndex < outcomes.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		if (!outcome) notStarted.push(itemIndex);
		else if ('error' in outcome) failedAfter.push({ itemIndex, error: outcome.error.message });
		else {
			const changes = changesOf(module, label, itemIndex, outcome.items);
			if (changes.length) changesAfter.push(...changes);
			else unchangedAfter.push(itemIndex);
		}
	}

	const sentences = [`The run stopped at item ${failed} (${label}).`];
	if (failed > 0) sentences.push(`${capital(itemRange(0, failed - 1))} completed before it.`);
	if (changesAfter.length) {
		sentences.push(
			`Already running when it failed, these later items completed too, and their changes are in no output: ${changesAfter
				.map((change) => `item ${change.itemIndex} ${change.change}`)
				.join('; ')}.`,
		);
	}
	if (unchangedAfter.length)
		sentences.push(`${capital(itemRanges(unchangedAfter))} also completed, changing nothing.`);
	for (const other of failedAfter)
		sentences.push(`Item ${String(other.itemIndex)} failed too: ${String(other.error)}`);
	if (notStarted.length)
		sentences.push(
			`${capital(itemRanges(notStarted))} ${notStarted.length === 1 ? 'was' : 'were'} not started.`,
		);
	if (!changesAfter.length)
		sentences.push(`No item after item ${failed} changed anything in DingTalk.`);

	error.description = joined(error.description, ...sentences);
	error.context.itemIndex = failed;
	error.context.stoppedRun = {
		stoppedAtItem: failed,
		nothingSent: false,
		itemCount: outcomes.length,
		completedBefore: failed,
		changesAfter,
		failedAfter,
		completedAfterWithoutChange: unchangedAfter,
		notStarted,
	};
	return error;
}
