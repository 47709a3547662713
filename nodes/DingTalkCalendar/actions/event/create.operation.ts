import { DateTime } from 'luxon';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { calendarIdField, organizerField } from '../../../shared/descriptions/calendarFields';
import { roomsField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import {
	allDayField,
	chatNotificationOption,
	descriptionOption,
	eventTimeFields,
	locationOption,
	onlineMeetingOption,
	pushNotificationOption,
	remindersOption,
	repeatOptions,
	summaryField,
	timeZoneOption,
} from '../../descriptions/eventFields';
import { readCalendarRef } from '../../helpers/events/eventReference';
import { MAX_ATTENDEES_PER_EVENT, readAttendeeIds } from '../../helpers/input/attendeeIds';
import { addAttendees, MAX_ATTENDEES_PER_CALL } from '../../../shared/transport/api/attendees';
import { createEvent, deleteEvent } from '../../../shared/transport/api/events';
import { bookRooms } from '../../helpers/rooms/booking';
import { readDateTime, readTimeZone } from '../../helpers/time/dateTimeInput';
import { checkSummary, readEventDetails } from '../../helpers/events/eventDetails';
import { readRoomStatuses } from '../../helpers/rooms/bookingStatus';
import type { EventRef } from '../../../shared/transport/api/refs';
import { allDayEventTimes, timedEventTimes } from '../../helpers/time/eventTimes';
import { buildRecurrence } from '../../helpers/events/recurrence';
import { readRoomIds } from '../../helpers/input/roomIds';
import { invalidField } from '../../helpers/input/validation';
import type { DingTalkClient } from '../../../shared/transport/client';
import { listIds, stringList, type ItemChange, type OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Create',
	description: 'Create an event, optionally with attendees, a repeat pattern and meeting rooms',
	action: 'Create an event',
};

export const toolDescription =
	"Create a DingTalk calendar event in the organizer's calendar: title, start and end (ISO 8601 with an offset, e.g. 2026-12-03T15:00:00+08:00), optional attendees (unionIds), repeat pattern and up to 5 meeting rooms. Returns the event ID.";

const USER_LIST_HELP =
	'unionIds (not staff user IDs), separated by commas, or a list from an expression. More than 500 attendees are added in batches of 500 after the event is created.';

const properties: INodeProperties[] = [
	organizerField,
	calendarIdField,
	summaryField,
	allDayField,
	...eventTimeFields,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Attendees',
				name: 'attendeeIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3VRoyJSQ3XeujP7Hov3siEiF, rYIvvnslIx9TsVwDw9NPiEiF',
				description: `The people to invite: ${USER_LIST_HELP}`,
			},
			chatNotificationOption,
			descriptionOption,
			{
				displayName: 'If a Step After Creation Fails',
				name: 'onFollowUpFailure',
				type: 'options',
				options: [
					{
						name: 'Keep the Event and Report It in the Output',
						value: 'keepEvent',
						description:
							'The item succeeds with the new event; roomBooking (or additionalAttendees) says what failed',
					},
					{
						name: 'Delete the Event and Fail the Item',
						value: 'deleteEvent',
						description:
							'All or nothing: the new event is deleted again and the item fails with the reason',
					},
				],
				default: 'keepEvent',
				description:
					'What to do when the event was created but booking its meeting rooms (or adding attendees beyond the first 500) failed',
			},
			locationOption,
			{
				...roomsField,
				displayName: 'Meeting Rooms to Book Names or IDs',
				required: false,
				hint: 'One to five rooms, booked right after the event is created. An expression may return a list of room IDs, or room IDs separated by commas.',
			},
			onlineMeetingOption,
			{
				displayName: 'Optional Attendees',
				name: 'optionalAttendeeIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. g0SZOBhcvlJ16K4jdPoriEiF',
				description: `People invited as optional: ${USER_LIST_HELP}`,
			},
			pushNotificationOption,
			remindersOption,
			...repeatOptions,
			timeZoneOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['create'] } },
	properties,
);

const isTrue = (value: unknown) => value === true || value === 'true';

type StepError = Error & { description?: string | null; context?: IDataObject };

/** The people to invite, each once, required before optional; checked before anything is created. */
function readAttendees(context: IExecuteFunctions, itemIndex: number, fields: IDataObject) {
	const read = (key: string, field: string) =>
		fields[key] === undefined
			? []
			: readAttendeeIds(context, itemIndex, `additionalFields.${key}`, field, { required: false });
	const required = read('attendeeIds', 'Attendees');
	const optional = read('optionalAttendeeIds', 'Optional Attendees');
	const twice = optional.filter((id) => required.includes(id));
	if (twice.length) {
		throw invalidField(
			context,
			itemIndex,
			'Optional Attendees',
			`${twice.join(', ')} also in Attendees`,
			'List each person in one of the two fields.',
		);
	}
	if (required.length + optional.length > MAX_ATTENDEES_PER_EVENT) {
		throw invalidField(
			context,
			itemIndex,
			'Attendees',
			`${required.length + optional.length} attendees given, but a DingTalk event holds at most ${MAX_ATTENDEES_PER_EVENT}`,
		);
	}
	return [
		...required.map((id) => ({ id, isOptional: false })),
		...optional.map((id) => ({ id, isOptional: true })),
	];
}

