import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import type { RoomSummary } from '../../../shared/transport/api/rooms';
import { toFilterTime } from '../time/dingTalkTimes';
import { describeTime } from '../time/timeWindow';

/** Why Find and Book did not book a room that met the criteria (or was preferred). */
export type PassedOverReason =
	| 'busy'
	| 'availabilityUnknown'
	| 'closed'
	| 'needsApproval'
	| 'takenMeanwhile'
	| 'busyInSeries'
	| 'refused'
	| 'doesNotMatchCriteria';

/** One entry of Find and Book's `passedOver` output. */
export interface PassedOver extends IDataObject {
	roomId: string;
	roomName: string | null;
	reason: PassedOverReason;
	/** busyInSeries: the start (UTC) of the first occurrence at which the room is taken, when known. */
	busyAt?: string;
}

/** Each reason in the words of the message when too few rooms are free. */
const REASON_WORDS: Record<PassedOverReason, string> = {
	busy: 'busy',
	availabilityUnknown: 'availability unknown',
	closed: 'closed for booking',
	needsApproval: 'needs approval (allow it under Room Criteria)',
	takenMeanwhile: 'taken by another booking meanwhile',
	busyInSeries: 'busy at another occurrence of the recurring event',
	refused: 'refused by DingTalk (result: false)',
	doesNotMatchCriteria: 'preferred but not matching the criteria',
};

/** The entry for a room passed over; `busyAt` says when it is taken (busyInSeries). */
export function passedOverRoom(
	room: RoomSummary,
	reason: PassedOverReason,
	busyAt?: DateTime,
): PassedOver {
	return {
		roomId: room.roomId,
		roomName: room.roomName ?? null,
		reason,
		...(busyAt ? { busyAt: toFilterTime(busyAt) } : {}),
	};
}

/** One room in words: "West Lake busy at another occurrence … (taken at the occurrence of …);". */
export function describePassedOver(room: PassedOver, zone: string): string {
	const takenAt = room.busyAt
		? ` (taken at the occurrence of ${describeTime(DateTime.fromISO(room.busyAt), zone)})`
		: '';
	return `${room.roomName ?? room.roomId} ${REASON_WORDS[room.reason]}${takenAt};`;
}
