import type { INodeProperties } from 'n8n-workflow';

import * as addToEvent from './addToEvent.operation';
import * as findAndBook from './findAndBook.operation';
import * as get from './get.operation';
import * as getAvailability from './getAvailability.operation';
import * as getGroup from './getGroup.operation';
import * as getMany from './getMany.operation';
import * as getManyGroups from './getManyGroups.operation';
import * as removeFromEvent from './removeFromEvent.operation';

export {
	addToEvent,
	findAndBook,
	get,
	getAvailability,
	getGroup,
	getMany,
	getManyGroups,
	removeFromEvent,
};

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
			{
				name: 'Find and Book',
				value: 'findAndBook',
				description:
					'Find free rooms that fit (size, group, equipment) for an event or a new event, book the best ones and confirm what DingTalk granted',
				action: 'Find and book free meeting rooms',
			},
			{
				name: 'Get',
				value: 'get',
				description: "Get a meeting room's details and booking rules",
				action: 'Get a meeting room',
			},
			{
				name: 'Get Availability',
				value: 'getAvailability',
				description:
					'Check whether meeting rooms are free in a time window, with the bookings that occupy them',
				action: 'Get meeting room availability',
			},
			{
				name: 'Get Group',
				value: 'getGroup',
				description: 'Get a meeting-room group',
				action: 'Get a meeting room group',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					"List the organization's meeting rooms, filtered by size, group, equipment or name",
				action: 'Get many meeting rooms',
			},
			{
				name: 'Get Many Groups',
				value: 'getManyGroups',
				description: "List the organization's meeting-room groups",
				action: 'Get many meeting room groups',
			},
			{
				name: 'Remove From Event',
				value: 'removeFromEvent',
				description: 'Cancel the booking of meeting rooms on a calendar event',
				action: 'Remove meeting rooms from an event',
			},
		],
		default: 'addToEvent',
	},
	...addToEvent.description,
	...findAndBook.description,
	...get.description,
	...getAvailability.description,
	...getGroup.description,
	...getMany.description,
	...getManyGroups.description,
	...removeFromEvent.description,
];
