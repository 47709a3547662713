import { DateTime } from 'luxon';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { calendarIdField, organizerField } from '../../../shared/descriptions/calendarFields';
import { eventField } from '../../descriptions/common';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import {
	groupsField,
	labelsField,
	minCapacityField,
	nameContainsField,
	windowEndField,
	windowStartField,
} from '../../descriptions/roomFields';
import { bookRooms, isRoomTaken } from '../../helpers/rooms/booking';
import { canonicalTimeZone, toFilterTime } from '../../helpers/time/dateTimeInput';
import { readStatusesAfterBooking } from '../../helpers/rooms/bookingStatus';
import { createEvent, deleteEvent, getEvent } from '../../../shared/transport/api/events';
import { removeMeetingRooms } from '../../../shared/transport/api/meetingRooms';
import type { EventRef } from '../../../shared/transport/api/refs';
import { inBatches } from '../../../shared/transport/api/batches';
import { rankRooms } from '../../helpers/rooms/ranking';
import {
	readCriteriaInput,
	resolveRoomCriteria,
	type CriteriaInput,
} from '../../helpers/rooms/criteriaInput';
import {
	MAX_WINDOW_DAYS,
	queryAvailability,
	type RoomAvailability,
} from '../../helpers/rooms/availability';
import { ROOMS_PER_SCHEDULE_QUERY } from '../../../shared/transport/api/schedules';
import { occurrencesUntil } from '../../helpers/events/occurrences';
import { describeCriteria, matchesCriteria } from '../../helpers/rooms/criteria';
import {
	getRoomDetail,
	isBookable,
	listAllRooms,
	needsApproval,
} from '../../helpers/rooms/directory';
import type { RoomSummary } from '../../../shared/transport/api/rooms';
import { readRoomIds } from '../../helpers/input/roomIds';
import {
	describeTime,
	describeWindow,
	eventWindow,
	readTimeWindow,
	type TimeWindow,
} from '../../helpers/time/timeWindow';
import {
	describeValue,
	invalidField,
	MAX_ROOMS_PER_EVENT,
	requiredId,
	requiredString,
} from '../../helpers/input/validation';
import type { DingTalkClient } from '../../../shared/transport/client';
import { listIds, stringList, type ItemChange, type OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Find and Book',
	description:
		'Find free rooms that fit (size, group, equipment) for an event or a new event, book the best ones and confirm what DingTalk granted',
	action: 'Find and book free meeting rooms',
};

export const toolDescription =
	'Find free meeting rooms that fit and book them, for an existing event (event ID) or a new event (title, start and end). Times are ISO 8601 with an offset, e.g. 2026-12-03T15:00:00+08:00, at most 90 days apart. Optional: number of rooms (1 to 5), minimum seats, group IDs, equipment labels, preferred room IDs. Returns the event ID and each booked room (roomId, roomName, seats, status accepted or tentative while an approver decides). All or none: if fewer rooms are free, nothing stays booked and the answer says why.';

const forNewEvent = { show: { bookFor: ['newEvent'] } };

const properties: INodeProperties[] = [
	organizerField,
	calendarIdField,
	{
		displayName: 'Book For',
		name: 'bookFor',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Existing Event',
				value: 'existingEvent',
				description: "An event in the organizer's calendar: rooms are found for its start and end",
			},
			{
				name: 'New Event',
				value: 'newEvent',
				description:
					'A time window: the node creates the event once it found a free room, then books the room onto it',
			},
		],
		default: 'existingEvent',
	},
	{ ...eventField, displayOptions: { show: { bookFor: ['existingEvent'] } } },
	{
		displayName: 'Title',
		name: 'summary',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Design review',
		description: 'Title of the new event',
		displayOptions: forNewEvent,
	},
	{
		...windowStartField,
		description:
			"When the new event starts. A date and time without an offset is read in the workflow's time zone.",
		displayOptions: forNewEvent,
	},
	{
		...windowEndField,
		description:
			"When the new event ends. A date and time without an offset is read in the workflow's time zone.",
		displayOptions: forNewEvent,
	},
	{
		displayName: 'Number of Rooms',
		name: 'roomCount',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 5 },
		default: 1,
		description:
			'How many rooms to book, 1 to 5 (DingTalk allows 5 per event, counting rooms the event already holds). All or none: if fewer are free, none is kept.',
	},
	{
		...minCapacityField,
		description:
			'Only rooms with at least this many seats, e.g. the number of attendees; 0 for any size',
	},
	{
		displayName: 'Room Criteria',
		name: 'criteria',
		type: 'collection',
		placeholder: 'Add Criterion',
		default: {},
		options: [
			{
				displayName: 'Allow Approval Rooms',
				name: 'allowApprovalRooms',
				type: 'boolean',
				default: false,
				description:
					'Whether rooms that need an approver may be booked. Their booking stays tentative until approved, and can still be declined.',
			},
			groupsField,
			labelsField,
			nameContainsField,
			{
				displayName: 'Preferred Room Names or IDs',
				name: 'preferredRoomIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getRooms', loadOptionsDependsOn: ['userId'] },
				default: [],
				description:
					'Rooms to try first, in this order, if they meet the criteria and are free. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'If No Room Is Free',
				name: 'whenNoRoomIsFree',
				type: 'options',
				options: [
					{
						name: 'Fail the Item',
						value: 'error',
						description:
							'The item fails with the reason (or goes to the output as an error with Continue On Fail)',
					},
					{
						name: 'Return an Empty Result',
						value: 'returnEmpty',
						description: 'The item succeeds with found: false, no rooms and the reason',
					},
				],
				default: 'error',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['meetingRoom'], operation: ['findAndBook'] } },
	properties,
);

