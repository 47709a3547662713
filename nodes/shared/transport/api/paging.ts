import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

/** One page of a calendar list: its entries and DingTalk's cursor to the next page (none on the last). */
export interface CalendarPage<T> {
	entries: T[];
	nextToken?: string | null;
}

/**
 * Collects up to `limit` entries (Infinity = all) of a calendar list, following DingTalk's string
 * `nextToken` (reference §2.7) until the last page, which has no token. Each page asks for what is still
 * missing, up to `pageSize`; DingTalk may answer with fewer ("maxResults is a suggestion"), so the loop
 * goes by the token, not by page sizes. A token that repeats would loop forever: it fails the item.
 */
export async function collectPages<T>(
	/** Only its node is used (for the error): a node run or a trigger's poll. */
	context: Pick<IExecuteFunctions, 'getNode'>,
	itemIndex: number,
	limit: number,
	pageSize: number,
	fetchPage: (maxResults: number, nextToken: string | undefined) => Promise<CalendarPage<T>>,
): Promise<T[]> {
	const collected: T[] = [];
	const seen = new Set<string>();
	let nextToken: string | undefined;
	do {
		const page = await fetchPage(Math.min(pageSize, limit - collected.length), nextToken);
		collected.push(...page.entries.slice(0, limit - collected.length));
		nextToken = page.nextToken || undefined;
		if (nextToken !== undefined) {
			if (seen.has(nextToken)) {
				throw new NodeOperationError(
					context.getNode(),
					'DingTalk returned the same page twice while listing',
					{
						itemIndex,
						description:
							'Stopped to avoid an endless loop. Run the item again; if it persists, narrow the time window.',
					},
				);
			}
			seen.add(nextToken);
		}
	} while (nextToken !== undefined && collected.length < limit);
	return collected;
}
