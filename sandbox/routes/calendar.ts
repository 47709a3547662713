/** calendar_1_0 routes (reference §4, Appendix A). Path `userId` is a unionId, `calendarId` is `primary`. */
import { authOf, type RouteDef } from './types';

const USER = '/v1.0/calendar/users/:userId';
const EVENTS = `${USER}/calendars/:calendarId/events`;
const EVENT = `${EVENTS}/:eventId`;
const READ = 'Calendar.Event.Read';
const WRITE = 'Calendar.Event.Write';

export const calendarRoutes: RouteDef[] = [
	{
		action: 'CreateEvent',
		method: 'POST',
		url: EVENTS,
		auth: true,
		write: true,
		bodyRequired: true,
		scope: WRITE,
		handler: (c) => c.model.createEvent(authOf(c), c.params.userId, c.params.calendarId, c.body),
	},
	{
		action: 'ListEvents',
		method: 'GET',
		url: EVENTS,
		auth: true,
		write: false,
		bodyRequired: false,
		scope: READ,
		handler: (c) => c.model.listEvents(authOf(c), c.params.userId, c.params.calendarId, c.query),
	},
	{
		action: 'GetEvent',
		method: 'GET',
		url: EVENT,
		auth: true,
		write: false,
		bodyRequired: false,
		scope: READ,
		handler: (c) =>
			c.model.getEvent(authOf(c), c.params.userId, c.params.calendarId, c.params.eventId, c.query),
	},
	{
		action: 'PatchEvent',
		method: 'PUT',
		url: EVENT,
		auth: true,
		write: true,
		bodyRequired: true,
		scope: WRITE,
		handler: (c) =>
			c.model.patchEvent(authOf(c), c.params.userId, c.params.calendarId, c.params.eventId, c.body),
	},
	{
		action: 'DeleteEvent',
		method: 'DELETE',
		url: EVENT,
		auth: true,
		write: true,
		bodyRequired: false,
		scope: WRITE,
		handler: (c) =>
			c.model.deleteEvent(
				authOf(c),
				c.params.userId,
				c.params.calendarId,
				c.params.eventId,
				c.query,
			),
	},
	{
		action: 'AddAttendee',
		method: 'POST',
		url: `${EVENT}/attendees`,
		auth: true,
		write: true,
		bodyRequired: true,
		scope: WRITE,
		handler: (c) =>
			c.model.addAttendees(
				authOf(c),
				c.params.userId,
				c.params.calendarId,
				c.params.eventId,
				c.body,
			),
	},
	{
		action: 'RemoveAttendee',
		method: 'POST',
		url: `${EVENT}/attendees/batchRemove`,
		auth: true,
		write: true,
		bodyRequired: true,
		scope: WRITE,
		handler: (c) =>
			c.model.removeAttendees(
				authOf(c),
				c.params.userId,
				c.params.calendarId,
				c.params.eventId,
				c.body,
			),
	},
	{
		action: 'ListAttendees',
		method: 'GET',
		url: `${EVENT}/attendees`,
		auth: true,
		write: false,
		bodyRequired: false,
		scope: READ,
		handler: (c) =>
			c.model.listAttendees(
				authOf(c),
				c.params.userId,
				c.params.calendarId,
				c.params.eventId,
				c.query,
			),
	},
	{
		action: 'RespondEvent',
		method: 'POST',
		url: `${EVENT}/respond`,
		auth: true,
		write: true,
		bodyRequired: true,
		scope: WRITE,
		handler: (c) =>
			c.model.respondEvent(
				authOf(c),
				c.params.userId,
				c.params.calendarId,
				c.params.eventId,
				c.body,
			),
	},
	{
		action: 'GetSchedule',
		method: 'POST',
		url: `${USER}/querySchedule`,
		auth: true,
		write: false,
		bodyRequired: true,
		scope: 'Calendar.EventSchedule.Read',
		handler: (c) => c.model.getSchedule(authOf(c), c.params.userId, c.body),
	},
	{
		action: 'ListCalendars',
		method: 'GET',
		url: `${USER}/calendars`,
		auth: true,
		write: false,
		bodyRequired: false,
		scope: READ,
		handler: (c) => c.model.listCalendars(authOf(c), c.params.userId),
	},
	{
		action: 'AddMeetingRooms',
		method: 'POST',
		url: `${EVENT}/meetingRooms`,
		auth: true,
		write: true,
		bodyRequired: true,
		scope: WRITE,
		handler: (c) =>
			c.model.addMeetingRooms(
				authOf(c),
				c.params.userId,
				c.params.calendarId,
				c.params.eventId,
				c.body,
			),
	},
	{
		action: 'RemoveMeetingRooms',
		method: 'POST',
		url: `${EVENT}/meetingRooms/batchRemove`,
		auth: true,
		write: true,
		bodyRequired: true,
		scope: WRITE,
		handler: (c) =>
			c.model.removeMeetingRooms(
				authOf(c),
				c.params.userId,
				c.params.calendarId,
				c.params.eventId,
				c.body,
			),
	},
	{
		action: 'GetMeetingRoomsSchedule',
		method: 'POST',
		url: `${USER}/meetingRooms/schedules/query`,
		auth: true,
		write: false,
		bodyRequired: true,
		scope: READ,
		handler: (c) => c.model.getMeetingRoomsSchedule(authOf(c), c.params.userId, c.body),
	},
	{
		action: 'MeetingRoomRespond',
		method: 'POST',
		url: `${EVENT}/meetingRooms/:roomId/respond`,
		auth: true,
		write: true,
		bodyRequired: true,
		scope: WRITE,
		handler: (c) =>
			c.model.meetingRoomRespond(
				authOf(c),
				c.params.userId,
				c.params.calendarId,
				c.params.eventId,
				c.params.roomId,
				c.body,
			),
	},
];