/** Why a room that met the criteria was not booked. */
type PassedOverReason =
	| 'busy'
	| 'availabilityUnknown'
	| 'closed'
	| 'needsApproval'
	| 'takenMeanwhile'
	| 'busyInSeries'
	| 'refused'
	| 'doesNotMatchCriteria';

interface PassedOver extends IDataObject {
	roomId: string;
	roomName: string | null;
	reason: PassedOverReason;
	/** busyInSeries: the start (UTC) of the first occurrence at which the room is taken, when known. */
	busyAt?: string;
}

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

/** What the item asked for, read and checked before any request. */
interface Request {
	event: { userId: string; calendarId: string };
	existingEventId?: string;
	newEvent?: { summary: string; window: TimeWindow };
	roomCount: number;
	preferredRoomIds: string[];
	allowApprovalRooms: boolean;
	returnEmpty: boolean;
	criteria: CriteriaInput;
}

function readRoomCount(context: IExecuteFunctions, itemIndex: number): number {
	const raw = context.getNodeParameter('roomCount', itemIndex, 1) as unknown;
	const count = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (
		typeof count !== 'number' ||
		!Number.isInteger(count) ||
		count < 1 ||
		count > MAX_ROOMS_PER_EVENT
	) {
		throw invalidField(
			context,
			itemIndex,
			'Number of Rooms',
			`${describeValue(raw)} is not a whole number from 1 to ${MAX_ROOMS_PER_EVENT}`,
			`DingTalk books at most ${MAX_ROOMS_PER_EVENT} rooms per event.`,
		);
	}
	return count;
}

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number): Request {
	return readRequest(this, itemIndex);
}

function readRequest(context: IExecuteFunctions, itemIndex: number): Request {
	const userId = requiredId(context, itemIndex, 'userId', 'Organizer User ID', {
		description: "Give the organizer's unionId (not the staff user ID).",
	});
	const calendarId = requiredId(context, itemIndex, 'calendarId', 'Calendar ID', {
		description: 'Use "primary".',
	});
	const request: Request = {
		event: { userId, calendarId },
		roomCount: readRoomCount(context, itemIndex),
		preferredRoomIds: readRoomIds(
			context,
			itemIndex,
			'criteria.preferredRoomIds',
			'Preferred Rooms',
			{
				max: Infinity,
				required: false,
			},
		),
		allowApprovalRooms:
			context.getNodeParameter('criteria.allowApprovalRooms', itemIndex, false) === true,
		returnEmpty:
			context.getNodeParameter('options.whenNoRoomIsFree', itemIndex, 'error') === 'returnEmpty',
		criteria: readCriteriaInput(context, itemIndex, {
			minCapacity: ['minCapacity', 'Minimum Capacity'],
			groupIds: ['criteria.groupIds', 'Groups'],
			labels: ['criteria.labels', 'Labels'],
			nameContains: ['criteria.nameContains', 'Name Contains'],
		}),
	};
	if (context.getNodeParameter('bookFor', itemIndex, 'existingEvent') === 'newEvent') {
		request.newEvent = {
			summary: requiredString(context, itemIndex, 'summary', 'Title'),
			window: readTimeWindow(
				context,
				itemIndex,
				{ start: ['start', 'Start'], end: ['end', 'End'] },
				MAX_WINDOW_DAYS,
			),
		};
	} else {
		request.existingEventId = requiredId(context, itemIndex, 'eventId', 'Event', {
			extractValue: true,
			description: 'Pick an event from the list, or give its ID.',
		});
	}
	return request;
}

