import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { roomPages } from '../helpers/roomDirectory';
import { groupPath, listRoomGroups } from '../helpers/roomGroups';
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
		throw new NodeOperationError(this.getNode(), 'Fill in the user ID field (a unionId) first: DingTalk lists rooms on behalf of a user');
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

function requireOperator(context: ILoadOptionsFunctions): string {
	const unionId = currentUserId(context);
	if (!unionId) {
		throw new NodeOperationError(context.getNode(), 'Set the User ID first: DingTalk lists rooms for a member of the organization');
	}
	return unionId;
}

/** The room groups, each shown with its parents ("Headquarters / HQ · 5F"), for the Groups lists. */
export async function getRoomGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const unionId = requireOperator(this);
	const groups = await listRoomGroups(new DingTalkClient(this), unionId);
	return groups
		.map((group) => ({ name: groupPath(groups, group.groupId), value: String(group.groupId) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The labels (equipment) the organization's rooms carry, by name, for the Labels lists. */
export async function getRoomLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const unionId = requireOperator(this);
	const names = new Set<string>();
	let pages = 0;
	for await (const page of roomPages(new DingTalkClient(this), unionId)) {
		for (const room of page.rooms) {
			for (const label of room.roomLabels ?? []) if (label.labelName) names.add(label.labelName);
		}
		if (++pages >= MAX_PAGES) break;
	}
	return [...names].sort((a, b) => a.localeCompare(b)).map((name) => ({ name, value: name }));
}
