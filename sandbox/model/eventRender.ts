/**
 * The Event object as each API returns it, with DingTalk's JSON types (reminder minutes are strings,
 * booleans are booleans); field sets follow the SDK response models.
 */
import type { Org } from './orgs';
import { formatDate, formatInZone, formatTimestamp } from './time';
import type { EventRecord, EventTimeOut } from './types';

export type RenderKind = 'create' | 'patch' | 'get' | 'list';

export function renderEventTime(t: EventTimeOut): EventTimeOut {
	const out: EventTimeOut = {};
	if (t.date !== undefined) out.date = t.date;
	if (t.dateTime !== undefined) out.dateTime = t.dateTime;
	if (t.timeZone !== undefined) out.timeZone = t.timeZone;
	return out;
}

/** The Event object as the given API returns it (field sets follow the SDK response models). */
export function renderEvent(
	org: Org,
	ev: EventRecord,
	viewer: string,
	kind: RenderKind,
	maxAttendees = 100,
): Record<string, unknown> {
	const name = (id: string): string => org.users.get(id)?.name ?? '';
	const out: Record<string, unknown> = { id: ev.id, summary: ev.summary };
	if (ev.description !== undefined) out.description = ev.description;
	if (kind === 'get' || kind === 'list') out.status = ev.status;
	out.start = renderEventTime(ev.start);
	out.end = renderEventTime(ev.end);
	out.isAllDay = ev.isAllDay;
	if (ev.recurrence) out.recurrence = JSON.parse(JSON.stringify(ev.recurrence));
	out.attendees = ev.attendees.slice(0, maxAttendees).map((a) => ({
		id: a.id,
		displayName: name(a.id),
		responseStatus: a.responseStatus,
		self: a.id === viewer,
		isOptional: a.isOptional,
	}));
	out.organizer = {
		id: ev.organizerId,
		displayName: name(ev.organizerId),
		responseStatus: 'accepted',
		self: ev.organizerId === viewer,
	};
	const roomNames = ev.meetingRooms
		.filter((r) => r.responseStatus !== 'declined')
		.map((r) => org.rooms.get(r.roomId)?.roomName ?? '');
	const location: Record<string, unknown> = {};
	if (ev.location?.displayName !== undefined) location.displayName = ev.location.displayName;
	if (kind !== 'create') location.meetingRooms = roomNames;
	out.location = location;
	out.reminders = ev.reminders.map((r) => ({ method: r.method, minutes: String(r.minutes) }));
	if (ev.onlineMeetingInfo) {
		const o = ev.onlineMeetingInfo;
		out.onlineMeetingInfo =
			kind === 'patch'
				? { type: o.type, conferenceId: o.conferenceId, url: o.url }
				: { type: o.type, conferenceId: o.conferenceId, url: o.url, extraInfo: o.extraInfo ?? {} };
	}
	if (ev.uiConfigs) out.uiConfigs = ev.uiConfigs.map((u) => ({ ...u }));
	if (ev.richTextDescription) out.richTextDescription = { ...ev.richTextDescription };
	if (ev.categories) {
		out.categories = ev.categories.map((c) =>
			kind === 'get' || kind === 'list' ? { displayName: c.displayName } : { ...c },
		);
	}
	if (ev.cardInstances) out.cardInstances = ev.cardInstances.map((c) => ({ ...c }));
	if (kind === 'get' || kind === 'list') {
		out.meetingRooms = ev.meetingRooms.map((r) => ({
			roomId: r.roomId,
			responseStatus: r.responseStatus,
			displayName: org.rooms.get(r.roomId)?.roomName ?? '',
		}));
		// The series an event belongs to: "" for a single event (reference §4.0). The sandbox keeps a series
		// as its master only (no materialised instances), so a recurring event names itself.
		out.seriesMasterId = ev.recurrence ? ev.id : '';
		// sourceOpenCid: the group chat an event was created from; events made through the API have none.
		out.extendedProperties = { sharedProperties: { sourceOpenCid: '', belongCorpId: ev.corpId } };
	}
	out.createTime = formatTimestamp(ev.createdMs);
	out.updateTime = formatTimestamp(ev.updatedMs);
	return out;
}

/** Start/end of one occurrence as free/busy answers show it. */
export function occurrenceTime(ev: EventRecord, ms: number, withDate: boolean): EventTimeOut {
	if (ev.isAllDay) {
		return withDate
			? { date: formatDate(ms), timeZone: 'UTC' }
			: { dateTime: formatInZone(ms, 'UTC'), timeZone: 'UTC' };
	}
	return { dateTime: formatInZone(ms, ev.timeZone), timeZone: ev.timeZone };
}
