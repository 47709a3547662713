import type { INodeProperties } from 'n8n-workflow';

import { calendarIdField, organizerField } from '../../shared/descriptions/calendarFields';
import { eventField } from './common';
import {
	groupsField,
	labelsField,
	minCapacityField,
	nameContainsField,
	windowEndField,
	windowStartField,
} from './roomFields';

const forNewEvent = { show: { bookFor: ['newEvent'] } };

/**
 * Meeting Room > Find and Book: the event to book for (an existing one, or a new one in a time window),
 * how many rooms, the criteria they must meet, and what happens when none is free.
 */
export const findAndBookFields: INodeProperties[] = [
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
