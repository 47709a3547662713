import {
	describeCriteria,
	matchesCriteria,
	type RoomCriteria,
} from '../../../../nodes/DingTalkCalendar/helpers/rooms/criteria';
import type { RoomSummary } from '../../../../nodes/shared/transport/api/rooms';

const ANY: RoomCriteria = { minCapacity: 0, labels: [], nameContains: '' };

const boardroom: RoomSummary = {
	roomId: 'r1',
	roomName: 'Boardroom 董事会议室',
	roomCapacity: 12,
	roomLabels: [
		{ labelId: 7, labelName: 'Projector' },
		{ labelId: 8, labelName: 'Video Conference' },
	],
	roomGroup: { groupId: 3, groupName: 'HQ · 5F' },
};

describe('matchesCriteria', () => {
	it('takes any room without criteria', () => {
		expect(matchesCriteria({ roomId: 'bare' }, ANY)).toBe(true);
	});

	it('seats: at least the number asked for', () => {
		expect(matchesCriteria(boardroom, { ...ANY, minCapacity: 12 })).toBe(true);
		expect(matchesCriteria(boardroom, { ...ANY, minCapacity: 13 })).toBe(false);
		expect(matchesCriteria({ roomId: 'unknown seats' }, { ...ANY, minCapacity: 1 })).toBe(false);
	});

	it('group: one of the groups given', () => {
		expect(matchesCriteria(boardroom, { ...ANY, groupIds: new Set([1, 3]) })).toBe(true);
		expect(matchesCriteria(boardroom, { ...ANY, groupIds: new Set([1]) })).toBe(false);
	});

	it('labels: every one, by name in any case or by ID', () => {
		expect(matchesCriteria(boardroom, { ...ANY, labels: ['projector', '8'] })).toBe(true);
		expect(matchesCriteria(boardroom, { ...ANY, labels: ['Projector', 'Whiteboard'] })).toBe(false);
	});

	it('name: a part of it, in any case, trimmed', () => {
		expect(matchesCriteria(boardroom, { ...ANY, nameContains: ' BOARD ' })).toBe(true);
		expect(matchesCriteria(boardroom, { ...ANY, nameContains: '董事' })).toBe(true);
		expect(matchesCriteria(boardroom, { ...ANY, nameContains: 'lab' })).toBe(false);
	});
});

describe('describeCriteria', () => {
	it('says every criterion, in order', () => {
		expect(
			describeCriteria({
				minCapacity: 10,
				groupNames: ['HQ · 5F'],
				labels: ['Projector', 'Whiteboard'],
				nameContains: ' board ',
			}),
		).toBe(
			'with capacity ≥ 10 in group HQ · 5F (or its sub-groups) with Projector and Whiteboard named like "board"',
		);
	});

	it('speaks of several groups in the plural, and says nothing without criteria', () => {
		expect(describeCriteria({ ...ANY, groupNames: ['A', 'B'] })).toBe(
			'in groups A, B (or their sub-groups)',
		);
		expect(describeCriteria(ANY)).toBe('');
	});
});
