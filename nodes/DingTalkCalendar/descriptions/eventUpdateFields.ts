import type { INodeProperties } from 'n8n-workflow';

import {
	allDayField,
	chatNotificationOption,
	descriptionOption,
	locationOption,
	onlineMeetingOption,
	pushNotificationOption,
	remindersOption,
	repeatOptions,
	summaryField,
	timeZoneOption,
} from './eventFields';

/**
 * Event > Update's Update Fields: the event's fields as Create has them, with descriptions that say
 * what a change does to the event as it is; only the fields added are sent.
 */
export const eventUpdateFields: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description:
		'Only the fields added here change. Attendees change with Attendee > Add and Remove, rooms with Meeting Room operations.',
	options: [
		{
			...allDayField,
			description:
				'Whether the event takes whole days. Turning it off needs a Start and an End with times of day.',
		},
		chatNotificationOption,
		descriptionOption,
		{
			displayName: 'End',
			name: 'end',
			type: 'dateTime',
			default: '',
			description:
				'New end, after Start. For an all-day event the last day (inclusive). Without Start, the event keeps its start.',
		},
		locationOption,
		{
			...onlineMeetingOption,
			description:
				'Whether to create a new DingTalk video meeting for the event (replacing any it has)',
		},
		pushNotificationOption,
		remindersOption,
		...repeatOptions,
		{
			displayName: 'Start',
			name: 'start',
			type: 'dateTime',
			default: '',
			description:
				'New start: ISO text such as 2031-03-03T09:00 (read in the time zone) or with an offset, or a date from an expression. For an all-day event the first day. Without End, the event keeps its end.',
		},
		{ ...summaryField, required: false },
		{
			...timeZoneOption,
			description:
				"IANA time zone for the event and for Start/End given without an offset. Empty: the workflow's time zone. Alone, it moves the event's zone and keeps its moments in time.",
		},
	],
};
