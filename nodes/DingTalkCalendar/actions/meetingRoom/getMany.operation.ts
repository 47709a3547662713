import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { returnAllOrLimit } from '../../descriptions/returnAllOrLimit';
import {
	groupsField,
	labelsField,
	minCapacityField,
	nameContainsField,
	operatorField,
} from '../../descriptions/roomFields';
import { outputOption } from '../../descriptions/outputOptions';
import { readOperator } from '../../helpers/input/operator';
import { inBatches } from '../../../shared/transport/api/batches';
import { readCriteriaInput, resolveRoomCriteria } from '../../helpers/rooms/criteriaInput';
import { matchesCriteria } from '../../helpers/rooms/criteria';
import { getRoomDetail, isBookable } from '../../helpers/rooms/directory';
import { roomPages, type RoomSummary } from '../../../shared/transport/api/rooms';
import { readReturnLimit } from '../../helpers/input/returnLimit';
import { simplifyRoom } from '../../helpers/rooms/simplified';
import { readOutputShape } from '../../helpers/run/toolMode';
import type { DingTalkClient } from '../../../shared/transport/client';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Many',
	description: "List the organization's meeting rooms, filtered by size, group, equipment or name",
	action: 'Get many meeting rooms',
};

export const toolDescription =
	"List the organization's meeting rooms: roomId, roomName, roomCapacity (seats), group, location, equipment labels and who may book each. Optional filters: minimum seats, group IDs, labels, text in the name. Use the room IDs with the tools that check availability or book rooms.";

const properties: INodeProperties[] = [
	operatorField,
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Bookable Only',
				name: 'bookableOnly',
				type: 'boolean',
				default: false,
				description:
					"Whether to leave out rooms closed for booking and rooms only admins may book (reads each matching room's booking rules: one more call per room)",
			},
			groupsField,
			labelsField,
			minCapacityField,
			nameContainsField,
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [outputOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['meetingRoom'], operation: ['getMany'] } },
	properties,
);

/** Rooms whose booking rules are read side by side while filtering for Bookable Only. */
const DETAILS_AT_ONCE = 10;

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	return {
		unionId: readOperator(this, itemIndex),
		limit: readReturnLimit(this, itemIndex),
		bookableOnly: this.getNodeParameter('filters.bookableOnly', itemIndex, false) === true,
		criteriaInput: readCriteriaInput(this, itemIndex, {
			minCapacity: ['filters.minCapacity', 'Minimum Capacity'],
			groupIds: ['filters.groupIds', 'Groups'],
			labels: ['filters.labels', 'Labels'],
			nameContains: ['filters.nameContains', 'Name Contains'],
		}),
		shape: readOutputShape(this, itemIndex),
	};
}

/**
 * Lists the organization's meeting rooms (QueryMeetingRoomList, paged by DingTalk's numeric nextToken),
 * filtered, one output item per room (every DingTalk field, or Output: Simplified). With a limit, paging stops as soon as enough rooms matched.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ unionId, limit, bookableOnly, criteriaInput, shape }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const criteria = await resolveRoomCriteria(this, itemIndex, client, unionId, criteriaInput);

	const found: RoomSummary[] = [];
	for await (const page of roomPages(client, unionId, { itemIndex })) {
		const matching = page.rooms.filter((room) => matchesCriteria(room, criteria));
		if (!bookableOnly) {
			found.push(...matching);
		} else {
			for (const chunk of inBatches(matching, DETAILS_AT_ONCE)) {
				if (found.length >= limit) break;
				const details = await Promise.all(
					chunk.map((room) => getRoomDetail(client, unionId, room.roomId, itemIndex)),
				);
				found.push(...chunk.filter((_, k) => isBookable(details[k])));
			}
		}
		if (found.length >= limit) break;
	}
	return found.slice(0, limit).map((room) => ({
		json: shape === 'simplified' ? simplifyRoom(room) : room,
		pairedItem: { item: itemIndex },
	}));
}
