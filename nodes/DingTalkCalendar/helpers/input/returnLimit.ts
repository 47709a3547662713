import type { IExecuteFunctions } from 'n8n-workflow';

import { readWholeNumber } from './wholeNumber';

/** How many results an item wants: Infinity with Return All, else its Limit (a whole number ≥ 1). */
export function readReturnLimit(context: IExecuteFunctions, itemIndex: number): number {
	if (context.getNodeParameter('returnAll', itemIndex, false) === true) return Infinity;
	return readWholeNumber(context, itemIndex, 'limit', 'Limit', {
		fallback: 50,
		min: 1,
		expected: 'a whole number ≥ 1',
		description: 'Give a Limit such as 50, or turn on Return All.',
	});
}
