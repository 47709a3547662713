/**
 * Encodes one path segment. encodeURIComponent leaves "." alone, and a segment "." or ".." would be
 * collapsed by URL normalisation into another path, so dots are encoded too: an ID can never leave
 * its own segment.
 */
export function encodePathSegment(value: string): string {
	return encodeURIComponent(value).replace(/\./g, '%2E');
}

/** Builds a path from a template and values: `path('/users/{userId}', { userId })`. */
export function buildPath(template: string, values: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		const value = values[name];
		if (value === undefined) {
			throw new Error(`Path parameter ${name} is missing`);
		}
		return encodePathSegment(value);
	});
}

/** The DingTalk API paths the node calls (see the reference: calendar_1_0, rooms_1_0). */
export const PATHS = {
	event: '/v1.0/calendar/users/{userId}/calendars/{calendarId}/events/{eventId}',
	events: '/v1.0/calendar/users/{userId}/calendars/{calendarId}/events',
	addMeetingRooms: '/v1.0/calendar/users/{userId}/calendars/{calendarId}/events/{eventId}/meetingRooms',
	roomList: '/v1.0/rooms/meetingRoomLists',
} as const;
