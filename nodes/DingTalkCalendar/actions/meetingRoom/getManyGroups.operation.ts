import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { returnAllOrLimit } from '../../descriptions/returnAllOrLimit';
import { operatorField } from '../../descriptions/roomFields';
import { readOperator } from '../../helpers/input/operator';
import { listRoomGroups } from '../../helpers/rooms/groups';
import { readReturnLimit } from '../../helpers/input/returnLimit';
import type { DingTalkClient } from '../../../shared/transport/client';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Many Groups',
	description: "List the organization's meeting-room groups",
	action: 'Get many meeting room groups',
};

export const toolDescription =
	"List the organization's meeting-room groups (buildings, floors): numeric group IDs, names and parent groups. Group IDs narrow the room list and room search.";

const properties: INodeProperties[] = [operatorField, ...returnAllOrLimit];

export const description = updateDisplayOptions(
	{ show: { resource: ['meetingRoom'], operation: ['getManyGroups'] } },
	properties,
);

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	return { unionId: readOperator(this, itemIndex), limit: readReturnLimit(this, itemIndex) };
}

/** The organization's meeting-room groups (QueryMeetingRoomGroupList), one output item per group. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ unionId, limit }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const groups = await listRoomGroups(client, unionId, itemIndex);
	return groups.slice(0, limit).map((json) => ({ json, pairedItem: { item: itemIndex } }));
}
