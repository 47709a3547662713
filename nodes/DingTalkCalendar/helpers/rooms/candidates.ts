import type { IExecuteFunctions } from 'n8n-workflow';

import type { RoomSummary } from '../../../shared/transport/api/rooms';
import type { DingTalkClient } from '../../../shared/transport/client';
import { invalidField } from '../input/validation';
import { matchesCriteria, type RoomCriteria } from './criteria';
import { resolveRoomCriteria, type CriteriaInput } from './criteriaInput';
import { listAllRooms } from './directory';
import { passedOverRoom, type PassedOver } from './passedOverReasons';
import { rankRooms } from './ranking';

/** What Find and Book asks of the rooms it may book. */
export interface CandidateQuery {
	criteria: CriteriaInput;
	/** Rooms to try first, in this order, if they meet the criteria. */
	preferredRoomIds: string[];
	/** Rooms the event already holds: no candidates. */
	roomsOnEvent: Set<string>;
}

/** The rooms Find and Book tries, and the counts its message gives when too few are free. */
export interface Candidates {
	criteria: RoomCriteria;
	directorySize: number;
	/** How many rooms of the directory meet the criteria (the event's own rooms left out). */
	matchingCount: number;
	/** Best first: the preferred rooms in the order given, then the smallest that fit. */
	ranked: RoomSummary[];
	/** Preferred rooms that do not meet the criteria, so are not tried. */
	passedOver: PassedOver[];
}

/**
 * The candidates: the criteria resolved (groups looked up only when given), the directory listed
 * (once per run), and the rooms that meet the criteria and are not on the event yet, ranked. A
 * preferred room the directory does not hold is an error naming the field.
 */
export async function findCandidates(
	context: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	userId: string,
	query: CandidateQuery,
): Promise<Candidates> {
	const { preferredRoomIds, roomsOnEvent } = query;
	const criteria = await resolveRoomCriteria(context, itemIndex, client, userId, query.criteria);
	const directory = await listAllRooms(client, userId, itemIndex);
	const byId = new Map(directory.map((room) => [room.roomId, room]));
	const unknown = preferredRoomIds.filter((roomId) => !byId.has(roomId));
	if (unknown.length) {
		throw invalidField(
			context,
			itemIndex,
			'Preferred Rooms',
			`room ${unknown.join(', ')} does not exist in this organization`,
			'Pick rooms from the list, or copy room IDs from Meeting Room > Get Many.',
		);
	}
	const matching = directory.filter(
		(room) => !roomsOnEvent.has(room.roomId) && matchesCriteria(room, criteria),
	);
	const passedOver = preferredRoomIds
		.filter(
			(roomId) => !roomsOnEvent.has(roomId) && !matching.some((room) => room.roomId === roomId),
		)
		.map((roomId) => passedOverRoom(byId.get(roomId) ?? { roomId }, 'doesNotMatchCriteria'));
	return {
		criteria,
		directorySize: directory.length,
		matchingCount: matching.length,
		ranked: rankRooms(matching, preferredRoomIds),
		passedOver,
	};
}
