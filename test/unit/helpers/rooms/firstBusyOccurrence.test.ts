import { DateTime } from 'luxon';

import {
	firstBusyOccurrence,
	type BusySlot,
	type RoomAvailability,
} from '../../../../nodes/DingTalkCalendar/helpers/rooms/availability';
import type { TimeWindow } from '../../../../nodes/DingTalkCalendar/helpers/time/timeWindow';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
/** A weekly 10:00–11:00 series, three occurrences. */
const occurrences: TimeWindow[] = ['2025-03-03', '2025-03-10', '2025-03-17'].map((day) => ({
	start: at(`${day}T10:00:00Z`),
	end: at(`${day}T11:00:00Z`),
}));

function room(...slots: Array<Partial<BusySlot>>): RoomAvailability {
	return {
		roomId: 'r1',
		busySlots: slots.map((slot) => ({
			eventId: 'other',
			organizerId: null,
			status: 'BUSY',
			start: null,
			end: null,
			...slot,
		})),
	};
}

describe('firstBusyOccurrence', () => {
	it('is undefined when the room is free at every occurrence', () => {
		expect(firstBusyOccurrence(room(), occurrences)).toBeUndefined();
		const between = room({ start: '2025-03-10T11:00:00.000Z', end: '2025-03-10T12:00:00.000Z' });
		expect(firstBusyOccurrence(between, occurrences)).toBeUndefined();
	});

	it('finds the first occurrence a booking overlaps', () => {
		const busy = room({ start: '2025-03-17T10:30:00.000Z', end: '2025-03-17T12:00:00.000Z' });
		expect(firstBusyOccurrence(busy, occurrences)).toBe(occurrences[2]);
	});

	it("leaves out the event's own booking", () => {
		const own = room({
			eventId: 'E1',
			start: '2025-03-03T10:00:00.000Z',
			end: '2025-03-03T11:00:00.000Z',
		});
		expect(firstBusyOccurrence(own, occurrences, 'E1')).toBeUndefined();
		expect(firstBusyOccurrence(own, occurrences)).toBe(occurrences[0]);
	});

	it('counts a booking without a readable start or end as overlapping every occurrence', () => {
		expect(firstBusyOccurrence(room({ start: 'soon' }), occurrences)).toBe(occurrences[0]);
		expect(firstBusyOccurrence(room({}), occurrences)).toBe(occurrences[0]);
	});
});
