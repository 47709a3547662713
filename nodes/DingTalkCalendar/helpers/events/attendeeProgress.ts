import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BatchProgress } from '../../../shared/transport/api/attendees';

/**
 * Runs an attendee change that DingTalk takes 500 at a time (transport/api/attendees.ts). When a later
 * call fails, the error says how many went through before it: running the item again is safe, since
 * DingTalk changes nothing for attendees already added (or already removed).
 */
export async function withAttendeeProgress(
	context: IExecuteFunctions,
	total: number,
	verb: 'added' | 'removed',
	change: (progress: BatchProgress) => Promise<void>,
): Promise<void> {
	const progress: BatchProgress = { sent: 0 };
	try {
		await change(progress);
	} catch (error) {
		if (progress.sent > 0) {
			(error as Error).message =
				`${(error as Error).message} (${progress.sent} of ${total} attendees were ${verb} before this failure; running the item again is safe)`;
		}
		// Both constructors hand back the very error when it already is of their class.
		if (error instanceof NodeOperationError) throw new NodeOperationError(context.getNode(), error);
		throw new NodeApiError(context.getNode(), error as JsonObject);
	}
}
