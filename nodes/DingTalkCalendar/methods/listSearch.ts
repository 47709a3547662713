import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DingTalkClient } from '../transport/client';
import { API } from '../transport/paths';
import { currentUserId } from './currentUserId';

interface EventListPage {
	events?: Array<{ id?: string; summary?: string; start?: { dateTime?: string; date?: string } }>;
	nextToken?: string | null;
}

/** The organizer's events from yesterday on, newest page by page, filtered by title. */
export async function searchEvents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const userId = currentUserId(this);
	if (!userId) {
		throw new NodeOperationError(this.getNode(), 'Set Organizer User ID first: DingTalk lists events of a user');
	}
	const calendarIdParam = this.getCurrentNodeParameter('calendarId');
	const calendarId = typeof calendarIdParam === 'string' && calendarIdParam.trim() ? calendarIdParam.trim() : 'primary';
	const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
	const client = new DingTalkClient(this);
	const response = await client.call<EventListPage>(API.ListEvents, {
		params: { userId, calendarId },
		qs: { timeMin: since, maxResults: 100, ...(paginationToken ? { nextToken: paginationToken } : {}) },
		subject: { userId },
	});
	const needle = (filter ?? '').trim().toLowerCase();
	const results = (response.events ?? [])
		.filter((event) => event.id && (!needle || (event.summary ?? '').toLowerCase().includes(needle)))
		.map((event) => {
			const when = event.start?.dateTime ?? event.start?.date;
			return {
				name: when ? `${event.summary ?? '(no title)'} (${when})` : (event.summary ?? event.id!),
				value: event.id!,
			};
		});
	return { results, paginationToken: response.nextToken ?? undefined };
}
