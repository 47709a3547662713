import type { INodeProperties } from 'n8n-workflow';

import { roomsField } from './common';
import {
	chatNotificationOption,
	descriptionOption,
	locationOption,
	onlineMeetingOption,
	pushNotificationOption,
	remindersOption,
	repeatOptions,
	timeZoneOption,
} from './eventFields';

const USER_LIST_HELP =
	'unionIds (not staff user IDs), separated by commas, or a list from an expression. More than 500 attendees are added in batches of 500 after the event is created.';

const attendeesOption: INodeProperties = {
	displayName: 'Attendees',
	name: 'attendeeIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. 3VRoyJSQ3XeujP7Hov3siEiF, rYIvvnslIx9TsVwDw9NPiEiF',
	description: `The people to invite: ${USER_LIST_HELP}`,
};

const optionalAttendeesOption: INodeProperties = {
	displayName: 'Optional Attendees',
	name: 'optionalAttendeeIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. g0SZOBhcvlJ16K4jdPoriEiF',
	description: `People invited as optional: ${USER_LIST_HELP}`,
};

const onFollowUpFailureOption: INodeProperties = {
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
};

const roomsToBookOption: INodeProperties = {
	...roomsField,
	displayName: 'Meeting Rooms to Book Names or IDs',
	required: false,
	hint: 'One to five rooms, booked right after the event is created. An expression may return a list of room IDs, or room IDs separated by commas.',
};

/**
 * Event > Create's Additional Fields: the event's optional parts it shares with Update, and what only
 * Create has: whom to invite, which rooms to book with the new event, and what happens when a step
 * after the creation fails.
 */
export const eventCreateAdditionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		attendeesOption,
		chatNotificationOption,
		descriptionOption,
		onFollowUpFailureOption,
		locationOption,
		roomsToBookOption,
		onlineMeetingOption,
		optionalAttendeesOption,
		pushNotificationOption,
		remindersOption,
		...repeatOptions,
		timeZoneOption,
	],
};
