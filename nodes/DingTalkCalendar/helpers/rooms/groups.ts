import type { DingTalkClient } from '../../../shared/transport/client';
import {
	listRoomGroups as listAllRoomGroups,
	type RoomGroup,
} from '../../../shared/transport/api/rooms';
import { cachedForRun } from '../run/runCache';

/** The organization's room groups (one call: DingTalk does not page them; read once per run). */
export async function listRoomGroups(
	client: DingTalkClient,
	unionId: string,
	itemIndex?: number,
): Promise<RoomGroup[]> {
	return await cachedForRun(client, `groups|${unionId}`, async () => {
		return await listAllRoomGroups(client, unionId, itemIndex);
	});
}

/** The given groups and every group below them, however deep. */
export function withSubGroups(groups: RoomGroup[], groupIds: number[]): Set<number> {
	const children = new Map<number, number[]>();
	for (const group of groups) {
		const parent = group.parentId ?? 0;
		children.set(parent, [...(children.get(parent) ?? []), group.groupId]);
	}
	const found = new Set<number>();
	const queue = [...groupIds];
	while (queue.length) {
		const id = queue.shift()!;
		if (found.has(id)) continue; // a cycle in bad data must not loop forever
		found.add(id);
		queue.push(...(children.get(id) ?? []));
	}
	return found;
}

/** A group's name with its parents, for people: "Headquarters / HQ · 5F". */
export function groupPath(groups: RoomGroup[], groupId: number): string {
	const byId = new Map(groups.map((group) => [group.groupId, group]));
	const names: string[] = [];
	const seen = new Set<number>();
	let current = byId.get(groupId);
	while (current && !seen.has(current.groupId)) {
		seen.add(current.groupId);
		names.unshift(current.groupName || String(current.groupId));
		current = current.parentId ? byId.get(current.parentId) : undefined;
	}
	return names.length ? names.join(' / ') : String(groupId);
}
