import type { IExecuteFunctions } from 'n8n-workflow';

import { describeValue, invalidField, MAX_ROOMS_PER_EVENT } from './validation';

/**
 * Turns the Rooms parameter into a clean list of room IDs. The editor gives an array; expressions may
 * give an array, a JSON array string, a comma- or line-separated string, or room objects with a roomId
 * (the output of Meeting Room > Get Many). IDs are trimmed, empty entries dropped, duplicates removed,
 * and the count checked against DingTalk's limit of 5 before any request.
 */
export function readRoomIds(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
): string[] {
	const raw = context.getNodeParameter(parameter, itemIndex, []) as unknown;
	const ids: string[] = [];
	const add = (value: unknown) => {
		if (value === null || value === undefined) return;
		if (Array.isArray(value)) {
			value.forEach(add);
			return;
		}
		if (typeof value === 'object' && typeof (value as { roomId?: unknown }).roomId === 'string') {
			add((value as { roomId: string }).roomId);
			return;
		}
		if (typeof value === 'number') {
			add(String(value));
			return;
		}
		if (typeof value !== 'string') {
			throw invalidField(context, itemIndex, field, `${describeValue(value)} is not a room ID`, ROOMS_HELP);
		}
		const text = value.trim();
		if (text.startsWith('[')) {
			let parsed: unknown;
			try {
				parsed = JSON.parse(text);
			} catch {
				throw invalidField(context, itemIndex, field, 'looks like a JSON list but is not valid JSON', ROOMS_HELP);
			}
			add(parsed);
			return;
		}
		for (const part of text.split(/[\s,;]+/)) {
			if (part !== '') ids.push(part);
		}
	};
	add(raw);

	const unique = [...new Set(ids)];
	if (unique.length === 0) {
		throw invalidField(context, itemIndex, field, 'no room ID given', ROOMS_HELP);
	}
	if (unique.length > MAX_ROOMS_PER_EVENT) {
		throw invalidField(
			context,
			itemIndex,
			field,
			`${unique.length} rooms given, but DingTalk books at most ${MAX_ROOMS_PER_EVENT} rooms per event`,
			ROOMS_HELP,
		);
	}
	return unique;
}

const ROOMS_HELP =
	'Give 1 to 5 room IDs: pick them from the list, or use an expression that returns a list or a comma-separated text.';
