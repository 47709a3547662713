import type { INodeProperties } from 'n8n-workflow';

import * as addToEvent from './addToEvent.operation';

export { addToEvent };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['meetingRoom'] } },
		options: [
			{
				name: 'Add to Event',
				value: 'addToEvent',
				description: 'Book one to five meeting rooms onto a calendar event',
				action: 'Add meeting rooms to an event',
			},
		],
		default: 'addToEvent',
	},
	...addToEvent.description,
];
