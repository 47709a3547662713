import type { RoomSummary } from '../../../../nodes/shared/transport/api/rooms';
import { rankRooms } from '../../../../nodes/DingTalkCalendar/helpers/rooms/ranking';

const room = (roomId: string, roomCapacity?: number): RoomSummary => ({ roomId, roomCapacity });
const ids = (rooms: RoomSummary[]) => rooms.map((r) => r.roomId);

describe('rankRooms: best candidate first', () => {
	const rooms = [room('big', 20), room('small', 4), room('mid', 8), room('alsoSmall', 4)];

	it('the smallest rooms that fit, ties in directory order', () => {
		expect(ids(rankRooms(rooms, []))).toEqual(['small', 'alsoSmall', 'mid', 'big']);
	});

	it('the preferred rooms first, in the order given, whatever their size', () => {
		expect(ids(rankRooms(rooms, ['big', 'mid']))).toEqual(['big', 'mid', 'small', 'alsoSmall']);
	});

	it('ignores preferred rooms that are not candidates, and leaves its input as it was', () => {
		const input = [...rooms];
		expect(ids(rankRooms(input, ['gone', 'mid']))).toEqual(['mid', 'small', 'alsoSmall', 'big']);
		expect(input).toEqual(rooms);
	});

	it('counts a room of unknown size as the smallest', () => {
		expect(ids(rankRooms([room('small', 4), room('unknown')], []))).toEqual(['unknown', 'small']);
	});
});
