import type { RoomSummary } from '../../../shared/transport/api/rooms';
import { describeWindow, type TimeWindow } from '../time/timeWindow';
import type { Candidates } from './candidates';
import { describeCriteria } from './criteria';
import { describePassedOver, type PassedOver } from './passedOverReasons';

/** What Find and Book knows when fewer rooms than asked for are free. */
export interface Shortfall {
	roomCount: number;
	/** The rooms it had booked before it gave up (released again). */
	booked: RoomSummary[];
	candidates: Pick<Candidates, 'criteria' | 'directorySize' | 'matchingCount'>;
	window: TimeWindow;
	passedOver: PassedOver[];
	/** What could not be undone, in words. */
	undoProblems: string[];
}

/**
 * Why too few rooms are free, in words: the reason (the item's error message, or its `reason` output)
 * and the details (the error's description): each room looked at and passed over, what was released
 * again, what could not be undone, and what to try.
 */
export function describeShortfall(
	shortfall: Shortfall,
	zone: string,
): { reason: string; details: string } {
	const { roomCount, booked, candidates, passedOver } = shortfall;
	const wanted =
		roomCount === 1 ? 'No free room' : `Only ${booked.length} of ${roomCount} rooms free`;
	const criteriaText = describeCriteria(candidates.criteria);
	const reason = `${wanted}${criteriaText ? ` ${criteriaText}` : ''} ${describeWindow(shortfall.window, zone)}`;
	const checked = passedOver.filter((room) => room.reason !== 'doesNotMatchCriteria');
	const details = [
		`${candidates.matchingCount} of ${candidates.directorySize} rooms in the directory meet the criteria${checked.length ? ':' : '.'}`,
		...checked.map((room) => describePassedOver(room, zone)),
		booked.length
			? `Released again: ${booked.map((room) => room.roomName ?? room.roomId).join(', ')}.`
			: '',
		...shortfall.undoProblems,
		'Try another time, fewer criteria, or more rooms to choose from.',
	]
		.filter(Boolean)
		.join(' ');
	return { reason, details };
}
