import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';

import { RESOURCE_LABELS, type OperationModule } from './operation';
import { operations } from './router';

/**
 * Error texts for a model. When the node runs as an AI tool, n8n hands the model the error's message and
 * description as the tool's answer. The node's own texts are written for the editor ("Item 0, field
 * "Rooms"", "pick them from the list", "Meeting Room > Get Availability"); here they are rewritten to
 * name the parameter as the tool has it (its `$fromAI` key), to drop the editor's advice, and to name
 * the other tools by what they do. DingTalk's facts (code, message, request ID) stay as they are.
 */

/** Where each field label of the node's messages lives, in the order to look. */
const FIELD_PARAMETERS: Record<string, string[]> = {
	'Organizer User ID': ['userId'],
	'Operator User ID': ['userId'],
	'Calendar ID': ['calendarId'],
	Event: ['eventId'],
	Room: ['roomId'],
	Group: ['groupId'],
	Rooms: ['roomIds'],
	'Number of Rooms': ['roomCount'],
	'Preferred Rooms': ['criteria.preferredRoomIds'],
	'Minimum Capacity': ['minCapacity', 'filters.minCapacity'],
	Groups: ['criteria.groupIds', 'filters.groupIds'],
	Labels: ['criteria.labels', 'filters.labels'],
	'Name Contains': ['criteria.nameContains', 'filters.nameContains'],
	Title: ['summary'],
	Summary: ['summary', 'updateFields.summary'],
	Start: ['start', 'updateFields.start'],
	End: ['end', 'updateFields.end'],
	After: ['timeMin'],
	Before: ['timeMax'],
	Limit: ['limit'],
	Users: ['userIds'],
	Attendees: ['attendeeIds', 'additionalFields.attendeeIds'],
	'Optional Attendees': ['additionalFields.optionalAttendeeIds'],
	'Meeting Rooms to Book': ['additionalFields.roomIds'],
};

/** The labels of FIELD_PARAMETERS, for tests that keep the table complete. */
export const KNOWN_FIELD_LABELS = Object.keys(FIELD_PARAMETERS);

