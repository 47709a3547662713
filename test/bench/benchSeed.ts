import { cloneSeed } from '../../sandbox/seed';
import type { SandboxSeed } from '../../sandbox/model/types';

export interface BenchBooking {
	organizer: string;
	eventId: string;
	rooms: string[];
}

/** Most events a bench seed holds: the sandbox's control API takes bodies up to 1 MB. */
const MAX_EVENTS = 4000;

/**
 * The default seed plus up to 4,000 room-less events, one per hour from 2032 on, spread over the seed's
 * users, and `count` bookings: booking i puts room i mod 11 onto event i mod 4,000. No two bookings
 * conflict, so every call succeeds unless a fault or the quota says otherwise; past 4,000 items a
 * booking re-adds the room its event already holds, which DingTalk answers like a first booking.
 */
export function benchSeed(count: number): { seed: SandboxSeed; bookings: BenchBooking[] } {
	const seed = cloneSeed();
	const rooms = seed.rooms
		.filter((room) => room.open && !room.needsApproval)
		.map((room) => room.roomId);
	const bookings: BenchBooking[] = [];
	const base = Date.UTC(2032, 0, 1);
	for (let i = 0; i < count; i++) {
		if (i >= MAX_EVENTS) {
			bookings.push(bookings[i % MAX_EVENTS]);
			continue;
		}
		const organizer = seed.users[i % seed.users.length].unionId;
		const eventId = `YmVuY2gtZXZlbnQt${i.toString(16).padStart(6, '0')}`;
		seed.events.push({
			eventId,
			organizerUnionId: organizer,
			summary: `Bench meeting ${i}`,
			start: new Date(base + i * 3600_000).toISOString(),
			end: new Date(base + i * 3600_000 + 1800_000).toISOString(),
			roomIds: [],
		});
		bookings.push({ organizer, eventId, rooms: [rooms[i % rooms.length]] });
	}
	return { seed, bookings };
}
