import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { closedRooms, roomLabel } from '../helpers/rooms/directory';
import { roomPages, type RoomSummary } from '../../shared/transport/api/rooms';
import { groupPath, listRoomGroups } from '../helpers/rooms/groups';
import { DingTalkClient } from '../../shared/transport/client';
import { requireCurrentUserId } from './currentUserId';

/** Most pages of 100 the pickers read: enough for any real directory, bounded for the editor. */
const MAX_PAGES = 20;

/**
 * Up to this many rooms, the Rooms picker reads each room's detail to mark closed rooms: one call per
 * room, about 2.5 s at DingTalk's standard 20 calls per second. Larger directories are listed unmarked,
 * as DingTalk's list does not say which rooms are closed.
 */
const MAX_ROOMS_CHECKED_FOR_CLOSED = 50;

/**
 * The organization's meeting rooms, by name, for the Rooms picker. The rooms API needs the operator's
 * unionId. Closed rooms stay in the list (a user looking for one learns why it is not bookable), marked
 * "closed for booking" with DingTalk's reason, for directories of up to MAX_ROOMS_CHECKED_FOR_CLOSED rooms.
 */
export async function getRooms(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const unionId = requireCurrentUserId(this);
	const client = new DingTalkClient(this);
	const rooms: RoomSummary[] = [];
	let pages = 0;
	for await (const page of roomPages(client, unionId)) {
		rooms.push(...page.rooms);
		if (++pages >= MAX_PAGES) break;
	}
	const closed =
		rooms.length <= MAX_ROOMS_CHECKED_FOR_CLOSED
			? await closedRooms(client, unionId, rooms)
			: new Map<string, string>();
	const options: INodePropertyOptions[] = rooms.map((room) => {
		const reason = closed.get(room.roomId);
		const option: INodePropertyOptions = {
			name: roomLabel(room, { closed: reason !== undefined }),
			value: room.roomId,
		};
		if (reason !== undefined)
			option.description = `Closed for booking${reason ? `: ${reason}` : ''}`;
		return option;
	});
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
