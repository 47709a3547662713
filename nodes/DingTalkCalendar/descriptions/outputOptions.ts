import type { INodeProperties } from 'n8n-workflow';

/** Options > Output (read by readOutputShape): what shape the items of a listing have. */
export const outputOption: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: [
		{
			name: 'Auto',
			value: 'auto',
			description: 'Simplified when the node runs as an AI tool, Raw otherwise',
		},
		{
			name: 'Raw',
			value: 'raw',
			description: 'Every field DingTalk returns',
		},
		{
			name: 'Simplified',
			value: 'simplified',
			description:
				'Only the fields an agent or a simple workflow needs: IDs, names, seats, group, free/busy times',
		},
	],
	default: 'auto',
};

/** Options > Other Users' Event Details (read by readShowOthersEvents), for free/busy answers. */
export const othersEventDetailsOption: INodeProperties = {
	displayName: "Other Users' Event Details",
	name: 'othersEventDetails',
	type: 'options',
	options: [
		{
			name: 'Auto',
			value: 'auto',
			description: 'Hidden when the node runs as an AI tool, shown otherwise',
		},
		{
			name: 'Hide',
			value: 'hide',
			description:
				'Busy times only: no event ID or organizer for bookings the operator does not organize',
		},
		{
			name: 'Show',
			value: 'show',
			description: 'Event ID and organizer unionId of every booking',
		},
	],
	default: 'auto',
};
