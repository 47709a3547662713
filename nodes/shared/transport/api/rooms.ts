import type { IDataObject } from 'n8n-workflow';

import type { DingTalkClient } from '../client';
import { API } from '../paths';

/** A room as QueryMeetingRoomList lists it (reference §5.1); other fields pass through untouched. */
export interface RoomSummary extends IDataObject {
	roomId: string;
	roomName?: string;
	roomCapacity?: number;
	/** 0 bookable by everyone, 1 admins only, 2 selected members. */
	roomStatus?: number;
	roomLabels?: Array<{ labelId?: number; labelName?: string }>;
	roomGroup?: { groupId?: number; groupName?: string; parentId?: number };
}

/** A room's detail (QueryMeetingRoom, reference §5.2): the summary plus its booking rules. */
export interface RoomDetail extends RoomSummary {
	extensionConfig?: {
		openReservation?: boolean;
		approvalSwitch?: boolean;
		/** Set while the room is closed: since when, and why (reference §5.2). */
		reservationCloseDetail?: { closeReason?: string };
	};
}

/** A meeting-room group (reference §5.3): IDs are numbers, top-level groups have parent 0. */
export interface RoomGroup extends IDataObject {
	groupId: number;
	groupName?: string;
	parentId?: number;
}

interface RoomListPage {
	result?: RoomSummary[];
	hasMore?: boolean;
	nextToken?: number;
}

/** DingTalk's largest page of rooms. */
export const ROOMS_PAGE_SIZE = 100;

/**
 * The organization's rooms, page by page (QueryMeetingRoomList), following DingTalk's numeric
 * `nextToken` while `hasMore`. `unionId` is the operator DingTalk lists the rooms for. A caller that has
 * enough stops iterating, and no further page is fetched.
 */
export async function* roomPages(
	client: DingTalkClient,
	unionId: string,
	options: { itemIndex?: number; startToken?: number } = {},
): AsyncGenerator<{ rooms: RoomSummary[]; nextToken?: number }> {
	let nextToken = options.startToken;
	const seen = new Set<number>();
	for (;;) {
		const page = await client.call<RoomListPage>(API.QueryMeetingRoomList, {
			qs: {
				unionId,
				maxResults: ROOMS_PAGE_SIZE,
				...(nextToken !== undefined ? { nextToken } : {}),
			},
			subject: { userId: unionId },
			itemIndex: options.itemIndex,
		});
		const rooms = (page.result ?? []).filter(
			(room) => typeof room?.roomId === 'string' && room.roomId !== '',
		);
		// A token that does not move on would page forever: treat it as the end.
		const more =
			page.hasMore === true && typeof page.nextToken === 'number' && !seen.has(page.nextToken);
		if (more) seen.add(page.nextToken!);
		yield { rooms, nextToken: more ? page.nextToken : undefined };
		if (!more) return;
		nextToken = page.nextToken;
	}
}

/** One room's detail (QueryMeetingRoom), unwrapped from DingTalk's `result`. */
export async function getRoom(
	client: DingTalkClient,
	unionId: string,
	roomId: string,
	itemIndex?: number,
): Promise<RoomDetail> {
	const response = await client.call<{ result?: RoomDetail }>(API.QueryMeetingRoom, {
		params: { roomId },
		qs: { unionId },
		subject: { userId: unionId, roomIds: [roomId] },
		itemIndex,
	});
	return response.result ?? { roomId };
}

/** The organization's room groups (QueryMeetingRoomGroupList; DingTalk does not page them). */
export async function listRoomGroups(
	client: DingTalkClient,
	unionId: string,
	itemIndex?: number,
): Promise<RoomGroup[]> {
	const response = await client.call<{ result?: RoomGroup[] }>(API.QueryMeetingRoomGroupList, {
		qs: { unionId },
		subject: { userId: unionId },
		itemIndex,
	});
	return (response.result ?? []).filter((group) => typeof group?.groupId === 'number');
}

/** One room group (QueryMeetingRoomGroup), as DingTalk answers it. */
export async function getRoomGroup(
	client: DingTalkClient,
	unionId: string,
	groupId: string,
	itemIndex?: number,
): Promise<IDataObject> {
	return await client.call<IDataObject>(API.QueryMeetingRoomGroup, {
		params: { groupId },
		qs: { unionId },
		subject: { userId: unionId, groupId },
		itemIndex,
	});
}
