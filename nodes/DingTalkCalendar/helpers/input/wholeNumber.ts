import type { IExecuteFunctions } from 'n8n-workflow';

import { describeValue, invalidField } from './validation';

/** What a whole-number field holds, and how its error is worded. */
export interface WholeNumberField {
	/** The value when the parameter is not set (getNodeParameter's fallback). */
	fallback: number;
	min: number;
	max?: number;
	/** What the value must be, for the message: `<value> is not <expected>`. */
	expected: string;
	/** What to do about it, for the error's description. */
	description: string;
	/** The number an empty field stands for; without it an empty field is an error. */
	whenEmpty?: number;
}

/**
 * Reads a whole number: a number, or text that holds one (an expression gives text). Anything else,
 * or a number out of range, is an error naming the item and the field, before any request.
 */
export function readWholeNumber(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
	spec: WholeNumberField,
): number {
	const raw = context.getNodeParameter(parameter, itemIndex, spec.fallback) as unknown;
	if (spec.whenEmpty !== undefined && (raw === '' || raw === null || raw === undefined)) {
		return spec.whenEmpty;
	}
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (
		typeof value !== 'number' ||
		!Number.isInteger(value) ||
		value < spec.min ||
		(spec.max !== undefined && value > spec.max)
	) {
		throw invalidField(
			context,
			itemIndex,
			field,
			`${describeValue(raw)} is not ${spec.expected}`,
			spec.description,
		);
	}
	return value;
}
