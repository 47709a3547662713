import type { IExecuteFunctions } from 'n8n-workflow';

import { requiredId } from './validation';

/**
 * Reads Operator User ID: the unionId of the member on whose behalf the rooms API and free/busy look
 * (the same parameter, `userId`, as Organizer User ID, so its value survives switching operations).
 */
export function readOperator(context: IExecuteFunctions, itemIndex: number): string {
	return requiredId(context, itemIndex, 'userId', 'Operator User ID', {
		description: 'Give the unionId of a member of the organization (not the staff user ID).',
	});
}
