import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The Organizer User ID as set in the editor, when it is a plain value (not an unresolved expression). */
export function currentUserId(context: ILoadOptionsFunctions): string {
	const value = context.getCurrentNodeParameter('userId');
	return typeof value === 'string' && !value.startsWith('=') ? value.trim() : '';
}

/** The User ID the room directory is listed for; the pickers cannot list rooms without one. */
export function requireCurrentUserId(context: ILoadOptionsFunctions): string {
	const unionId = currentUserId(context);
	if (!unionId) {
		throw new NodeOperationError(
			context.getNode(),
			'Set the User ID first: DingTalk lists rooms for a member of the organization',
		);
	}
	return unionId;
}