const FIELD_MESSAGE = /^Item \d+, field "([^"]+)": ([\s\S]*)$/;
const FROM_AI_KEY = /\$fromAI\(\s*(['"`])([A-Za-z0-9_-]{1,64})\1/g;

function valueAt(parameters: INodeParameters, path: string): unknown {
	let value: unknown = parameters;
	for (const key of path.split('.')) {
		if (!value || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[key];
	}
	if (value && typeof value === 'object' && (value as IDataObject).__rl)
		return (value as IDataObject).value;
	return value;
}

/** The `$fromAI` keys a parameter's raw value uses, e.g. `roomIds` of `={{ $fromAI('roomIds', …) }}`. */
export function fromAiKeys(value: unknown): string[] {
	const text =
		typeof value === 'string'
			? value
			: Array.isArray(value)
				? value.filter((v) => typeof v === 'string').join(' ')
				: '';
	return [...new Set([...text.matchAll(FROM_AI_KEY)].map((match) => match[2]))];
}

/** How the tool calls a field: its `$fromAI` key(s), or undefined when the workflow fixes its value. */
function toolParameterName(parameters: INodeParameters, field: string): string | undefined {
	for (const path of FIELD_PARAMETERS[field] ?? []) {
		const keys = fromAiKeys(valueAt(parameters, path));
		if (keys.length) return keys.map((key) => `"${key}"`).join(' / ');
	}
	return undefined;
}

/** "Meeting Room > Get Availability" -> `the "Get meeting room availability" tool`, from the operations' actions. */
function operationPhrases(): Array<[string, string]> {
	const phrases: Array<[string, string]> = [];
	for (const [resource, table] of Object.entries(operations)) {
		for (const { option } of Object.values(table) as OperationModule[]) {
			phrases.push([
				`${RESOURCE_LABELS[resource]} > ${option.name}`,
				`the DingTalk Calendar tool "${option.action}"`,
			]);
		}
	}
	// Longest first, so "Get Many Groups" wins over "Get Many".
	return phrases.sort((a, b) => b[0].length - a[0].length);
}

let phrases: Array<[string, string]> | undefined;

/** Editor advice that means nothing to a model, and what to say instead. */
const EDITOR_ADVICE: Array<[RegExp, string]> = [
	[
		/pick them from the list, or use an expression that returns a list or a comma-separated text/gi,
		'pass them as a list of IDs or as one text with the IDs separated by commas',
	],
	[
		/(Pick|Choose) (rooms|a room) from the list, or (copy|give) (room IDs|its ID)( from)?/g,
		'Use room IDs$5',
	],
	[
		/Pick an event from the list, or give its ID\./g,
		'Give the event ID returned when the event was created.',
	],
	[/Pick a room from the list, or give its ID\./g, 'Give a room ID.'],
	[
		/Choose a group from the list, or copy group IDs \(numbers\) from/g,
		'Use group IDs (numbers) from',
	],
	[/Fill in "[^"]+", or map it from the input with an expression\./g, 'Give a value.'],
	[/(run|Run) the item again/g, '$1 the tool again'],
	[/of this item/g, 'of this call'],
	[/per item/g, 'per call'],
	[
		/Lower the number of items per run, or set this node to Retry On Fail with a wait of at least 1 second\./g,
		'Wait a second, then call the tool again.',
	],
	[/, or set (the|this) node to Retry On Fail/g, ''],
];

/** Rewrites one editor text for a model. */
export function toolText(text: string): string {
	phrases ??= operationPhrases();
	let out = text;
	for (const [pattern, replacement] of EDITOR_ADVICE) out = out.replace(pattern, replacement);
	for (const [reference, phrase] of phrases) out = out.split(reference).join(phrase);
	return out.replace(/(^|[.!?]\s+)the DingTalk Calendar tool/g, '$1The DingTalk Calendar tool');
}

/** A field message for a model: which parameter of the tool is wrong, or that the workflow fixed it. */
export function toolMessage(parameters: INodeParameters, message: string): string {
	const match = FIELD_MESSAGE.exec(message);
	if (!match) return toolText(message);
	const [, field, problem] = match;
	const name = toolParameterName(parameters, field);
	if (name) return `Parameter ${name}: ${toolText(problem)}`;
	return (
		`The tool's fixed setting "${field}": ${toolText(problem)}. ` +
		'The workflow sets this value, not the tool call: tell the user that the tool is set up wrongly'
	);
}

type ToolError = Error & { description?: string | null; context?: IDataObject };

/** Rewrites an error the node throws in place, for a model (same class, same DingTalk details). */
export function toToolError(context: IExecuteFunctions, error: ToolError): ToolError {
	const parameters = context.getNode().parameters;
	error.message = toolMessage(parameters, error.message);
	if (typeof error.description === 'string') error.description = toolText(error.description);
	return error;
}

/** Continue On Fail items (`json.error`, `json.errorDescription`), rewritten the same way. */
export function toToolErrorItems(
	context: IExecuteFunctions,
	output: INodeExecutionData[][],
): INodeExecutionData[][] {
	const parameters = context.getNode().parameters;
	for (const item of output[0] ?? []) {
		// Continue (regular output): flat {error, errorDescription}; Continue (using error output): the same
		// texts nested under `error` (see the router), so the error output keeps DingTalk's details.
		const error = item.json.error;
		const texts =
			error !== null && typeof error === 'object' && !Array.isArray(error)
				? (error as IDataObject)
				: item.json;
		if (typeof texts.message === 'string' && texts !== item.json)
			texts.message = toolMessage(parameters, texts.message);
		if (typeof item.json.error === 'string')
			item.json.error = toolMessage(parameters, item.json.error);
		if (typeof texts.errorDescription === 'string')
			texts.errorDescription = toolText(texts.errorDescription);
	}
	return output;
}
