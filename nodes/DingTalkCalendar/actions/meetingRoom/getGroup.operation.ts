import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { groupLocator, operatorField } from '../../descriptions/roomFields';
import { readOperator } from '../../helpers/input/operator';
import { invalidField, requiredId } from '../../helpers/input/validation';
import type { DingTalkClient } from '../../../shared/transport/client';
import { getRoomGroup } from '../../../shared/transport/api/rooms';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Group',
	description: 'Get a meeting-room group',
	action: 'Get a meeting room group',
};

export const toolDescription =
	'Get one meeting-room group (a building or floor) by its numeric group ID: its name and parent group.';

const properties: INodeProperties[] = [operatorField, groupLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['meetingRoom'], operation: ['getGroup'] } },
	properties,
);

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	const unionId = readOperator(this, itemIndex);
	const groupId = requiredId(this, itemIndex, 'groupId', 'Group', {
		extractValue: true,
		description: 'Pick a group from the list, or give its ID (a number).',
	});
	if (!/^\d{1,15}$/.test(groupId)) {
		throw invalidField(
			this,
			itemIndex,
			'Group',
			`"${groupId}" is not a group ID (group IDs are numbers)`,
			'Pick a group from the list, or copy its ID from Meeting Room > Get Many Groups.',
		);
	}
	return { unionId, groupId };
}

/** One meeting-room group (QueryMeetingRoomGroup): its ID, name and parent (0 at the top). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ unionId, groupId }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const group = await getRoomGroup(client, unionId, groupId, itemIndex);
	return [{ json: group, pairedItem: { item: itemIndex } }];
}