/**
 * Finds free rooms that fit and books them: lists the directory, keeps the rooms that meet the
 * criteria, ranks them (preferred rooms first, then the smallest that fit), checks their availability
 * five at a time, skips rooms closed for booking (and rooms that need approval unless allowed), and
 * books one room at a time, so that a room another booking took in the meantime
 * (`meetingRoomNotAvailable`) only moves it on to the next candidate. For a new event the event is
 * created once a bookable room was found. All or none: when fewer rooms than asked for can be booked,
 * the rooms it booked are released again (and a created event deleted). Finally it reads the event
 * back and reports each room's status.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	request: Request,
): Promise<INodeExecutionData[]> {
	const zone = this.getTimezone();
	const { userId, calendarId } = request.event;

	// The event: an existing one tells its own time, and may already hold rooms.
	let eventId = request.existingEventId;
	const {
		summary,
		window: when,
		roomsOnEvent,
		recurring,
		occurrences,
	} = eventId === undefined
		? {
				summary: request.newEvent!.summary,
				window: request.newEvent!.window,
				roomsOnEvent: new Set<string>(),
				recurring: false,
				occurrences: [request.newEvent!.window],
			}
		: await readExistingEvent(
				this,
				client,
				{ userId, calendarId, eventId },
				request.roomCount,
				itemIndex,
			);

	// The candidates, best first.
	const criteria = await resolveRoomCriteria(this, itemIndex, client, userId, request.criteria);
	const directory = await listAllRooms(client, userId, itemIndex);
	const byId = new Map(directory.map((room) => [room.roomId, room]));
	const unknown = request.preferredRoomIds.filter((roomId) => !byId.has(roomId));
	if (unknown.length) {
		throw invalidField(
			this,
			itemIndex,
			'Preferred Rooms',
			`room ${unknown.join(', ')} does not exist in this organization`,
			'Pick rooms from the list, or copy room IDs from Meeting Room > Get Many.',
		);
	}
	const matching = directory.filter(
		(room) => !roomsOnEvent.has(room.roomId) && matchesCriteria(room, criteria),
	);
	const candidates = rankRooms(matching, request.preferredRoomIds);
	const passedOver: PassedOver[] = request.preferredRoomIds
		.filter(
			(roomId) => !roomsOnEvent.has(roomId) && !matching.some((room) => room.roomId === roomId),
		)
		.map((roomId) => ({
			roomId,
			roomName: byId.get(roomId)?.roomName ?? null,
			reason: 'doesNotMatchCriteria',
		}));
	const passOver = (room: RoomSummary, reason: PassedOverReason, busyAt?: DateTime) =>
		passedOver.push({
			roomId: room.roomId,
			roomName: room.roomName ?? null,
			reason,
			...(busyAt ? { busyAt: toFilterTime(busyAt) } : {}),
		});
	// Free/busy is read over every occurrence the window of one query holds (one for a single event).
	const queryWindow: TimeWindow = {
		start: occurrences[0].start,
		end: occurrences[occurrences.length - 1].end,
	};

	// Walk the candidates five at a time until enough rooms are booked.
	const booked: RoomSummary[] = [];
	let eventCreated = false;
	try {
		for (const batch of inBatches(candidates, ROOMS_PER_SCHEDULE_QUERY)) {
			if (booked.length >= request.roomCount) break;
			const availability = await queryAvailability(
				client,
				userId,
				batch.map((room) => room.roomId),
				queryWindow,
				itemIndex,
			);
			for (const [k, room] of batch.entries()) {
				if (booked.length >= request.roomCount) break;
				if (availability[k].scheduleError) {
					passOver(room, 'availabilityUnknown');
					continue;
				}
				const taken = firstBusyOccurrence(availability[k], occurrences, eventId);
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
				if (eventId === undefined) {
					eventId = await createNewEvent(
						this,
						client,
						request.event,
						request.newEvent!.summary,
						when,
						itemIndex,
					);
					eventCreated = true;
				}
				try {
					const result = await bookRooms(
						this,
						client,
						{ userId, calendarId, eventId },
						[room.roomId],
						itemIndex,
					);
					if (result) booked.push(room);
					else passOver(room, 'refused');
				} catch (error) {
					if (!isRoomTaken(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
					// Availability was read for the occurrences of one free/busy window; DingTalk checks the whole series.
					passOver(room, recurring ? 'busyInSeries' : 'takenMeanwhile');
				}
			}
		}
	} catch (error) {
		// Leave nothing half-done behind, and say so if that failed too.
		const problems = await release(
			client,
			{ userId, calendarId, eventId },
			booked,
			eventCreated,
			itemIndex,
		);
		if (problems.length)
			error.description = [error.description, ...problems].filter(Boolean).join(' ');
		// Both constructors hand back the very error when it already is of their class.
		if (error instanceof NodeApiError)
			throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
		throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
	}

	if (booked.length < request.roomCount) {
		const problems = await release(
			client,
			{ userId, calendarId, eventId },
			booked,
			eventCreated,
			itemIndex,
		);
		const wanted =
			request.roomCount === 1
				? 'No free room'
				: `Only ${booked.length} of ${request.roomCount} rooms free`;
		const criteriaText = describeCriteria(criteria);
		const reason = `${wanted}${criteriaText ? ` ${criteriaText}` : ''} ${describeWindow(when, zone)}`;
		const checked = passedOver.filter((room) => room.reason !== 'doesNotMatchCriteria');
		const details = [
			`${matching.length} of ${directory.length} rooms in the directory meet the criteria${checked.length ? ':' : '.'}`,
			...checked.map(
				(room) =>
					`${room.roomName ?? room.roomId} ${REASON_WORDS[room.reason]}${room.busyAt ? ` (taken at the occurrence of ${describeTime(DateTime.fromISO(room.busyAt), zone)})` : ''};`,
			),
			booked.length
				? `Released again: ${booked.map((room) => room.roomName ?? room.roomId).join(', ')}.`
				: '',
			...problems,
			'Try another time, fewer criteria, or more rooms to choose from.',
		]
			.filter(Boolean)
			.join(' ');
		if (!request.returnEmpty) {
			throw new NodeOperationError(this.getNode(), reason, { itemIndex, description: details });
		}
		const json: IDataObject = {
			found: false,
			reason,
			userId,
			calendarId,
			eventId: eventCreated ? null : (eventId ?? null),
			eventCreated: false,
			summary,
			start: toFilterTime(when.start),
			end: toFilterTime(when.end),
			roomIds: [],
			rooms: [],
			allAccepted: false,
			passedOver,
		};
		return [{ json, pairedItem: { item: itemIndex } }];
	}

	// Read back: what did DingTalk make of each booking?
	const ref: EventRef = { userId, calendarId, eventId: eventId! };
	// A failed read-back does not fail the item: the rooms are booked, and the output must say so.
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
	const json: IDataObject = {
		found: true,
		userId,
		calendarId,
		eventId: ref.eventId,
		eventCreated,
		summary,
		start: toFilterTime(when.start),
		end: toFilterTime(when.end),
		roomIds: rooms.map((room) => room.roomId),
		rooms,
		allAccepted: rooms.every((room) => room.responseStatus === 'accepted'),
		passedOver,
	};
	if (readError) json.verifyError = readError;
	return [{ json, pairedItem: { item: itemIndex } }];
}

/**
 * Reads the existing event to book for: its title, when it takes place (the first occurrence of a
 * series), whether it recurs, and the rooms it holds, which count towards DingTalk's 5 rooms per event
 * (checked here, before any booking). For a series, also its occurrences that fit into one free/busy
 * query from the first one on (DingTalk answers for at most 90 days): the rooms must be free at each.
 */
