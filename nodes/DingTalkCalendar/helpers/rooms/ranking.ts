import type { RoomSummary } from '../../../shared/transport/api/rooms';

/**
 * Orders candidate rooms best first: the preferred rooms in the order given, then the smallest rooms
 * that fit (big rooms stay free for big meetings), then DingTalk's directory order.
 */
export function rankRooms(rooms: RoomSummary[], preferredRoomIds: string[]): RoomSummary[] {
	const preference = new Map(preferredRoomIds.map((roomId, position) => [roomId, position]));
	const rankOf = (room: RoomSummary) => preference.get(room.roomId) ?? preferredRoomIds.length;
	return rooms
		.map((room, position) => ({ room, position }))
		.sort(
			(a, b) =>
				rankOf(a.room) - rankOf(b.room) ||
				(a.room.roomCapacity ?? 0) - (b.room.roomCapacity ?? 0) ||
				a.position - b.position,
		)
		.map(({ room }) => room);
}
