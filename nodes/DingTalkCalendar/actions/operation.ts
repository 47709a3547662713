import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { DingTalkClient } from '../../shared/transport/client';

/**
 * What one successful item changed in DingTalk, read from the operation's own output: the router lists
 * these in the error of a stopped run for items that finished after the failing one.
 */
export interface ItemChange extends IDataObject {
	/** In words, e.g. "booked rooms a, b onto event E". */
	change: string;
	eventId?: string;
	roomIds?: string[];
	attendeeIds?: string[];
}

/** An operation's entry in its resource's Operation list; its value is its key in the router's table. */
export interface OperationOption {
	name: string;
	description: string;
	action: string;
}

/**
 * The shape of every operation module (actions/<resource>/<operation>.operation.ts):
 * - `option` is its entry in the Operation list, `description` its fields, `toolDescription` what an
 *   AI agent or MCP client is told it does (the tool's Description default).
 * - `validate` reads and checks the item's parameters without any request, and returns them parsed.
 *   The router calls it for every item before it sends the first request.
 * - `execute` does the item's work with what `validate` returned; it reads no parameter itself.
 * - `changeOf` (operations that write) says, from one output item's json, what the item changed,
 *   or undefined when it changed nothing.
 */
export interface OperationModule<Input = unknown> {
	option: OperationOption;
	description: INodeProperties[];
	toolDescription: string;
	validate(this: IExecuteFunctions, itemIndex: number): Input;
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		client: DingTalkClient,
		input: Input,
	): Promise<INodeExecutionData[]>;
	changeOf?: (json: IDataObject) => ItemChange | undefined;
}

/** Each resource as the editor's Resource list names it. */
export const RESOURCE_LABELS: Record<string, string> = {
	meetingRoom: 'Meeting Room',
	event: 'Event',
	attendee: 'Attendee',
};

const MAX_LISTED = 10;

/** IDs for a message: all of them up to ten, else the first ten and how many more. */
export function listIds(ids: string[]): string {
	return ids.length <= MAX_LISTED
		? ids.join(', ')
		: `${ids.slice(0, MAX_LISTED).join(', ')} and ${ids.length - MAX_LISTED} more`;
}

export const stringList = (value: unknown): string[] =>
	Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
