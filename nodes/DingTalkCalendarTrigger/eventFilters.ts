import type { IDataObject } from 'n8n-workflow';

import type { EventFilters } from './triggerSettings';

/** The rooms DingTalk lists on an event (any status: accepted, tentative or declined). */
export function roomsOf(event: IDataObject): IDataObject[] {
	return Array.isArray(event.meetingRooms) ? (event.meetingRooms as IDataObject[]) : [];
}

/** Whether an event passes the trigger's filters (summary, rooms, attendee count). */
export function matchesFilters(event: IDataObject, filters: EventFilters): boolean {
	if (filters.summaryContains) {
		const summary = typeof event.summary === 'string' ? event.summary.toLowerCase() : '';
		if (!summary.includes(filters.summaryContains)) return false;
	}
	const hasRooms = roomsOf(event).length > 0;
	if (filters.rooms === 'withRooms' && !hasRooms) return false;
	if (filters.rooms === 'withoutRooms' && hasRooms) return false;
	if (filters.minAttendees > 0) {
		const attendees = Array.isArray(event.attendees) ? event.attendees.length : 0;
		if (attendees < filters.minAttendees) return false;
	}
	return true;
}