/** The item's parameters, every one checked before the event is created: the body of CreateEvent and the steps after it. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	const { userId, calendarId } = readCalendarRef(this, itemIndex);
	const summary = checkSummary(
		this,
		itemIndex,
		this.getNodeParameter('summary', itemIndex, ''),
		'Summary',
	);
	const allDay = isTrue(this.getNodeParameter('allDay', itemIndex, false));
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;

	const zone = readTimeZone(this, itemIndex, 'additionalFields.timeZone', 'Time Zone');
	const start = readDateTime(this, itemIndex, 'start', 'Start', zone, { required: true })!;
	const end = readDateTime(this, itemIndex, 'end', 'End', zone, { required: !allDay });
	const times = allDay
		? allDayEventTimes(
				this,
				itemIndex,
				{ read: start, field: 'Start' },
				end && { read: end, field: 'End' },
			)
		: timedEventTimes(
				this,
				itemIndex,
				{ read: start, field: 'Start' },
				{ read: end!, field: 'End' },
				zone,
			);
	const firstDay =
		'date' in times.start ? DateTime.fromISO(times.start.date, { zone }) : start.value;
	const recurrence = buildRecurrence(this, itemIndex, fields, 'additionalFields', firstDay, zone);
	const attendees = readAttendees(this, itemIndex, fields);
	const roomIds =
		fields.roomIds === undefined
			? []
			: readRoomIds(this, itemIndex, 'additionalFields.roomIds', 'Meeting Rooms to Book', {
					required: false,
				});
	const onFailure = fields.onFollowUpFailure ?? 'keepEvent';
	if (onFailure !== 'keepEvent' && onFailure !== 'deleteEvent') {
		throw invalidField(
			this,
			itemIndex,
			'If a Step After Creation Fails',
			`"${String(onFailure)}" is not an option`,
			'Use keepEvent or deleteEvent.',
		);
	}

	// CreateEvent takes the first 500; AddAttendee the rest, after the event exists.
	const firstAttendees = attendees.slice(0, MAX_ATTENDEES_PER_CALL);
	const laterAttendees = attendees.slice(MAX_ATTENDEES_PER_CALL);
	const body: IDataObject = {
		summary,
		...readEventDetails(this, itemIndex, fields, {
			description: 'Description',
			location: 'Location',
			reminders: 'Reminders',
		}),
		isAllDay: times.isAllDay,
		start: times.start,
		end: times.end,
	};
	if (recurrence) body.recurrence = recurrence;
	if (firstAttendees.length) body.attendees = firstAttendees;
	return {
		userId,
		calendarId,
		body,
		roomIds,
		attendees,
		firstAttendees,
		laterAttendees,
		onFailure,
		fields,
	};
}

/**
 * Creates an event (CreateEvent, `POST .../calendars/{calendarId}/events`), then books its meeting rooms
 * (AddMeetingRooms) and adds attendees beyond the 500 DingTalk takes in one call (AddAttendee). Every
 * field was checked before (validate). A retried create carries the same x-client-token, so DingTalk
 * never makes two events. When a step after the creation fails, the output still carries the event and
 * says what failed; or, if the user chose so, the event is deleted again and the item fails.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	input: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const {
		userId,
		calendarId,
		body,
		roomIds,
		attendees,
		firstAttendees,
		laterAttendees,
		onFailure,
		fields,
	} = input;
	const created = await createEvent(client, { userId, calendarId }, body, itemIndex);
	const eventId = typeof created.id === 'string' ? created.id : '';
	if (!eventId) {
		throw new NodeOperationError(
			this.getNode(),
			'DingTalk confirmed the new event without giving its ID',
			{
				itemIndex,
				description:
					"Look for the event in the organizer's calendar before running the item again.",
			},
		);
	}
	const event: EventRef = { userId, calendarId, eventId };
	const json: IDataObject = { ...created };

	/** A step after the creation failed: report it in the output, or delete the event and fail the item. */
	const afterCreation = async (
		step: string,
		error: StepError,
		report: IDataObject,
	): Promise<IDataObject> => {
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
			error.message = `${step} failed (${error.message}), and deleting the new event ${eventId} failed too (${(deleteError as Error).message}): delete it in DingTalk`;
			throw error;
		}
		error.message = `${step} failed, so the new event ${eventId} was deleted again: ${error.message}`;
		throw error;
	};

	if (roomIds.length) {
		try {
			await bookRooms(this, client, event, roomIds, itemIndex);
			json.roomBooking = { status: 'booked', roomIds };
		} catch (error) {
			json.roomBooking = await afterCreation('Booking the meeting rooms', error as StepError, {
				roomIds,
			});
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
		const notification = {
			chatNotification: fields.chatNotification !== false,
			pushNotification: fields.pushNotification !== false,
		};
		try {
			await addAttendees(client, event, laterAttendees, notification, itemIndex, progress);
			json.additionalAttendees = {
				status: 'added',
				requested: attendees.length,
				added: progress.sent,
			};
		} catch (error) {
			json.additionalAttendees = await afterCreation(
				`Adding attendees beyond the first ${MAX_ATTENDEES_PER_CALL}`,
				error as StepError,
				{ requested: attendees.length, added: progress.sent },
			);
		}
	}

	return [{ json, pairedItem: { item: itemIndex } }];
}

export function changeOf(json: IDataObject): ItemChange {
	const eventId = String(json.id);
	const parts = [
		`created event ${eventId}${typeof json.summary === 'string' ? ` ("${json.summary}")` : ''}`,
	];
	const booking = json.roomBooking as IDataObject | undefined;
	const roomIds = booking?.status === 'booked' ? stringList(booking.roomIds) : [];
	if (roomIds.length)
		parts.push(`booked room${roomIds.length === 1 ? '' : 's'} ${listIds(roomIds)} onto it`);
	return { change: parts.join(' and '), eventId, ...(roomIds.length ? { roomIds } : {}) };
}