async function readExistingEvent(
	context: IExecuteFunctions,
	client: DingTalkClient,
	ref: EventRef,
	roomCount: number,
	itemIndex: number,
): Promise<{
	summary: string | null;
	window: TimeWindow;
	roomsOnEvent: Set<string>;
	recurring: boolean;
	occurrences: TimeWindow[];
}> {
	const event = await getEvent(client, ref, itemIndex);
	const window = eventWindow(event, context.getTimezone());
	if (event.status === 'cancelled' || !window) {
		throw new NodeOperationError(
			context.getNode(),
			event.status === 'cancelled'
				? `Event ${ref.eventId} is cancelled`
				: `Event ${ref.eventId} has no start and end DingTalk could tell`,
			{
				itemIndex,
				description: 'Pick another event, or use Book For: New Event with a time window.',
			},
		);
	}
	const roomsOnEvent = new Set(
		(event.meetingRooms ?? []).map((room) => room.roomId).filter((id): id is string => !!id),
	);
	if (roomsOnEvent.size + roomCount > MAX_ROOMS_PER_EVENT) {
		throw invalidField(
			context,
			itemIndex,
			'Number of Rooms',
			`event ${ref.eventId} already holds ${roomsOnEvent.size} rooms, and DingTalk allows ${MAX_ROOMS_PER_EVENT} per event`,
			`Ask for at most ${Math.max(0, MAX_ROOMS_PER_EVENT - roomsOnEvent.size)} more, or remove rooms first (Meeting Room > Remove From Event).`,
		);
	}
	const eventZone =
		canonicalTimeZone(event.start?.timeZone ?? '') ??
		(event.isAllDay ? 'UTC' : context.getTimezone());
	const horizon = window.start
		.plus({ days: MAX_WINDOW_DAYS })
		.minus({ milliseconds: window.end.toMillis() - window.start.toMillis() });
	const occurrences = occurrencesUntil(window, event.recurrence, eventZone, horizon);
	return {
		summary: event.summary ?? null,
		window,
		roomsOnEvent,
		recurring: !!event.recurrence,
		occurrences,
	};
}

