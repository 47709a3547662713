import type { IExecuteFunctions } from 'n8n-workflow';

import { describeValue, invalidField } from './validation';

/** How many results an item wants: Infinity with Return All, else its Limit (a whole number ≥ 1). */
export function readReturnLimit(context: IExecuteFunctions, itemIndex: number): number {
	if (context.getNodeParameter('returnAll', itemIndex, false) === true) return Infinity;
	const raw = context.getNodeParameter('limit', itemIndex, 50) as unknown;
	const limit = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw invalidField(
			context,
			itemIndex,
			'Limit',
			`${describeValue(raw)} is not a whole number ≥ 1`,
			'Give a Limit such as 50, or turn on Return All.',
		);
	}
	return limit;
}
