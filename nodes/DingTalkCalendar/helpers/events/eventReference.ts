import type { IExecuteFunctions } from 'n8n-workflow';

import type { EventRef } from '../../../shared/transport/api/refs';
import { requiredId } from '../input/validation';

const ORGANIZER_HINT = "Give the organizer's unionId (not the staff user ID).";

/**
 * Reads the calendar an operation works in: Organizer User ID (a unionId, DingTalk's `{userId}`) and
 * Calendar ID. `userHint` says whose unionId this operation needs, for the error when it is empty.
 */
export function readCalendarRef(
	context: IExecuteFunctions,
	itemIndex: number,
	userHint = ORGANIZER_HINT,
): Pick<EventRef, 'userId' | 'calendarId'> {
	return {
		userId: requiredId(context, itemIndex, 'userId', 'Organizer User ID', {
			description: userHint,
		}),
		calendarId: requiredId(context, itemIndex, 'calendarId', 'Calendar ID', {
			description: 'Use "primary".',
		}),
	};
}

/** Reads where an event lives: Organizer User ID, Calendar ID and the Event picker or ID. */
export function readEventRef(
	context: IExecuteFunctions,
	itemIndex: number,
	userHint = ORGANIZER_HINT,
): EventRef {
	return {
		...readCalendarRef(context, itemIndex, userHint),
		eventId: requiredId(context, itemIndex, 'eventId', 'Event', {
			extractValue: true,
			description: 'Pick an event from the list, or give its ID.',
		}),
	};
}
