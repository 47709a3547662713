import type { INodeProperties } from 'n8n-workflow';

/**
 * The user DingTalk's rooms APIs act for (their `unionId` query parameter, or the `{userId}` of room
 * free/busy). Same parameter name as Organizer User ID, so the value stays when switching operation.
 */
export const operatorField: INodeProperties = {
	displayName: 'Operator User ID',
	name: 'userId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. iiiP35sJadba8aBSgjrwPRKgiEiF',
	description:
		'The unionId of a member of the organization (not the staff user ID) on whose behalf DingTalk looks up rooms, e.g. the organizer of the meeting',
};

/** One room: pick it from the directory (searchable by name), or give its ID. */
export const roomLocator: INodeProperties = {
	displayName: 'Room',
	name: 'roomId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The meeting room',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a room...',
			typeOptions: { searchListMethod: 'searchRooms', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 0ffb7184a8a44ce3b36fa8f4b0b28ed2',
		},
	],
};

/** One room group: pick it (shown with its parents), or give its numeric ID. */
export const groupLocator: INodeProperties = {
	displayName: 'Group',
	name: 'groupId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The meeting-room group',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a group...',
			typeOptions: { searchListMethod: 'searchGroups', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 172',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*\\d{1,15}\\s*$', errorMessage: 'A group ID is a number' },
				},
			],
		},
	],
};

/** Room groups to search in; each includes its sub-groups. */
export const groupsField: INodeProperties = {
	displayName: 'Group Names or IDs',
	name: 'groupIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getRoomGroups', loadOptionsDependsOn: ['userId'] },
	default: [],
	description:
		'Only rooms in these groups or their sub-groups. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	hint: 'An expression may return a list of group IDs (numbers) or a comma-separated text',
};

/** Equipment a room must have, by label name. */
export const labelsField: INodeProperties = {
	displayName: 'Label Names or IDs',
	name: 'labels',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getRoomLabels', loadOptionsDependsOn: ['userId'] },
	default: [],
	description:
		'Only rooms that have every one of these labels (equipment such as TV or Projector). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	hint: 'An expression may return a list of label names, or names separated by commas',
};

export const minCapacityField: INodeProperties = {
	displayName: 'Minimum Capacity',
	name: 'minCapacity',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description: 'Only rooms with at least this many seats; 0 for any size',
};

export const nameContainsField: INodeProperties = {
	displayName: 'Name Contains',
	name: 'nameContains',
	type: 'string',
	default: '',
	description: 'Only rooms whose name contains this text (any case)',
};

/** The start of a time window: any date/time, read in the workflow's time zone unless it has an offset. */
export const windowStartField: INodeProperties = {
	displayName: 'Start',
	name: 'start',
	type: 'dateTime',
	default: '',
	required: true,
	description:
		"Start of the time window, e.g. 2026-12-03T15:00:00+08:00 (ISO 8601). A date and time without an offset is read in the workflow's time zone; an expression may also return a date.",
};

export const windowEndField: INodeProperties = {
	displayName: 'End',
	name: 'end',
	type: 'dateTime',
	default: '',
	required: true,
	description:
		"End of the time window, e.g. 2026-12-03T16:00:00+08:00 (ISO 8601), at most 90 days after Start for rooms. A date and time without an offset is read in the workflow's time zone; an expression may also return a date.",
};
