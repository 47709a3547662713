import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getUserAvailability from './getUserAvailability.operation';
import * as update from './update.operation';

export { create, del as delete, get, getAll, getUserAvailability, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create an event, optionally with attendees, a repeat pattern and meeting rooms',
				action: 'Create an event',
			},
			{
				name: 'Delete',
				value: 'delete',
				description:
					'Cancel an event for everyone (as organizer), or remove it from an attendee calendar',
				action: 'Delete an event',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an event with its attendees, rooms and online meeting',
				action: 'Get an event',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List a user's events in a time window",
				action: 'Get many events',
			},
			{
				name: 'Get User Availability',
				value: 'getUserAvailability',
				description: 'Get when users are busy in a time window (free/busy)',
				action: 'Get the availability of users',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the fields of an event you set, leaving the rest as it is',
				action: 'Update an event',
			},
		],
		default: 'create',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...getUserAvailability.description,
	...update.description,
];
