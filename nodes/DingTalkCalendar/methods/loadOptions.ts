import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DingTalkClient } from '../transport/client';
import { API } from '../transport/paths';
import { currentUserId } from './currentUserId';

interface RoomListPage {
	result?: Array<{ roomId?: string; roomName?: string; roomCapacity?: number; roomGroup?: { groupName?: string } }>;
	hasMore?: boolean;
	nextToken?: number;
}

/** Most rooms the picker lists (pages of 100): enough for any real directory, bounded for the editor. */
const MAX_PAGES = 20;

/** The organization's meeting rooms, for the Rooms picker. The rooms API needs the operator's unionId. */
export async function getRooms(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const unionId = currentUserId(this);
	if (!unionId) {
		throw new NodeOperationError(this.getNode(), 'Set Organizer User ID first: DingTalk lists rooms for a user');
	}
	const client = new DingTalkClient(this);
	const options: INodePropertyOptions[] = [];
	let nextToken: number | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const response = await client.call<RoomListPage>(API.QueryMeetingRoomList, {
			qs: { unionId, maxResults: 100, ...(nextToken !== undefined ? { nextToken } : {}) },
			subject: { userId: unionId },
		});
		for (const room of response.result ?? []) {
			if (!room.roomId) continue;
			const details = [
				room.roomCapacity !== undefined ? `${room.roomCapacity} seats` : undefined,
				room.roomGroup?.groupName,
			].filter(Boolean);
			options.push({
				name: details.length ? `${room.roomName ?? room.roomId} (${details.join(', ')})` : (room.roomName ?? room.roomId),
				value: room.roomId,
			});
		}
		if (!response.hasMore || response.nextToken === undefined) break;
		nextToken = response.nextToken;
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
