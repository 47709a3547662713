import type { IExecuteFunctions } from 'n8n-workflow';

import { readIdList } from './idList';

/** DingTalk holds at most 5,000 attendees on one event (reference §4.0). */
export const MAX_ATTENDEES_PER_EVENT = 5000;

const HELP =
	'Give users by unionId (not the staff user ID), separated by commas, or a list from an expression (objects with an "id", as Attendee > Get Many returns them, work too).';

/**
 * Reads a list of users (unionIds) from a parameter: the editor's text, or from an expression a list,
 * comma- or line-separated text, or attendee objects with an `id`. Trimmed, de-duplicated, and at most
 * the 5,000 an event can hold, before any request.
 */
export function readAttendeeIds(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
	options: { required?: boolean; max?: number } = {},
): string[] {
	const max = options.max ?? MAX_ATTENDEES_PER_EVENT;
	return readIdList(context, itemIndex, parameter, field, {
		noun: 'user ID',
		objectKey: 'id',
		required: options.required,
		max: {
			count: max,
			problem: (given) => `${given} users given, but DingTalk allows at most ${max} here`,
		},
		help: HELP,
	});
}
