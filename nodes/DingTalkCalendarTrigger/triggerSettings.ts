import type { INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { calendarIdField, organizerField } from '../shared/descriptions/calendarFields';

/** What the trigger can start a workflow on; each emitted item's `change` names one of them. */
export type TriggerEvent =
	| 'eventCreated'
	| 'eventUpdated'
	| 'eventCancelled'
	| 'roomBookingChanged'
	| 'eventStarting';

export const TRIGGER_EVENTS: readonly TriggerEvent[] = [
	'eventCreated',
	'eventUpdated',
	'eventCancelled',
	'roomBookingChanged',
	'eventStarting',
];

export type RoomsFilter = 'any' | 'withRooms' | 'withoutRooms';

export interface EventFilters {
	/** Lower-cased; empty = any summary. */
	summaryContains: string;
	rooms: RoomsFilter;
	minAttendees: number;
}

export interface TriggerSettings {
	events: Set<TriggerEvent>;
	userId: string;
	calendarId: string;
	filters: EventFilters;
	/** Event Starting: how far ahead an event counts as starting. */
	minutesBefore: number;
	/** Room Booking Changed: how far ahead room statuses are watched. */
	roomHorizonDays: number;
}

export const MAX_MINUTES_BEFORE = 1440;
export const MAX_ROOM_HORIZON_DAYS = 30;
/** ListEvents lists at most 100 attendees per event (reference §4.3), so a larger minimum never matches. */
export const MAX_MIN_ATTENDEES = 100;

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: [],
		options: [
			{
				name: 'Event Cancelled',
				value: 'eventCancelled',
				description: 'An event was deleted by its organizer',
			},
			{
				name: 'Event Created',
				value: 'eventCreated',
				description: 'A new event appeared in the calendar',
			},
			{
				name: 'Event Starting',
				value: 'eventStarting',
				description: 'An event starts within the next minutes (set below)',
			},
			{
				name: 'Event Updated',
				value: 'eventUpdated',
				description: 'An existing event changed (time, summary, attendees, rooms, ...)',
			},
			{
				name: 'Room Booking Changed',
				value: 'roomBookingChanged',
				description:
					'A meeting room on an upcoming event became accepted, tentative (awaiting approval) or declined, or was removed',
			},
		],
		description: 'What starts the workflow. Each change is one output item.',
	},
	{
		...organizerField,
		description:
			'The unionId of the user whose calendar to watch (not the staff user ID): events they organize or attend',
	},
	calendarIdField,
	{
		displayName: 'Minutes Before Start',
		name: 'minutesBefore',
		type: 'number',
		default: 10,
		typeOptions: { minValue: 1, maxValue: MAX_MINUTES_BEFORE },
		displayOptions: { show: { events: ['eventStarting'] } },
		description:
			'An event counts as starting when it starts within this many minutes. Each start is reported once.',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Minimum Attendees',
				name: 'minAttendees',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: MAX_MIN_ATTENDEES },
				description:
					'Only events with at least this many attendees (DingTalk lists up to 100 per event)',
			},
			{
				displayName: 'Rooms',
				name: 'rooms',
				type: 'options',
				default: 'any',
				options: [
					{ name: 'Any', value: 'any', description: 'Events with or without meeting rooms' },
					{
						name: 'With Rooms',
						value: 'withRooms',
						description: 'Only events with at least one meeting room (any status)',
					},
					{
						name: 'Without Rooms',
						value: 'withoutRooms',
						description: 'Only events without meeting rooms',
					},
				],
			},
			{
				displayName: 'Summary Contains',
				name: 'summaryContains',
				type: 'string',
				default: '',
				description: 'Only events whose summary (title) contains this text, ignoring case',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { events: ['roomBookingChanged'] } },
		options: [
			{
				displayName: 'Room Watch Horizon (Days)',
				name: 'roomHorizonDays',
				type: 'number',
				default: 7,
				typeOptions: { minValue: 1, maxValue: MAX_ROOM_HORIZON_DAYS },
				description:
					'Room Booking Changed looks at events starting from now to this many days ahead. Longer costs more calls per poll.',
			},
		],
	},
];

function fail(context: IPollFunctions, message: string, description: string): never {
	throw new NodeOperationError(context.getNode(), message, { description });
}

function boundedNumber(
	context: IPollFunctions,
	value: unknown,
	field: string,
	min: number,
	max: number,
	fallback: number,
): number {
	if (value === undefined || value === null || value === '') return fallback;
	const n = typeof value === 'number' ? value : Number(value);
	if (!Number.isInteger(n) || n < min || n > max) {
		fail(
			context,
			`${field} must be a whole number from ${min} to ${max}`,
			`${field} is ${String(value)}.`,
		);
	}
	return n;
}

/** Reads and checks the trigger's parameters; every problem names the field. */
export function readTriggerSettings(context: IPollFunctions): TriggerSettings {
	const rawEvents = context.getNodeParameter('events', []) as unknown;
	const list = Array.isArray(rawEvents)
		? rawEvents
		: typeof rawEvents === 'string' && rawEvents
			? rawEvents.split(',')
			: [];
	const events = new Set<TriggerEvent>();
	for (const value of list) {
		const event = String(value).trim() as TriggerEvent;
		if (!TRIGGER_EVENTS.includes(event)) {
			fail(
				context,
				`Trigger On has an unknown value "${String(value)}"`,
				`Choose from: ${TRIGGER_EVENTS.join(', ')}.`,
			);
		}
		events.add(event);
	}
	if (events.size === 0)
		fail(context, 'Trigger On is empty', 'Choose at least one change to trigger on.');

	const userId = String(context.getNodeParameter('userId', '') ?? '').trim();
	if (!userId) {
		fail(
			context,
			'Organizer User ID is empty',
			'Give the unionId of the user whose calendar to watch (not the staff user ID).',
		);
	}
	const calendarId = String(context.getNodeParameter('calendarId', 'primary') ?? '').trim();
	if (!calendarId) fail(context, 'Calendar ID is empty', 'Use "primary".');

	const filters = (context.getNodeParameter('filters', {}) ?? {}) as Record<string, unknown>;
	const rooms = (filters.rooms ?? 'any') as RoomsFilter;
	if (!['any', 'withRooms', 'withoutRooms'].includes(rooms)) {
		fail(
			context,
			`Filters > Rooms has an unknown value "${String(rooms)}"`,
			'Choose Any, With Rooms or Without Rooms.',
		);
	}
	const options = events.has('roomBookingChanged')
		? ((context.getNodeParameter('options', {}) ?? {}) as Record<string, unknown>)
		: {};
	return {
		events,
		userId,
		calendarId,
		filters: {
			summaryContains: String(filters.summaryContains ?? '')
				.trim()
				.toLowerCase(),
			rooms,
			minAttendees: boundedNumber(
				context,
				filters.minAttendees,
				'Filters > Minimum Attendees',
				0,
				MAX_MIN_ATTENDEES,
				0,
			),
		},
		minutesBefore: events.has('eventStarting')
			? boundedNumber(
					context,
					context.getNodeParameter('minutesBefore', 10),
					'Minutes Before Start',
					1,
					MAX_MINUTES_BEFORE,
					10,
				)
			: 10,
		roomHorizonDays: boundedNumber(
			context,
			options.roomHorizonDays,
			'Options > Room Watch Horizon (Days)',
			1,
			MAX_ROOM_HORIZON_DAYS,
			7,
		),
	};
}
