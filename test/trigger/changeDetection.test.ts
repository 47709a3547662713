import {
	classifyChanges,
	diffRooms,
	findStarting,
} from '../../nodes/DingTalkCalendarTrigger/changeDetection';

const room = (roomId: string, responseStatus: string, displayName = roomId) => ({
	roomId,
	responseStatus,
	displayName,
});

describe('change detection (pure)', () => {
	it('Room Booking Changed compares statuses even when DingTalk did not list the event as changed', () => {
		const event = {
			id: 'e1',
			summary: 'x',
			meetingRooms: [room('r1', 'declined')],
			updateTime: '2026-01-01T00:00:00Z',
		};
		const { items, rooms } = diffRooms([event], { e1: [['r1', 'tentative', 'r1']] }, () => false);
		expect(items.map((i) => i.room)).toEqual([
			{ roomId: 'r1', roomName: 'r1', previousStatus: 'tentative', status: 'declined' },
		]);
		expect(rooms).toEqual({ e1: [['r1', 'declined', 'r1']] });
	});

	it('an old event that only came into the horizon is recorded silently; a new one counts; rooms added later show', () => {
		const event = { id: 'e2', meetingRooms: [room('r1', 'accepted')] };
		expect(diffRooms([event], {}, () => false).items).toEqual([]);
		expect(diffRooms([event], {}, () => true).items).toHaveLength(1);
		expect(diffRooms([event], undefined, () => true).items).toEqual([]);
		const bare = diffRooms([{ id: 'e3', meetingRooms: [] }], {}, () => false);
		expect(bare.rooms).toEqual({ e3: [] });
		expect(
			diffRooms(
				[{ id: 'e3', meetingRooms: [room('r2', 'tentative')] }],
				bare.rooms,
				() => false,
			).items.map((i) => i.room?.status),
		).toEqual(['tentative']);
	});

	it('created vs updated by the watermark, whole seconds included', () => {
		const watermark = { ms: Date.parse('2026-01-01T10:00:00Z'), ids: ['seen'] };
		const now = Date.parse('2026-01-01T10:05:00Z');
		const at = (id: string, createTime: string, status = 'confirmed') => ({
			id,
			createTime,
			updateTime: createTime,
			status,
		});
		const { items, watermark: next } = classifyChanges(
			[
				at('seen', '2026-01-01T10:00:00Z'),
				at('sameSecond', '2026-01-01T10:00:00Z'),
				at('later', '2026-01-01T10:01:00Z'),
				at('old', '2025-12-01T10:00:00Z'),
				at('gone', '2026-01-01T10:02:00Z', 'cancelled'),
				at('future', '2029-12-01T01:00:00Z'),
			],
			watermark,
			now,
		);
		expect(items.map((i) => `${String(i.event.id)}:${i.change}`)).toEqual([
			'seen:updated',
			'sameSecond:created',
			'later:created',
			'old:updated',
			'gone:cancelled',
			'future:updated',
		]);
		expect(next).toEqual({ ms: Date.parse('2026-01-01T10:02:00Z'), ids: ['gone'] });
	});

	it('Event Starting reports a start once and keeps only the keys still needed', () => {
		const start = Date.parse('2026-01-01T10:05:00Z');
		const event = { id: 'e', start: { dateTime: '2026-01-01T10:05:00Z' } };
		const range = { from: start - 600_000, to: start + 60_000, keepFrom: start - 60_000 };
		const first = findStarting([event], range, [], 'UTC');
		expect(first.items).toHaveLength(1);
		expect(findStarting([event], range, first.sent, 'UTC').items).toEqual([]);
		expect(
			findStarting([event], { ...range, keepFrom: start + 1 }, first.sent, 'UTC').sent,
		).toEqual([]);
		const allDay = { id: 'd', start: { date: '2026-01-02' } };
		const midnight = Date.parse('2026-01-01T16:00:00Z'); // 00:00 in Asia/Shanghai
		expect(
			findStarting([allDay], { from: midnight, to: midnight, keepFrom: 0 }, [], 'Asia/Shanghai')
				.items,
		).toHaveLength(1);
	});
});
