import type { INodeProperties } from 'n8n-workflow';

/** Event ID: pick one of the organizer's upcoming events, or give an ID. */
export const eventField: INodeProperties = {
	displayName: 'Event',
	name: 'eventId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The calendar event, as returned by DingTalk when it was created',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an event...',
			typeOptions: { searchListMethod: 'searchEvents', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. cnNTbW1YbU9sL2p6aFJZdEgvdlQrQT09',
		},
	],
};

/** Up to five rooms: a list in the editor, an array or comma-separated text from an expression. */
export const roomsField: INodeProperties = {
	displayName: 'Rooms Names or IDs',
	name: 'roomIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getRooms', loadOptionsDependsOn: ['userId'] },
	default: [],
	required: true,
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: "One to five rooms. An expression (or an AI tool call) may give a list of room IDs, or room IDs separated by commas; Meeting Room > Get Many lists them. The list marks rooms closed for booking when the organization has up to 50 rooms (only each room's own details say so: one call per room).",
};
