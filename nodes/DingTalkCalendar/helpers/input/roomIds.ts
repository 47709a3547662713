import type { IExecuteFunctions } from 'n8n-workflow';

import { readIdList } from './idList';
import { MAX_ROOMS_PER_EVENT } from './validation';

/**
 * Turns a Rooms parameter into a clean list of room IDs. The editor gives an array; expressions may
 * give an array, a JSON array string, a comma- or line-separated string, or room objects with a roomId
 * (the output of Meeting Room > Get Many). IDs are trimmed, empty entries dropped, duplicates removed,
 * and the count checked before any request: by default against DingTalk's limit of 5 rooms per event;
 * `max: Infinity` for lists DingTalk is asked about in batches (Get Availability).
 */
export function readRoomIds(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
	options: { max?: number; required?: boolean } = {},
): string[] {
	const max = options.max ?? MAX_ROOMS_PER_EVENT;
	return readIdList(context, itemIndex, parameter, field, {
		noun: 'room ID',
		objectKey: 'roomId',
		required: options.required,
		max: Number.isFinite(max)
			? {
					count: max,
					problem: (given) =>
						`${given} rooms given, but DingTalk books at most ${max} rooms per event`,
				}
			: undefined,
		help: Number.isFinite(max) ? ROOMS_HELP : ANY_ROOMS_HELP,
	});
}

const ROOMS_HELP =
	'Give 1 to 5 room IDs: pick them from the list, or use an expression that returns a list or a comma-separated text.';

const ANY_ROOMS_HELP =
	'Give room IDs: pick them from the list, or use an expression that returns a list or a comma-separated text.';
