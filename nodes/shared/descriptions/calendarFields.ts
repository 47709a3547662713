import type { INodeProperties } from 'n8n-workflow';

/**
 * The calendar fields both nodes show. The organizer's unionId is the `{userId}` of every calendar
 * path: same name in every operation and in the trigger.
 */
export const organizerField: INodeProperties = {
	displayName: 'Organizer User ID',
	name: 'userId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. iiiP35sJadba8aBSgjrwPRKgiEiF',
	description:
		"The unionId of the event's organizer (not the staff user ID). DingTalk acts in this user's calendar.",
};

export const calendarIdField: INodeProperties = {
	displayName: 'Calendar ID',
	name: 'calendarId',
	type: 'string',
	default: 'primary',
	required: true,
	description:
		'The user\'s calendar. DingTalk event APIs use the user\'s primary calendar: keep "primary".',
};
