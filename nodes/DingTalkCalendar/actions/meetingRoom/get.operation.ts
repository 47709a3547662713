import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { outputOption } from '../../descriptions/outputOptions';
import { operatorField, roomLocator } from '../../descriptions/roomFields';
import { readOperator } from '../../helpers/input/operator';
import { getRoom } from '../../../shared/transport/api/rooms';
import { simplifyRoom } from '../../helpers/rooms/simplified';
import { readOutputShape } from '../../helpers/run/toolMode';
import { requiredId } from '../../helpers/input/validation';
import type { DingTalkClient } from '../../../shared/transport/client';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get',
	description: "Get a meeting room's details and booking rules",
	action: 'Get a meeting room',
};

export const toolDescription =
	'Get one meeting room by its room ID (from the tool that lists meeting rooms): name, seats, group, location, equipment, who may book it, whether it is open for booking and whether bookings need an approver.';

const properties: INodeProperties[] = [
	operatorField,
	roomLocator,
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
	{ show: { resource: ['meetingRoom'], operation: ['get'] } },
	properties,
);

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	return {
		unionId: readOperator(this, itemIndex),
		roomId: requiredId(this, itemIndex, 'roomId', 'Room', {
			extractValue: true,
			description: 'Pick a room from the list, or give its ID.',
		}),
		shape: readOutputShape(this, itemIndex),
	};
}

/**
 * One room's detail (QueryMeetingRoom): the directory fields plus its booking rules
 * (`extensionConfig`: open for booking, approval, how far ahead, ...), unwrapped from DingTalk's `result`.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ unionId, roomId, shape }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const detail = await getRoom(client, unionId, roomId, itemIndex);
	return [
		{
			json: shape === 'simplified' ? simplifyRoom(detail) : detail,
			pairedItem: { item: itemIndex },
		},
	];
}
