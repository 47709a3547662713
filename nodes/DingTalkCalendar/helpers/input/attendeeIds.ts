import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readIdList } from './idList';
import { inBatches } from '../../../shared/transport/api/batches';

/** DingTalk takes at most 500 attendees per call and holds at most 5,000 on one event (reference §4.0, §4.8). */
export const MAX_ATTENDEES_PER_CALL = 500;
export const MAX_ATTENDEES_PER_EVENT = 5000;

const HELP =
	'Give users by unionId (not the staff user ID), separated by commas, or a list from an expression (objects with an "id", as Attendee > Get Many returns them, work too).';

/**
 * Reads a list of users (unionIds) from a parameter: the editor's text, or from an expression a list,
 * comma- or line-separated text, or attendee objects with an `id`. Trimmed, de-duplicated, and at most
 * the 5,000 an event can hold, before any request.
 */
export function readAttendeeIds(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
	options: { required?: boolean; max?: number } = {},
): string[] {
	const max = options.max ?? MAX_ATTENDEES_PER_EVENT;
	return readIdList(context, itemIndex, parameter, field, {
		noun: 'user ID',
		objectKey: 'id',
		required: options.required,
		max: {
			count: max,
			problem: (given) => `${given} users given, but DingTalk allows at most ${max} here`,
		},
		help: HELP,
	});
}

/**
 * Sends a list of attendees to DingTalk 500 at a time, one call after the other. When a later call fails,
 * the error says how many went through before it: running the item again is safe, since DingTalk
 * changes nothing for attendees already added (or already removed).
 */
export async function sendInBatches(
	context: IExecuteFunctions,
	attendeeIds: string[],
	verb: 'added' | 'removed',
	send: (batch: string[]) => Promise<void>,
): Promise<void> {
	let done = 0;
	for (const batch of inBatches(attendeeIds, MAX_ATTENDEES_PER_CALL)) {
		try {
			await send(batch);
		} catch (error) {
			if (done > 0) {
				(error as Error).message =
					`${(error as Error).message} (${done} of ${attendeeIds.length} attendees were ${verb} before this failure; running the item again is safe)`;
			}
			// Both constructors hand back the very error when it already is of their class.
			if (error instanceof NodeOperationError)
				throw new NodeOperationError(context.getNode(), error);
			throw new NodeApiError(context.getNode(), error as JsonObject);
		}
		done += batch.length;
	}
}
