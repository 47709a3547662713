import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { isDotSegment } from '../../../shared/transport/paths';

/** DingTalk allows at most this many meeting rooms on one event. */
export const MAX_ROOMS_PER_EVENT = 5;

/** A local validation error that names the item and the field, thrown before any request. */
export function invalidField(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	problem: string,
	description?: string,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`Item ${itemIndex}, field "${field}": ${problem}`,
		{
			itemIndex,
			description,
		},
	);
}

/** Reads a required text parameter, trimmed; empty is an error naming the field. */
export function requiredString(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
	options: { extractValue?: boolean; description?: string } = {},
): string {
	const raw = context.getNodeParameter(parameter, itemIndex, '', {
		extractValue: options.extractValue,
	});
	const description =
		options.description ?? `Fill in "${field}", or map it from the input with an expression.`;
	if (typeof raw !== 'string' && typeof raw !== 'number') {
		throw invalidField(
			context,
			itemIndex,
			field,
			`expected text but got ${describeValue(raw)}`,
			description,
		);
	}
	const value = String(raw).trim();
	if (value === '') {
		throw invalidField(context, itemIndex, field, 'is empty', description);
	}
	return value;
}

/** Reads a required ID that goes into an API path: like requiredString, and never "." or "..". */
export function requiredId(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
	options: { extractValue?: boolean; description?: string } = {},
): string {
	const value = requiredString(context, itemIndex, parameter, field, options);
	if (isDotSegment(value)) {
		throw invalidField(context, itemIndex, field, `"${value}" is not an ID`, options.description);
	}
	return value;
}

export function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `${typeof value} ${JSON.stringify(value)}`;
}
