import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { CalendarRef } from '../../../shared/transport/api/refs';
import type { DingTalkClient } from '../../../shared/transport/client';
import type { TimeWindow } from '../time/timeWindow';
import { bookCandidates, type BookingProgress } from './bookCandidates';
import { readStatusesAfterBooking } from './bookingStatus';
import { findCandidates } from './candidates';
import type { CriteriaInput } from './criteriaInput';
import { newEventToBookFor, readEventToBookFor } from './eventToBookFor';
import type { PassedOver } from './passedOverReasons';
import { describeShortfall } from './shortfall';
import { undoBooking } from './undoBooking';

/** What the item asked for, read and checked before any request. */
export interface FindAndBookRequest {
	event: CalendarRef;
	/** The event to book for; without it, `newEvent` is created once a bookable room is found. */
	existingEventId?: string;
	newEvent?: { summary: string; window: TimeWindow };
	roomCount: number;
	preferredRoomIds: string[];
	allowApprovalRooms: boolean;
	criteria: CriteriaInput;
}

/** A room booked, with DingTalk's answer as the event reports it. */
export interface BookedRoom extends IDataObject {
	roomId: string;
	roomName: string | null;
	roomCapacity: number | null;
	/** `accepted`, `tentative` (waiting for an approver) or `declined`; null when not read back. */
	responseStatus: string | null;
}

/** What either outcome tells: the event's title and time, and the rooms passed over and why. */
interface OutcomeBase {
	summary: string | null;
	window: TimeWindow;
	passedOver: PassedOver[];
}

export interface RoomsBooked extends OutcomeBase {
	found: true;
	eventId: string;
	eventCreated: boolean;
	rooms: BookedRoom[];
	/** Set when reading the event back failed: the rooms are booked, their statuses unknown. */
	readError?: string;
}

export interface NoRoomsBooked extends OutcomeBase {
	found: false;
	/** The existing event (without the rooms); null for a new event, deleted again or never created. */
	eventId: string | null;
	/** Why, in a sentence, and the details: each room passed over, what could not be undone. */
	reason: string;
	details: string;
}

/**
 * Finds free rooms that fit and books them: lists the directory, keeps the rooms that meet the
 * criteria, ranks them (preferred rooms first, then the smallest that fit), checks their availability
 * five at a time, skips rooms closed for booking (and rooms that need approval unless allowed), and
 * books one room at a time, so that a room another booking took in the meantime
 * (`meetingRoomNotAvailable`) only moves it on to the next candidate. For a new event the event is
 * created once a bookable room was found. All or none: when fewer rooms than asked for can be booked,
 * the rooms it booked are released again (and a created event deleted). Finally it reads the event
 * back for each room's status.
 */
export async function findAndBook(
	context: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	request: FindAndBookRequest,
): Promise<RoomsBooked | NoRoomsBooked> {
	const { userId, calendarId } = request.event;
	// An existing event tells its own time, and may already hold rooms.
	const event =
		request.existingEventId === undefined
			? newEventToBookFor(request.newEvent!)
			: await readEventToBookFor(
					context,
					client,
					{ userId, calendarId, eventId: request.existingEventId },
					request.roomCount,
					itemIndex,
				);
	const candidates = await findCandidates(context, itemIndex, client, userId, {
		criteria: request.criteria,
		preferredRoomIds: request.preferredRoomIds,
		roomsOnEvent: event.roomsOnEvent,
	});
	const progress: BookingProgress = {
		eventId: request.existingEventId,
		eventCreated: false,
		booked: [],
		passedOver: candidates.passedOver,
	};
	const undo = async () =>
		await undoBooking(
			client,
			{ userId, calendarId, eventId: progress.eventId },
			progress.booked,
			progress.eventCreated,
			itemIndex,
		);
	try {
		await bookCandidates(context, itemIndex, client, request, event, candidates.ranked, progress);
	} catch (error) {
		// Leave nothing half-done behind, and say so if that failed too.
		const problems = await undo();
		if (problems.length)
			error.description = [error.description, ...problems].filter(Boolean).join(' ');
		// Both constructors hand back the very error when it already is of their class.
		if (error instanceof NodeApiError)
			throw new NodeApiError(context.getNode(), error as unknown as JsonObject);
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}

	const { eventId, eventCreated, booked, passedOver } = progress;
	const base: OutcomeBase = { summary: event.summary, window: event.window, passedOver };
	if (booked.length < request.roomCount) {
		const undoProblems = await undo();
		const { reason, details } = describeShortfall(
			{
				roomCount: request.roomCount,
				booked,
				candidates,
				window: event.window,
				passedOver,
				undoProblems,
			},
			context.getTimezone(),
		);
		return {
			found: false,
			eventId: eventCreated ? null : (eventId ?? null),
			reason,
			details,
			...base,
		};
	}

	// Read back: what did DingTalk make of each booking?
	const ref = { userId, calendarId, eventId: eventId! };
	const { rooms: statuses, readError } = await readStatusesAfterBooking(
		client,
		ref,
		booked.map((room) => room.roomId),
		itemIndex,
	);
	const rooms = statuses.map((status, k) => ({
		roomId: status.roomId,
		roomName: booked[k].roomName ?? status.roomName,
		roomCapacity: booked[k].roomCapacity ?? null,
		responseStatus: status.responseStatus,
	}));
	return { found: true, eventId: ref.eventId, eventCreated, rooms, readError, ...base };
}
