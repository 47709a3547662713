import {
	readWholeNumber,
	type WholeNumberField,
} from '../../../../nodes/DingTalkCalendar/helpers/input/wholeNumber';
import { itemContext } from '../itemContext';

const rooms: WholeNumberField = {
	fallback: 1,
	min: 1,
	max: 5,
	expected: 'a whole number from 1 to 5',
	description: 'DingTalk books at most 5 rooms per event.',
};
const seats: WholeNumberField = {
	fallback: 0,
	whenEmpty: 0,
	min: 0,
	expected: 'a whole number of seats',
	description: 'Give a number such as 8, or 0 for any size.',
};

/** `undefined`: the parameter is not set. */
const read = (value: unknown, spec: WholeNumberField) =>
	readWholeNumber(
		itemContext(value === undefined ? {} : { roomCount: value }),
		2,
		'roomCount',
		'Number of Rooms',
		spec,
	);

describe('readWholeNumber', () => {
	it('takes numbers and text that holds one, and the fallback when the parameter is not set', () => {
		expect(read(3, rooms)).toBe(3);
		expect(read(' 4 ', rooms)).toBe(4);
		expect(read(undefined, rooms)).toBe(1);
	});

	it('names the item, the field and the value when it is no whole number in range', () => {
		expect(() => read(0, rooms)).toThrow(
			'Item 2, field "Number of Rooms": number 0 is not a whole number from 1 to 5',
		);
		expect(() => read(6, rooms)).toThrow('number 6 is not a whole number from 1 to 5');
		expect(() => read(1.5, rooms)).toThrow('number 1.5 is not');
		expect(() => read('two', rooms)).toThrow('string "two" is not');
		expect(() => read('', rooms)).toThrow('string "" is not');
		expect(() => read(null, rooms)).toThrow('null is not');
	});

	it('reads an empty field as whenEmpty when it has one', () => {
		expect(read('', seats)).toBe(0);
		expect(read(null, seats)).toBe(0);
		expect(read('12', seats)).toBe(12);
		expect(() => read(-2, seats)).toThrow('number -2 is not a whole number of seats');
	});
});
