import type { IExecuteFunctions } from 'n8n-workflow';
import { fakeNode } from '../fakeNode';

const node = fakeNode();

/**
 * Only what the parameter readers use of a node run: the item's parameters (one set for every item),
 * the workflow's time zone and the node, for errors.
 */
export function itemContext(
	parameters: Record<string, unknown> = {},
	timezone = 'Asia/Shanghai',
): IExecuteFunctions {
	return {
		getNode: () => node,
		getTimezone: () => timezone,
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) =>
			name in parameters ? parameters[name] : fallback,
	} as unknown as IExecuteFunctions;
}
