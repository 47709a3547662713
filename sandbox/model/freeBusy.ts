/**
 * Free/busy (reference §4.12, §4.16): GetSchedule for users and GetMeetingRoomsSchedule for rooms,
 * recurring events expanded into their occurrences within the window asked for.
 */
import { dingError, invalidParameter, type DingTalkError } from '../errors';
import { userScope } from './access';
import { occurrenceTime } from './eventRender';
import { occurrencesIn } from './recurrence';
import { HELD, seriesTiming } from './roomHolds';
import type { ModelState } from './state';
import { MS_PER_DAY, parseFilterTime } from './time';
import type { AuthContext } from './types';
import { isObject, optString, optStringArray, type Json } from './validate';

/** The `[startTime, endTime)` window of a free/busy query, at most `scheduleMaxDays` long. */
function scheduleWindow(
	m: ModelState,
	startTime: string | undefined,
	endTime: string | undefined,
	onMissing: () => DingTalkError,
): [number, number] {
	if (!startTime || !endTime) throw onMissing();
	const from = parseFilterTime(startTime, m.strictTimestamps);
	const to = parseFilterTime(endTime, m.strictTimestamps);
	if (from === null) throw invalidParameter(`Invalid startTime: ${startTime}`);
	if (to === null) throw invalidParameter(`Invalid endTime: ${endTime}`);
	if (to <= from) throw invalidParameter('endTime must be later than startTime');
	if (to - from > m.limits.scheduleMaxDays * MS_PER_DAY) throw dingError('schedule90Days');
	return [from, to];
}

export function getSchedule(m: ModelState, auth: AuthContext, userId: string, body: unknown): Json {
	const org = userScope(m, auth, userId);
	if (!isObject(body)) throw dingError('paramIllegal');
	const userIds = optStringArray(body, 'userIds');
	const startTime = optString(body, 'startTime');
	const endTime = optString(body, 'endTime');
	if (!userIds || userIds.length === 0) throw dingError('paramIllegal');
	if (userIds.length > m.limits.userScheduleMaxUsers) throw dingError('scheduleMoreThanLimit');
	const [from, to] = scheduleWindow(m, startTime, endTime, () => dingError('paramIllegal'));
	const info = userIds.map((uid) => {
		if (!org.users.has(uid)) return { userId: uid, error: '无权限', scheduleItems: [] };
		const items: Array<{ at: number; item: Json }> = [];
		for (const ev of org.events.values()) {
			if (ev.status !== 'confirmed' || ev.freeBusyStatus === 'free') continue;
			let status = 'BUSY';
			if (ev.organizerId !== uid) {
				const a = ev.attendees.find((x) => x.id === uid);
				if (!a || a.responseStatus === 'declined' || ev.hiddenFor.includes(uid)) continue;
				if (a.responseStatus === 'tentative') status = 'TENTATIVE';
			}
			for (const [s, e] of occurrencesIn(seriesTiming(ev), from, to)) {
				items.push({
					at: s,
					item: { status, start: occurrenceTime(ev, s, true), end: occurrenceTime(ev, e, true) },
				});
			}
		}
		items.sort((x, y) => x.at - y.at);
		return { userId: uid, scheduleItems: items.map((x) => x.item) };
	});
	return { scheduleInformation: info };
}

export function getMeetingRoomsSchedule(
	m: ModelState,
	auth: AuthContext,
	userId: string,
	body: unknown,
): Json {
	const org = userScope(m, auth, userId);
	if (!isObject(body)) throw dingError('queryIdsEmpty');
	const roomIds = optStringArray(body, 'roomIds');
	if (!roomIds || roomIds.length === 0) throw dingError('queryIdsEmpty');
	if (roomIds.length > m.limits.roomScheduleMaxRooms) throw dingError('scheduleMoreThanLimit');
	const [from, to] = scheduleWindow(
		m,
		optString(body, 'startTime'),
		optString(body, 'endTime'),
		() => invalidParameter('startTime and endTime must be provided.'),
	);
	for (const id of roomIds) if (!org.rooms.has(id)) throw dingError('roomIdInvalid');
	return {
		scheduleInformation: roomIds.map((roomId) => {
			const items: Array<{ at: number; item: Json }> = [];
			for (const evId of org.roomHolders.get(roomId) ?? []) {
				const ev = org.events.get(evId);
				const r = ev?.meetingRooms.find((x) => x.roomId === roomId);
				if (!ev || !r || ev.status !== 'confirmed' || !HELD.has(r.responseStatus)) continue;
				for (const [s, e] of occurrencesIn(seriesTiming(ev), from, to)) {
					items.push({
						at: s,
						item: {
							status: r.responseStatus === 'tentative' ? 'TENTATIVE' : 'BUSY',
							eventId: ev.id,
							organizer: { id: ev.organizerId },
							start: occurrenceTime(ev, s, false),
							end: occurrenceTime(ev, e, false),
						},
					});
				}
			}
			items.sort(
				(x, y) => x.at - y.at || String(x.item.eventId).localeCompare(String(y.item.eventId)),
			);
			return { roomId, scheduleItems: items.map((x) => x.item) };
		}),
	};
}
