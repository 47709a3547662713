import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	addAttendees,
	MAX_ATTENDEES_PER_CALL,
	type AttendeeNotification,
	type AttendeeToAdd,
} from '../../../shared/transport/api/attendees';
import { createEvent, deleteEvent } from '../../../shared/transport/api/events';
import type { CalendarRef, EventRef } from '../../../shared/transport/api/refs';
import type { DingTalkClient } from '../../../shared/transport/client';
import { bookRooms } from '../rooms/booking';
import { readRoomStatuses } from '../rooms/bookingStatus';

/** What to do when the event was created but a step after it failed (If a Step After Creation Fails). */
export type FollowUpFailure = 'keepEvent' | 'deleteEvent';

/** A new event and the steps after its creation, every part checked before the first request. */
export interface NewEvent {
	calendar: CalendarRef;
	/** CreateEvent's body without attendees: the first 500 go with it, the rest follow (AddAttendee). */
	body: IDataObject;
	attendees: AttendeeToAdd[];
	/** Rooms booked onto the event once it exists. */
	roomIds: string[];
	/** Whether DingTalk tells the attendees added after the creation. */
	notification: AttendeeNotification;
	onFailure: FollowUpFailure;
}

type StepError = Error & { description?: string | null; context?: IDataObject };

/**
 * A step after the creation failed: with keepEvent its report says so (and the item succeeds); with
 * deleteEvent the new event is deleted again and the step's error, saying so, fails the item.
 */
async function afterFailedStep(
	client: DingTalkClient,
	event: EventRef,
	onFailure: FollowUpFailure,
	step: string,
	error: StepError,
	report: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	if (onFailure === 'keepEvent') {
		return {
			...report,
			status: 'failed',
			error: error.message,
			...(error.description ? { errorDescription: error.description } : {}),
			...(error.context?.dingTalk ? { dingTalk: error.context.dingTalk as IDataObject } : {}),
		};
	}
	try {
		await deleteEvent(client, event, {}, itemIndex);
	} catch (deleteError) {
		error.message = `${step} failed (${error.message}), and deleting the new event ${event.eventId} failed too (${(deleteError as Error).message}): delete it in DingTalk`;
		throw error;
	}
	error.message = `${step} failed, so the new event ${event.eventId} was deleted again: ${error.message}`;
	throw error;
}

/**
 * Creates an event (CreateEvent) with its first 500 attendees, then books its meeting rooms
 * (AddMeetingRooms, read back for their statuses) and adds the attendees beyond those 500
 * (AddAttendee). A retried create carries the same x-client-token, so DingTalk never makes two events.
 * Returns the new event as DingTalk answered, with `roomBooking` and `additionalAttendees` saying how
 * the steps after the creation went.
 */
export async function createEventWithFollowUps(
	context: IExecuteFunctions,
	client: DingTalkClient,
	newEvent: NewEvent,
	itemIndex: number,
): Promise<IDataObject> {
	const { calendar, attendees, roomIds, notification, onFailure } = newEvent;
	const firstAttendees = attendees.slice(0, MAX_ATTENDEES_PER_CALL);
	const laterAttendees = attendees.slice(MAX_ATTENDEES_PER_CALL);
	const body = firstAttendees.length
		? { ...newEvent.body, attendees: firstAttendees }
		: newEvent.body;
	const created = await createEvent(client, calendar, body, itemIndex);
	const eventId = typeof created.id === 'string' ? created.id : '';
	if (!eventId) {
		throw new NodeOperationError(
			context.getNode(),
			'DingTalk confirmed the new event without giving its ID',
			{
				itemIndex,
				description:
					"Look for the event in the organizer's calendar before running the item again.",
			},
		);
	}
	const event: EventRef = { userId: calendar.userId, calendarId: calendar.calendarId, eventId };
	const failed = async (step: string, error: unknown, report: IDataObject) =>
		await afterFailedStep(client, event, onFailure, step, error as StepError, report, itemIndex);
	const json: IDataObject = { ...created };

	if (roomIds.length) {
		try {
			await bookRooms(context, client, event, roomIds, itemIndex);
			json.roomBooking = { status: 'booked', roomIds };
		} catch (error) {
			json.roomBooking = await failed('Booking the meeting rooms', error, { roomIds });
		}
		if ((json.roomBooking as IDataObject).status === 'booked') {
			// Read back: approval rooms are booked as tentative until an approver decides.
			try {
				(json.roomBooking as IDataObject).rooms = await readRoomStatuses(
					client,
					event,
					roomIds,
					itemIndex,
				);
			} catch {
				// The rooms are booked; only their statuses are unknown. The output then has no `rooms`.
			}
		}
	}

	if (laterAttendees.length) {
		const progress = { sent: firstAttendees.length };
		try {
			await addAttendees(client, event, laterAttendees, notification, itemIndex, progress);
			json.additionalAttendees = {
				status: 'added',
				requested: attendees.length,
				added: progress.sent,
			};
		} catch (error) {
			json.additionalAttendees = await failed(
				`Adding attendees beyond the first ${MAX_ATTENDEES_PER_CALL}`,
				error,
				{ requested: attendees.length, added: progress.sent },
			);
		}
	}
	return json;
}
