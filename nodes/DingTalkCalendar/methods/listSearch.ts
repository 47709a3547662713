import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { roomLabel } from '../helpers/rooms/directory';
import { roomPages } from '../../shared/transport/api/rooms';
import { groupPath, listRoomGroups } from '../helpers/rooms/groups';
import { DingTalkClient } from '../../shared/transport/client';
import { EVENTS_PAGE_SIZE, listEventsPage } from '../../shared/transport/api/events';
import { currentUserId, requireCurrentUserId } from './currentUserId';

/** The organizer's events from yesterday on, newest page by page, filtered by title. */
export async function searchEvents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const userId = currentUserId(this);
	if (!userId) {
		throw new NodeOperationError(
			this.getNode(),
			'Fill in Organizer User ID (a unionId) first: DingTalk lists the events of that user',
		);
	}
	const calendarIdParam = this.getCurrentNodeParameter('calendarId');
	const calendarId =
		typeof calendarIdParam === 'string' && calendarIdParam.trim()
			? calendarIdParam.trim()
			: 'primary';
	const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
	const client = new DingTalkClient(this);
	const response = await listEventsPage(
		client,
		{ userId, calendarId },
		{ timeMin: since },
		{ maxResults: EVENTS_PAGE_SIZE, nextToken: paginationToken },
	);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = (response.events ?? [])
		.filter(
			(event) => event.id && (!needle || (event.summary ?? '').toLowerCase().includes(needle)),
		)
		.map((event) => {
			const when = event.start?.dateTime ?? event.start?.date;
			return {
				name: when ? `${event.summary ?? '(no title)'} (${when})` : (event.summary ?? event.id!),
				value: event.id!,
			};
		});
	return { results, paginationToken: response.nextToken ?? undefined };
}

/** Enough matches to fill the picker before it asks for more. */
const ROOMS_PER_SEARCH = 30;

/** Most directory pages one search reads before it hands back a token to go on from. */
const PAGES_PER_SEARCH = 5;

/**
 * The room directory for a Room picker, searchable by name, paged: DingTalk's numeric nextToken is the
 * picker's pagination token. A search reads on until it found a screenful, so pages of non-matches do
 * not come back empty.
 */
export async function searchRooms(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const unionId = requireCurrentUserId(this);
	const startToken =
		paginationToken && /^\d+$/.test(paginationToken) ? Number(paginationToken) : undefined;
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchResult['results'] = [];
	let nextToken: number | undefined;
	let pages = 0;
	for await (const page of roomPages(new DingTalkClient(this), unionId, { startToken })) {
		pages++;
		nextToken = page.nextToken;
		for (const room of page.rooms) {
			const label = roomLabel(room);
			if (!needle || label.toLowerCase().includes(needle) || room.roomId.toLowerCase() === needle) {
				results.push({ name: label, value: room.roomId });
			}
		}
		if (results.length >= ROOMS_PER_SEARCH || pages >= PAGES_PER_SEARCH) break;
	}
	return { results, paginationToken: nextToken !== undefined ? String(nextToken) : undefined };
}

/** The room groups for a Group picker, each shown with its parents, searchable by name. */
export async function searchGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const unionId = requireCurrentUserId(this);
	const groups = await listRoomGroups(new DingTalkClient(this), unionId);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = groups
		.map((group) => ({ name: groupPath(groups, group.groupId), value: String(group.groupId) }))
		.filter(
			(group) => !needle || group.name.toLowerCase().includes(needle) || group.value === needle,
		)
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
