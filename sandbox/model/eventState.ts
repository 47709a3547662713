/**
 * The control API's view of events (`GET /__sandbox/events[/:id]`): everything, including room
 * approval states and cancelled events, in any org, without a token.
 */
import { renderEvent } from './eventRender';
import type { Org } from './orgs';
import { HELD } from './roomHolds';
import type { ModelState } from './state';
import type { EventRecord, ResponseStatus, RoomResponseStatus } from './types';

export interface EventState {
	eventId: string;
	corpId: string;
	organizerUnionId: string;
	summary: string;
	description?: string;
	status: 'confirmed' | 'cancelled';
	isAllDay: boolean;
	start: string;
	end: string;
	timeZone: string;
	recurrence?: unknown;
	attendees: Array<{ id: string; responseStatus: ResponseStatus; isOptional: boolean }>;
	roomIds: string[];
	meetingRooms: Array<{ roomId: string; displayName: string; responseStatus: RoomResponseStatus }>;
	createTime: string;
	updateTime: string;
}

export function eventState(m: ModelState, ev: EventRecord): EventState {
	const org = m.orgs.get(ev.corpId) as Org;
	const out: EventState = {
		eventId: ev.id,
		corpId: ev.corpId,
		organizerUnionId: ev.organizerId,
		summary: ev.summary,
		status: ev.status,
		isAllDay: ev.isAllDay,
		start: ev.start.dateTime ?? ev.start.date ?? '',
		end: ev.end.dateTime ?? ev.end.date ?? '',
		timeZone: ev.timeZone,
		attendees: ev.attendees.map((a) => ({ ...a })),
		// Rooms the event holds right now (a cancelled event holds none; meetingRooms keeps the history).
		roomIds:
			ev.status === 'confirmed'
				? ev.meetingRooms.filter((r) => HELD.has(r.responseStatus)).map((r) => r.roomId)
				: [],
		meetingRooms: ev.meetingRooms.map((r) => ({
			roomId: r.roomId,
			displayName: org.rooms.get(r.roomId)?.roomName ?? '',
			responseStatus: r.responseStatus,
		})),
		createTime: renderEvent(org, ev, ev.organizerId, 'get').createTime as string,
		updateTime: renderEvent(org, ev, ev.organizerId, 'get').updateTime as string,
	};
	if (ev.description !== undefined) out.description = ev.description;
	if (ev.recurrence) out.recurrence = JSON.parse(JSON.stringify(ev.recurrence));
	return out;
}

/** An event by id, in whichever org holds it (deleted ones too). */
export function findEvent(m: ModelState, eventId: string): EventRecord | undefined {
	for (const org of m.orgs.values()) {
		const ev = org.events.get(eventId);
		if (ev) return ev;
	}
	return undefined;
}

/** Every event of every org, each org's by start. */
export function allEvents(m: ModelState): EventState[] {
	const out: EventState[] = [];
	for (const org of m.orgs.values()) {
		const sorted = Array.from(org.events.values()).sort(
			(a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1),
		);
		for (const ev of sorted) out.push(eventState(m, ev));
	}
	return out;
}
