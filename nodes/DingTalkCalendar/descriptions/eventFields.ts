import type { INodeProperties } from 'n8n-workflow';

/**
 * Fields of calendar events, shared by Event > Create and Event > Update (and the Start/End window of
 * Get User Availability). Same parameter names everywhere, so values stay when switching operation.
 */

const TIME_FORMATS =
	'ISO text such as 2031-03-03T09:00 (read in the time zone) or 2031-03-03T09:00:00+08:00, or a date from an expression ($now, a Luxon DateTime, a JavaScript Date)';

export const summaryField: INodeProperties = {
	displayName: 'Summary',
	name: 'summary',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. Weekly sync',
	description: "The event's title (up to 2,048 characters)",
};

export const allDayField: INodeProperties = {
	displayName: 'All Day',
	name: 'allDay',
	type: 'boolean',
	default: false,
	description: 'Whether the event takes whole days, without times of day',
};

/** Start and End of a timed event, and of an all-day one (same names: a value survives the switch). */
export const eventTimeFields: INodeProperties[] = [
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { allDay: [false] } },
		description: `When the event starts: ${TIME_FORMATS}`,
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { allDay: [false] } },
		description: 'When the event ends, after Start. Same formats as Start.',
	},
	{
		displayName: 'Start',
		name: 'start',
		type: 'dateTime',
		default: '',
		required: true,
		displayOptions: { show: { allDay: [true] } },
		description: 'The first day of the event, e.g. 2031-03-03 (a time of day is ignored)',
	},
	{
		displayName: 'End',
		name: 'end',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { allDay: [true] } },
		description:
			'The last day of the event, e.g. 2031-03-04 for a two-day event; empty or the same day as Start for a one-day event. DingTalk stores the day after (its all-day ends are exclusive): the node does that for you.',
	},
];

export const timeZoneOption: INodeProperties = {
	displayName: 'Time Zone',
	name: 'timeZone',
	type: 'string',
	default: '',
	placeholder: 'e.g. Asia/Shanghai',
	description:
		"The event's IANA time zone, also used to read Start and End values given without an offset. Empty: the workflow's time zone (Workflow Settings).",
};

export const descriptionOption: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	description: 'Details of the event (up to 5,000 characters)',
};

export const locationOption: INodeProperties = {
	displayName: 'Location',
	name: 'location',
	type: 'string',
	default: '',
	placeholder: 'e.g. Building 2, 3rd floor',
	description:
		'Where the event takes place, as free text. This books no room: meeting rooms are booked by ID.',
};

export const remindersOption: INodeProperties = {
	displayName: 'Reminders',
	name: 'reminders',
	type: 'string',
	default: '15',
	placeholder: 'e.g. 15, 60',
	description:
		'Minutes before the start at which DingTalk reminds the attendees, separated by commas (0 = at the start). Empty: no reminders. Without this field DingTalk reminds 15 minutes before (all-day events: 9:00 the day before).',
};

export const onlineMeetingOption: INodeProperties = {
	displayName: 'Online Meeting',
	name: 'onlineMeeting',
	type: 'boolean',
	default: true,
	description:
		'Whether to add a DingTalk video meeting (the link is in the output under onlineMeetingInfo)',
};

export const chatNotificationOption: INodeProperties = {
	displayName: 'Chat Notification',
	name: 'chatNotification',
	type: 'boolean',
	default: true,
	description: 'Whether DingTalk sends the attendees a chat message about the event',
};

export const pushNotificationOption: INodeProperties = {
	displayName: 'Pop-Up Notification',
	name: 'pushNotification',
	type: 'boolean',
	default: true,
	description: 'Whether DingTalk shows the attendees a pop-up notification about the event',
};

/** Repeat fields (DingTalk's recurrence): frequency, every N, weekdays, and an end by count or date. */
export const repeatOptions: INodeProperties[] = [
	{
		displayName: 'Repeat Every',
		name: 'repeatInterval',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 365 },
		default: 1,
		description:
			'Repeat every this many days, weeks, months or years (1–365), e.g. 2 for every other week',
	},
	{
		displayName: 'Repeat Frequency',
		name: 'repeatFrequency',
		type: 'options',
		options: [
			{ name: 'Daily', value: 'daily' },
			{
				name: 'Monthly on the Same Day',
				value: 'monthly',
				description: "On the start's day of the month, e.g. the 15th",
			},
			{
				name: 'Monthly on the Same Weekday',
				value: 'monthlyByWeekday',
				description:
					"On the start's weekday of the month, e.g. the second Tuesday (the last one from the 29th on)",
			},
			{ name: 'Weekly', value: 'weekly' },
			{ name: 'Yearly', value: 'yearly' },
		],
		default: 'weekly',
		description: 'How often the event repeats, starting with its first occurrence at Start',
	},
	{
		displayName: 'Repeat How Many Times',
		name: 'repeatTimes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 99 },
		default: 10,
		description:
			"Number of occurrences, 1–99 (DingTalk's limit). Use either this or Repeat Until; with neither the event repeats without end.",
	},
	{
		displayName: 'Repeat On',
		name: 'repeatOnDays',
		type: 'multiOptions',
		options: [
			{ name: 'Friday', value: 'friday' },
			{ name: 'Monday', value: 'monday' },
			{ name: 'Saturday', value: 'saturday' },
			{ name: 'Sunday', value: 'sunday' },
			{ name: 'Thursday', value: 'thursday' },
			{ name: 'Tuesday', value: 'tuesday' },
			{ name: 'Wednesday', value: 'wednesday' },
		],
		default: [],
		description: "Days of the week of a weekly event. Empty: the start's weekday.",
	},
	{
		displayName: 'Repeat Until',
		name: 'repeatUntil',
		type: 'dateTime',
		default: '',
		description:
			'The last day an occurrence may fall on. Use either this or Repeat How Many Times.',
	},
];

/** The people an Attendee operation adds or removes (same name in both, so the value stays). */
export const attendeeIdsField: INodeProperties = {
	displayName: 'Attendees',
	name: 'attendeeIds',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 3VRoyJSQ3XeujP7Hov3siEiF, rYIvvnslIx9TsVwDw9NPiEiF',
	description:
		'The people, by unionId (not the staff user ID), separated by commas, or a list from an expression (the output of Attendee > Get Many works too). Up to 5,000: DingTalk is sent 500 per call.',
};
