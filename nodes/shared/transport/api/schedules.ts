import type { DingTalkClient } from '../client';
import { API } from '../paths';

/** DingTalk answers free/busy for at most this many rooms per call ("建议不超过5个", reference §4.16). */
export const ROOMS_PER_SCHEDULE_QUERY = 5;

/** GetSchedule answers for at most 20 users per call (reference §4.12). */
export const USERS_PER_SCHEDULE_QUERY = 20;

/** A start or end in DingTalk's free/busy answers (GetSchedule, GetMeetingRoomsSchedule). */
export interface ScheduleTime {
	date?: string;
	dateTime?: string;
	timeZone?: string;
}

/** GetMeetingRoomsSchedule's answer: per room, its bookings in the window or DingTalk's reason. */
export interface RoomScheduleAnswer {
	scheduleInformation?: Array<{
		roomId?: string;
		error?: string;
		scheduleItems?: Array<{
			status?: string;
			eventId?: string;
			organizer?: { id?: string };
			start?: ScheduleTime;
			end?: ScheduleTime;
		}>;
	}>;
}

/** GetSchedule's answer: per user, their busy times in the window or DingTalk's reason. */
export interface UserScheduleAnswer {
	scheduleInformation?: Array<{
		userId?: string;
		error?: string;
		scheduleItems?: Array<{ status?: string; start?: ScheduleTime; end?: ScheduleTime }>;
	}>;
}

/** The window asked about, in UTC (`yyyy-MM-ddTHH:mm:ssZ`). */
export interface ScheduleWindow {
	startTime: string;
	endTime: string;
}

/** Room free/busy (GetMeetingRoomsSchedule), up to five rooms per call; `userId` asks on their behalf. */
export async function getRoomSchedules(
	client: DingTalkClient,
	userId: string,
	roomIds: string[],
	window: ScheduleWindow,
	itemIndex?: number,
): Promise<RoomScheduleAnswer> {
	return await client.call<RoomScheduleAnswer>(API.GetMeetingRoomsSchedule, {
		params: { userId },
		body: { roomIds, startTime: window.startTime, endTime: window.endTime },
		subject: { userId, roomIds },
		itemIndex,
	});
}

/** User free/busy (GetSchedule), up to 20 users per call; `userId` asks on their behalf. */
export async function getUserSchedules(
	client: DingTalkClient,
	userId: string,
	userIds: string[],
	window: ScheduleWindow,
	itemIndex?: number,
): Promise<UserScheduleAnswer> {
	return await client.call<UserScheduleAnswer>(API.GetSchedule, {
		params: { userId },
		body: { userIds, startTime: window.startTime, endTime: window.endTime },
		subject: { userId },
		itemIndex,
	});
}
