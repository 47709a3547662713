/** rooms_1_0 routes (reference §5). The operator's `unionId` is a required query parameter. */
import { authOf, type RouteDef } from './types';

const READ = 'VideoConference.Conference.Read';

export const roomsRoutes: RouteDef[] = [
	{
		action: 'QueryMeetingRoomList',
		method: 'GET',
		url: '/v1.0/rooms/meetingRoomLists',
		auth: true,
		write: false,
		bodyRequired: false,
		scope: READ,
		handler: (c) => c.model.queryMeetingRoomList(authOf(c), c.query),
	},
	{
		action: 'QueryMeetingRoom',
		method: 'GET',
		url: '/v1.0/rooms/meetingRooms/:roomId',
		auth: true,
		write: false,
		bodyRequired: false,
		scope: READ,
		handler: (c) => c.model.queryMeetingRoom(authOf(c), c.params.roomId, c.query),
	},
	{
		action: 'QueryMeetingRoomGroupList',
		method: 'GET',
		url: '/v1.0/rooms/groupLists',
		auth: true,
		write: false,
		bodyRequired: false,
		scope: READ,
		handler: (c) => c.model.queryMeetingRoomGroupList(authOf(c), c.query),
	},
	{
		action: 'QueryMeetingRoomGroup',
		method: 'GET',
		url: '/v1.0/rooms/groups/:groupId',
		auth: true,
		write: false,
		bodyRequired: false,
		scope: READ,
		handler: (c) => c.model.queryMeetingRoomGroup(authOf(c), c.params.groupId, c.query),
	},
];
