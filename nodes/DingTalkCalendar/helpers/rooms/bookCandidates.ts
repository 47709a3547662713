import type { DateTime } from 'luxon';
import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { inBatches } from '../../../shared/transport/api/batches';
import type { CalendarRef } from '../../../shared/transport/api/refs';
import type { RoomSummary } from '../../../shared/transport/api/rooms';
import { ROOMS_PER_SCHEDULE_QUERY } from '../../../shared/transport/api/schedules';
import type { DingTalkClient } from '../../../shared/transport/client';
import type { TimeWindow } from '../time/timeWindow';
import { firstBusyOccurrence, queryAvailability } from './availability';
import { bookRooms, isRoomTaken } from './booking';
import { getRoomDetail, isBookable, needsApproval } from './directory';
import { createEventToBookFor, type EventToBookFor } from './eventToBookFor';
import { passedOverRoom, type PassedOver, type PassedOverReason } from './passedOverReasons';

/** What the booking reads of the item's request. */
export interface BookingRequest {
	event: CalendarRef;
	roomCount: number;
	allowApprovalRooms: boolean;
	/** The event to create before the first booking, when the item books for a new one. */
	newEvent?: { summary: string };
}

/** What the booking has done so far, kept up to date so that a failure midway can be undone. */
export interface BookingProgress {
	/** The event the rooms go onto: the existing one, or the new one once it is created. */
	eventId?: string;
	eventCreated: boolean;
	booked: RoomSummary[];
	passedOver: PassedOver[];
}

/**
 * Walks the candidates five at a time until enough rooms are booked: one free/busy query per five,
 * then room by room its booking rules, the new event (created before the first booking) and the
 * booking itself. Every room it does not book goes to `passedOver` with the reason.
 */
export async function bookCandidates(
	context: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	request: BookingRequest,
	event: EventToBookFor,
	candidates: RoomSummary[],
	progress: BookingProgress,
): Promise<void> {
	const { userId, calendarId } = request.event;
	const { occurrences } = event;
	// Free/busy is read over every occurrence the window of one query holds (one for a single event).
	const queryWindow: TimeWindow = {
		start: occurrences[0].start,
		end: occurrences[occurrences.length - 1].end,
	};
	const enough = () => progress.booked.length >= request.roomCount;
	const passOver = (room: RoomSummary, reason: PassedOverReason, busyAt?: DateTime) =>
		progress.passedOver.push(passedOverRoom(room, reason, busyAt));

	for (const batch of inBatches(candidates, ROOMS_PER_SCHEDULE_QUERY)) {
		if (enough()) break;
		const availability = await queryAvailability(
			client,
			userId,
			batch.map((room) => room.roomId),
			queryWindow,
			itemIndex,
		);
		for (const [k, room] of batch.entries()) {
			if (enough()) break;
			if (availability[k].scheduleError) {
				passOver(room, 'availabilityUnknown');
				continue;
			}
			const taken = firstBusyOccurrence(availability[k], occurrences, progress.eventId);
			if (taken) {
				const first = taken.start.toMillis() === occurrences[0].start.toMillis();
				passOver(room, first ? 'busy' : 'busyInSeries', first ? undefined : taken.start);
				continue;
			}
			const detail = await getRoomDetail(client, userId, room.roomId, itemIndex);
			if (!isBookable(detail)) {
				passOver(room, 'closed');
				continue;
			}
			if (needsApproval(detail) && !request.allowApprovalRooms) {
				passOver(room, 'needsApproval');
				continue;
			}
			if (progress.eventId === undefined) {
				progress.eventId = await createEventToBookFor(
					context,
					client,
					request.event,
					request.newEvent!.summary,
					event.window,
					itemIndex,
				);
				progress.eventCreated = true;
			}
			try {
				const eventRef = { userId, calendarId, eventId: progress.eventId };
				if (await bookRooms(context, client, eventRef, [room.roomId], itemIndex))
					progress.booked.push(room);
				else passOver(room, 'refused');
			} catch (error) {
				if (!isRoomTaken(error)) throw new NodeApiError(context.getNode(), error as JsonObject);
				// Availability was read for the occurrences of one free/busy window; DingTalk checks the whole series.
				passOver(room, event.recurring ? 'busyInSeries' : 'takenMeanwhile');
			}
		}
	}
}
