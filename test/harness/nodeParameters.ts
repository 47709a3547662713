import type { INodeParameters } from 'n8n-workflow';

/**
 * Add to Event fed from each item's fields: organizer, eventId, rooms. Parameters as the editor saves them
 * (expressions start with "="). A module of its own, importing no engine, so that the real-n8n drivers
 * (e2e, queue, bench) use it without loading n8n-core.
 */
export function addToEventParameters(overrides: INodeParameters = {}): INodeParameters {
	return {
		resource: 'meetingRoom',
		operation: 'addToEvent',
		userId: '={{ $json.organizer }}',
		calendarId: 'primary',
		eventId: { __rl: true, mode: 'id', value: '={{ $json.eventId }}' },
		roomIds: '={{ $json.rooms }}',
		...overrides,
	};
}
