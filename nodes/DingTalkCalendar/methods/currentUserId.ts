import type { ILoadOptionsFunctions } from 'n8n-workflow';

/** The Organizer User ID as set in the editor, when it is a plain value (not an unresolved expression). */
export function currentUserId(context: ILoadOptionsFunctions): string {
	const value = context.getCurrentNodeParameter('userId');
	return typeof value === 'string' && !value.startsWith('=') ? value.trim() : '';
}
