import type { DingTalkClient } from '../../../shared/transport/client';
import {
	getRoom,
	roomPages,
	type RoomDetail,
	type RoomSummary,
} from '../../../shared/transport/api/rooms';
import { cachedForRun, loadedForRun } from '../run/runCache';

/** Every room of the organization, in DingTalk's order (read once per run). */
export async function listAllRooms(
	client: DingTalkClient,
	unionId: string,
	itemIndex?: number,
): Promise<RoomSummary[]> {
	return await cachedForRun(client, `rooms|${unionId}`, async () => {
		const rooms: RoomSummary[] = [];
		for await (const page of roomPages(client, unionId, { itemIndex })) rooms.push(...page.rooms);
		return rooms;
	});
}

/** Room names by ID, from the directory and room details this run already read (no call). */
export function knownRoomNames(client: DingTalkClient): Record<string, string | undefined> {
	const names: Record<string, string | undefined> = {};
	for (const rooms of loadedForRun(client, 'rooms|') as RoomSummary[][]) {
		for (const room of rooms) if (room.roomName) names[room.roomId] = room.roomName;
	}
	for (const room of loadedForRun(client, 'room|') as RoomSummary[])
		if (room.roomName) names[room.roomId] = room.roomName;
	return names;
}

/** One room's detail, read once per run (the candidates of many items are often the same rooms). */
export async function getRoomDetail(
	client: DingTalkClient,
	unionId: string,
	roomId: string,
	itemIndex?: number,
): Promise<RoomDetail> {
	return await cachedForRun(
		client,
		`room|${unionId}|${roomId}`,
		async () => await getRoom(client, unionId, roomId, itemIndex),
	);
}

/** Whether DingTalk takes bookings for the room: open for reservation, and not reserved to admins. */
export function isBookable(detail: RoomDetail): boolean {
	return detail.extensionConfig?.openReservation !== false && detail.roomStatus !== 1;
}

/** Whether bookings of the room wait for an approver (they come back `tentative`). */
export function needsApproval(detail: RoomDetail): boolean {
	return detail.extensionConfig?.approvalSwitch === true;
}

/** A room as pickers and messages show it: "西湖 West Lake (8 seats, HQ · 5F)". */
export function roomLabel(room: RoomSummary, options: { closed?: boolean } = {}): string {
	const details = [
		room.roomCapacity !== undefined ? `${room.roomCapacity} seats` : undefined,
		room.roomGroup?.groupName,
		// Visible in the list, but DingTalk books it only for admins (isBookable says no).
		room.roomStatus === 1 ? 'admins only' : undefined,
		options.closed ? 'closed for booking' : undefined,
	].filter(Boolean);
	const name = room.roomName || room.roomId;
	return details.length ? `${name} (${details.join(', ')})` : name;
}

/** Rooms whose booking rules are read side by side when looking for closed rooms. */
const DETAILS_AT_ONCE = 10;

/**
 * Which of the rooms are closed for booking, with DingTalk's reason (possibly empty). Only a room's
 * detail tells (QueryMeetingRoom, one call per room; the directory list does not say): a room whose
 * detail cannot be read counts as open.
 */
export async function closedRooms(
	client: DingTalkClient,
	unionId: string,
	rooms: RoomSummary[],
): Promise<Map<string, string>> {
	const closed = new Map<string, string>();
	for (let start = 0; start < rooms.length; start += DETAILS_AT_ONCE) {
		const chunk = rooms.slice(start, start + DETAILS_AT_ONCE);
		const details = await Promise.all(
			chunk.map(async (room) => await getRoom(client, unionId, room.roomId).catch(() => undefined)),
		);
		for (const detail of details) {
			if (detail && detail.extensionConfig?.openReservation === false) {
				closed.set(detail.roomId, detail.extensionConfig.reservationCloseDetail?.closeReason ?? '');
			}
		}
	}
	return closed;
}