/**
 * The first occurrence at which something other than the event itself occupies the room, or undefined
 * when it is free at all of them. A busy time DingTalk gave without a readable start or end counts as
 * overlapping every occurrence.
 */
function firstBusyOccurrence(
	availability: RoomAvailability,
	occurrences: TimeWindow[],
	ownEventId?: string,
): TimeWindow | undefined {
	const slots = availability.busySlots.filter(
		(slot) => ownEventId === undefined || slot.eventId !== ownEventId,
	);
	if (!slots.length) return undefined;
	const spans = slots.map((slot) => {
		const start = slot.start ? DateTime.fromISO(slot.start).toMillis() : Number.NEGATIVE_INFINITY;
		const end = slot.end ? DateTime.fromISO(slot.end).toMillis() : Number.POSITIVE_INFINITY;
		return [
			Number.isNaN(start) ? Number.NEGATIVE_INFINITY : start,
			Number.isNaN(end) ? Number.POSITIVE_INFINITY : end,
		];
	});
	return occurrences.find((occurrence) => {
		const start = occurrence.start.toMillis();
		const end = occurrence.end.toMillis();
		return spans.some(([slotStart, slotEnd]) => slotStart < end && slotEnd > start);
	});
}

/**
 * Creates the new event (CreateEvent) in the organizer's calendar and returns its ID. Times go as UTC;
 * the workflow's time zone tells DingTalk how to show them.
 */
async function createNewEvent(
	context: IExecuteFunctions,
	client: DingTalkClient,
	owner: { userId: string; calendarId: string },
	summary: string,
	window: TimeWindow,
	itemIndex: number,
): Promise<string> {
	const zone = context.getTimezone();
	const body = {
		summary,
		start: { dateTime: toFilterTime(window.start), timeZone: zone },
		end: { dateTime: toFilterTime(window.end), timeZone: zone },
	};
	const created = await createEvent(client, owner, body, itemIndex);
	if (!created.id) {
		throw new NodeOperationError(
			context.getNode(),
			`DingTalk created the event at ${describeTime(window.start, zone)} but returned no event ID`,
			{
				itemIndex,
				description:
					"Look for the event in the organizer's calendar before running the item again.",
			},
		);
	}
	return created.id;
}

/**
 * Undoes what this item booked when it cannot book everything it was asked for: deletes the event it
 * created (which frees its rooms), or removes the rooms it booked onto an existing event. Returns what
 * could not be undone, in words, for the message; never throws.
 */
async function release(
	client: DingTalkClient,
	event: { userId: string; calendarId: string; eventId?: string },
	booked: RoomSummary[],
	eventCreated: boolean,
	itemIndex: number,
): Promise<string[]> {
	const { userId, calendarId, eventId } = event;
	if (eventId === undefined || (!eventCreated && booked.length === 0)) return [];
	try {
		if (eventCreated) {
			await deleteEvent(client, { userId, calendarId, eventId }, {}, itemIndex);
		} else {
			const roomIds = booked.map((room) => room.roomId);
			await removeMeetingRooms(client, { userId, calendarId, eventId }, roomIds, itemIndex);
		}
		return [];
	} catch (error) {
		const what = eventCreated
			? `delete the event ${eventId} it created`
			: `release the rooms it booked (${booked.map((room) => room.roomId).join(', ')})`;
		return [`The node could not ${what}: ${(error as Error).message}.`];
	}
}

export function changeOf(json: IDataObject): ItemChange | undefined {
	// Not found: what it booked was released again (and a created event deleted), or the error says what was not.
	if (json.found !== true) return undefined;
	const roomIds = stringList(json.roomIds);
	const eventId = String(json.eventId);
	const created = json.eventCreated === true ? `created event ${eventId} and ` : '';
	return {
		change: `${created}booked room${roomIds.length === 1 ? '' : 's'} ${listIds(roomIds)} onto event ${eventId}`,
		eventId,
		roomIds,
	};
}
