import {
	readIdList,
	type IdListRules,
} from '../../../../nodes/DingTalkCalendar/helpers/input/idList';
import { itemContext } from '../itemContext';

const ROOMS: IdListRules = {
	noun: 'room ID',
	objectKey: 'roomId',
	max: { count: 5, problem: (given) => `${given} rooms given, but DingTalk books at most 5` },
	help: 'Give 1 to 5 room IDs.',
};

const readRooms = (value: unknown, rules: IdListRules = ROOMS) =>
	readIdList(itemContext({ roomIds: value }), 4, 'roomIds', 'Rooms', rules);

describe('readIdList: a list as a workflow may fill it', () => {
	it.each<[string, unknown]>([
		['the editor list', ['r1', 'r2']],
		['a comma-separated text', 'r1, r2'],
		['lines, semicolons and spaces', 'r1\nr2;  '],
		['a JSON list text', '["r1", "r2"]'],
		['Get Many output items', [{ roomId: 'r1' }, { roomId: 'r2', roomName: 'B' }]],
		['nested lists and empty entries', [['r1', ''], null, ' r2 ']],
	])('reads %s', (_, value) => {
		expect(readRooms(value)).toEqual(['r1', 'r2']);
	});

	it('keeps numbers as text and the first of duplicates', () => {
		expect(readRooms([12, 'r1', '12', 'r1'])).toEqual(['12', 'r1']);
	});

	it('splits names on the separator given only, keeping inner spaces', () => {
		expect(readRooms('Board room, West Lake', { ...ROOMS, separator: /,/ })).toEqual([
			'Board room',
			'West Lake',
		]);
	});

	it('names the item and the field in every problem, with the advice', () => {
		expect(() => readRooms([])).toThrow('Item 4, field "Rooms": no room ID given');
		expect(() => readRooms('["r1"')).toThrow('looks like a JSON list but is not valid JSON');
		expect(() => readRooms([true])).toThrow('boolean true is not a room ID');
		expect(() => readRooms('a b c d e f')).toThrow('6 rooms given, but DingTalk books at most 5');
		expect(() => readRooms([])).toThrow(
			expect.objectContaining({ description: 'Give 1 to 5 room IDs.' }),
		);
	});

	it('allows an empty list when told to, and checks each entry', () => {
		expect(readRooms('', { ...ROOMS, required: false })).toEqual([]);
		const digitsOnly = {
			...ROOMS,
			check: (id: string) => (/^\d+$/.test(id) ? undefined : `"${id}" is not a number`),
		};
		expect(() => readRooms('1, x', digitsOnly)).toThrow('"x" is not a number');
	});
});
