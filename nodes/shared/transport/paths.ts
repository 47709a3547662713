import type { IHttpRequestMethods } from 'n8n-workflow';

/**
 * A value that can never be a path segment of its own: URL parsers collapse "." and ".." (also when
 * written %2E) into the parent path. Operations refuse these IDs before any request.
 */
export function isDotSegment(value: string): boolean {
	return value === '.' || value === '..';
}

/** Encodes one path segment, so that "/", "?", "#" and "%" in an ID stay inside it. */
export function encodePathSegment(value: string): string {
	if (isDotSegment(value)) throw new Error(`"${value}" cannot be used as a path segment`);
	return encodeURIComponent(value);
}

/** Fills a path template: `buildPath('/users/{userId}', { userId })`, each value encoded. */
export function buildPath(template: string, values: Record<string, string> = {}): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		const value = values[name];
		if (value === undefined) {
			throw new Error(`Path parameter ${name} is missing`);
		}
		return encodePathSegment(value);
	});
}

/** One DingTalk API: its name (DingTalk's quota is per API), method, path and the permission it needs. */
export interface ApiDefinition {
	name: string;
	method: IHttpRequestMethods;
	path: string;
	permission: string;
	/** Writes carry an x-client-token, the same on every retry. */
	write?: boolean;
}

const CALENDAR_EVENTS = '/v1.0/calendar/users/{userId}/calendars/{calendarId}/events';

/** Every DingTalk API the node calls (paths from the reference: calendar_1_0, rooms_1_0). */
export const API = {
	AddMeetingRooms: {
		name: 'AddMeetingRooms',
		method: 'POST',
		path: `${CALENDAR_EVENTS}/{eventId}/meetingRooms`,
		permission: 'Calendar.Event.Write',
		write: true,
	},
	GetEvent: {
		name: 'GetEvent',
		method: 'GET',
		path: `${CALENDAR_EVENTS}/{eventId}`,
		permission: 'Calendar.Event.Read',
	},
	ListEvents: {
		name: 'ListEvents',
		method: 'GET',
		path: CALENDAR_EVENTS,
		permission: 'Calendar.Event.Read',
	},
	QueryMeetingRoomList: {
		name: 'QueryMeetingRoomList',
		method: 'GET',
		path: '/v1.0/rooms/meetingRoomLists',
		permission: 'VideoConference.Conference.Read',
	},
	RemoveMeetingRooms: {
		name: 'RemoveMeetingRooms',
		method: 'POST',
		path: `${CALENDAR_EVENTS}/{eventId}/meetingRooms/batchRemove`,
		permission: 'Calendar.Event.Write',
		write: true,
	},
	/** Room free/busy. A read, although it is a POST: no x-client-token. */
	GetMeetingRoomsSchedule: {
		name: 'GetMeetingRoomsSchedule',
		method: 'POST',
		path: '/v1.0/calendar/users/{userId}/meetingRooms/schedules/query',
		permission: 'Calendar.Event.Read',
	},
	QueryMeetingRoom: {
		name: 'QueryMeetingRoom',
		method: 'GET',
		path: '/v1.0/rooms/meetingRooms/{roomId}',
		permission: 'VideoConference.Conference.Read',
	},
	QueryMeetingRoomGroupList: {
		name: 'QueryMeetingRoomGroupList',
		method: 'GET',
		path: '/v1.0/rooms/groupLists',
		permission: 'VideoConference.Conference.Read',
	},
	QueryMeetingRoomGroup: {
		name: 'QueryMeetingRoomGroup',
		method: 'GET',
		path: '/v1.0/rooms/groups/{groupId}',
		permission: 'VideoConference.Conference.Read',
	},
	CreateEvent: {
		name: 'CreateEvent',
		method: 'POST',
		path: CALENDAR_EVENTS,
		permission: 'Calendar.Event.Write',
		write: true,
	},
	DeleteEvent: {
		name: 'DeleteEvent',
		method: 'DELETE',
		path: `${CALENDAR_EVENTS}/{eventId}`,
		permission: 'Calendar.Event.Write',
		write: true,
	},
	/** DingTalk's PatchEvent is an HTTP PUT that changes only the fields it is sent. */
	PatchEvent: {
		name: 'PatchEvent',
		method: 'PUT',
		path: `${CALENDAR_EVENTS}/{eventId}`,
		permission: 'Calendar.Event.Write',
		write: true,
	},
	AddAttendee: {
		name: 'AddAttendee',
		method: 'POST',
		path: `${CALENDAR_EVENTS}/{eventId}/attendees`,
		permission: 'Calendar.Event.Write',
		write: true,
	},
	RemoveAttendee: {
		name: 'RemoveAttendee',
		method: 'POST',
		path: `${CALENDAR_EVENTS}/{eventId}/attendees/batchRemove`,
		permission: 'Calendar.Event.Write',
		write: true,
	},
	ListAttendees: {
		name: 'ListAttendees',
		method: 'GET',
		path: `${CALENDAR_EVENTS}/{eventId}/attendees`,
		permission: 'Calendar.Event.Read',
	},
	/** User free/busy. A read, although it is a POST: no x-client-token. */
	GetSchedule: {
		name: 'GetSchedule',
		method: 'POST',
		path: '/v1.0/calendar/users/{userId}/querySchedule',
		permission: 'Calendar.EventSchedule.Read',
	},
} satisfies Record<string, ApiDefinition>;
