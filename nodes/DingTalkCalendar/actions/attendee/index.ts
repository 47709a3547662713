import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as getAll from './getAll.operation';
import * as remove from './remove.operation';

export { add, getAll, remove };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['attendee'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Invite people to an event',
				action: 'Add attendees to an event',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the attendees of an event and their answers',
				action: 'Get many attendees of an event',
			},
			{
				name: 'Remove',
				value: 'remove',
				description: 'Take people off an event',
				action: 'Remove attendees from an event',
			},
		],
		default: 'add',
	},
	...add.description,
	...getAll.description,
	...remove.description,
];
