import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { roomLabel, roomPages } from '../helpers/roomDirectory';
import { groupPath, listRoomGroups } from '../helpers/roomGroups';
import { DingTalkClient } from '../transport/client';
import { requireCurrentUserId } from './currentUserId';

/** Most pages of 100 the pickers read: enough for any real directory, bounded for the editor. */
const MAX_PAGES = 20;

/** The organization's meeting rooms, by name, for the Rooms picker. The rooms API needs the operator's unionId. */
export async function getRooms(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const unionId = requireCurrentUserId(this);
	const options: INodePropertyOptions[] = [];
	let pages = 0;
	for await (const page of roomPages(new DingTalkClient(this), unionId)) {
		for (const room of page.rooms) options.push({ name: roomLabel(room), value: room.roomId });
		if (++pages >= MAX_PAGES) break;
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** The room groups, each shown with its parents ("Headquarters / HQ · 5F"), for the Groups lists. */
export async function getRoomGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const unionId = requireCurrentUserId(this);
	const groups = await listRoomGroups(new DingTalkClient(this), unionId);
	return groups
		.map((group) => ({ name: groupPath(groups, group.groupId), value: String(group.groupId) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The labels (equipment) the organization's rooms carry, by name, for the Labels lists. */
export async function getRoomLabels(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const unionId = requireCurrentUserId(this);
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
