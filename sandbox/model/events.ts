/**
 * An event's life (reference §4.1, §4.2, §4.5, §4.6): CreateEvent, GetEvent, PatchEvent and
 * DeleteEvent. A time change may not move the event onto a room someone else holds; deleting releases
 * its rooms (organizer) or hides it from one attendee's calendar.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { dingError, invalidParameter } from '../errors';
import { calendarScope, eventScope, ownedEvent, visibleEvent, type EventPath } from './access';
import {
	parseEventInput,
	resolveTiming,
	timingSource,
	type EventInput,
	type Timing,
} from './eventInput';
import { renderEvent } from './eventRender';
import type { Org } from './orgs';
import type { SeriesTiming } from './recurrence';
import { findConflict, HELD, release } from './roomHolds';
import { touch, type ModelState } from './state';
import { shanghaiDay } from './time';
import type { AuthContext, EventRecord } from './types';
import { isObject, optString, queryBoolean, queryInteger, type Json, type Query } from './validate';

function newEventId(org: Org): string {
	for (;;) {
		const id = randomBytes(24).toString('base64url');
		if (!org.events.has(id)) return id;
	}
}

function newOnlineMeeting(eventId: string): NonNullable<EventRecord['onlineMeetingInfo']> {
	const conferenceId = randomUUID();
	return {
		type: 'dingtalk',
		conferenceId,
		url: `dingtalk://dingtalkclient/page/videoConfFromCalendar?confId=${conferenceId}&calendarId=${eventId}`,
		extraInfo: {},
	};
}

/** Copy the optional fields of a create/patch input onto an event. */
function applyInput(ev: EventRecord, input: EventInput, organizerId: string): void {
	if (input.summary !== undefined) ev.summary = input.summary;
	if (input.description !== undefined) ev.description = input.description;
	if (input.recurrence !== undefined) {
		if (input.recurrence === null) delete ev.recurrence;
		else ev.recurrence = input.recurrence;
	}
	if (input.attendees !== undefined) {
		const previous = new Map(ev.attendees.map((a) => [a.id, a]));
		const seen = new Set<string>();
		ev.attendees = [];
		for (const a of input.attendees) {
			if (seen.has(a.id)) continue;
			seen.add(a.id);
			ev.attendees.push({
				id: a.id,
				isOptional: a.isOptional,
				responseStatus:
					previous.get(a.id)?.responseStatus ?? (a.id === organizerId ? 'accepted' : 'needsAction'),
			});
		}
		ev.hiddenFor = ev.hiddenFor.filter((id) => !seen.has(id));
	}
	if (input.location !== undefined) ev.location = input.location;
	if (input.reminders !== undefined) ev.reminders = input.reminders;
	if (input.onlineMeetingInfo !== undefined) ev.onlineMeetingInfo = newOnlineMeeting(ev.id);
	if (input.extra !== undefined) ev.extra = { ...(ev.extra ?? {}), ...input.extra };
	if (input.uiConfigs !== undefined) ev.uiConfigs = input.uiConfigs;
	if (input.richTextDescription !== undefined) ev.richTextDescription = input.richTextDescription;
	if (input.categories !== undefined) ev.categories = input.categories;
	if (input.cardInstances !== undefined) ev.cardInstances = input.cardInstances;
	if (input.freeBusyStatus !== undefined) ev.freeBusyStatus = input.freeBusyStatus;
}

export function createEvent(
	m: ModelState,
	auth: AuthContext,
	userId: string,
	calendarId: string,
	body: unknown,
): Json {
	const org = calendarScope(m, auth, userId, calendarId);
	if (!isObject(body)) throw dingError('eventMustBeProvided');
	const input = parseEventInput(body);
	if (input.summary === undefined || !input.summary.trim()) throw dingError('eventSummaryBlank');
	const timing = resolveTiming(input.isAllDay ?? false, input.start, input.end);
	const now = m.clock.now();
	const dayKey = `${userId}|${shanghaiDay(now)}`;
	if ((org.createdPerDay.get(dayKey) ?? 0) >= m.limits.eventsPerUserPerDay)
		throw dingError('flowLimit');
	const id = newEventId(org);
	const ev: EventRecord = {
		id,
		corpId: org.corpId,
		organizerId: userId,
		summary: input.summary,
		...timing,
		attendees: [],
		reminders: input.reminders ?? [{ method: 'dingtalk', minutes: timing.isAllDay ? 900 : 15 }],
		meetingRooms: [],
		status: 'confirmed',
		createdMs: now,
		updatedMs: now,
		seq: 0,
		hiddenFor: [],
	};
	applyInput(ev, input, userId);
	org.events.set(id, ev);
	org.createdPerDay.set(dayKey, (org.createdPerDay.get(dayKey) ?? 0) + 1);
	touch(m, org, ev);
	return renderEvent(org, ev, userId, 'create');
}

export function getEvent(m: ModelState, auth: AuthContext, at: EventPath, query: Query): Json {
	const org = eventScope(m, auth, at);
	const maxAttendees =
		queryInteger(query, 'maxAttendees', () => invalidParameter('maxAttendees invalid')) ?? 100;
	if (maxAttendees < 0 || maxAttendees > 500)
		throw invalidParameter('maxAttendees size must within range [0,500]');
	const ev = visibleEvent(org, at);
	return renderEvent(org, ev, at.userId, 'get', maxAttendees || 100);
}

export function patchEvent(m: ModelState, auth: AuthContext, at: EventPath, body: unknown): Json {
	const org = eventScope(m, auth, at);
	if (!isObject(body)) throw dingError('eventMustBeProvided');
	const id = optString(body, 'id');
	if (!id || !id.trim()) throw dingError('eventIdBlank');
	if (id !== at.eventId) throw invalidParameter('Event id does not match the eventId in the path');
	const ev = ownedEvent(org, at);
	const input = parseEventInput(body);
	if (input.summary !== undefined && !input.summary.trim()) throw dingError('eventSummaryBlank');

	let timing: Timing | undefined;
	if (input.isAllDay !== undefined || input.start || input.end) {
		const isAllDay = input.isAllDay ?? ev.isAllDay;
		const sameKind = isAllDay === ev.isAllDay;
		timing = resolveTiming(
			isAllDay,
			input.start ?? (sameKind ? timingSource(ev, 'start') : undefined),
			input.end ?? (sameKind ? timingSource(ev, 'end') : undefined),
		);
	}
	const recurrence =
		input.recurrence === undefined ? ev.recurrence : (input.recurrence ?? undefined);
	if (timing || input.recurrence !== undefined) {
		const next: SeriesTiming = {
			startMs: timing?.startMs ?? ev.startMs,
			endMs: timing?.endMs ?? ev.endMs,
			isAllDay: timing?.isAllDay ?? ev.isAllDay,
			timeZone: timing?.timeZone ?? ev.timeZone,
			recurrence,
		};
		for (const r of ev.meetingRooms) {
			if (HELD.has(r.responseStatus) && findConflict(org, ev, r.roomId, next)) {
				throw dingError('meetingRoomInvalid');
			}
		}
	}
	if (timing) Object.assign(ev, timing);
	applyInput(ev, input, ev.organizerId);
	touch(m, org, ev);
	return renderEvent(org, ev, at.userId, 'patch');
}

export function deleteEvent(
	m: ModelState,
	auth: AuthContext,
	at: EventPath,
	query: Query,
): undefined {
	const org = eventScope(m, auth, at);
	queryBoolean(query, 'pushNotification', () => invalidParameter('pushNotification invalid'));
	const ev = visibleEvent(org, at);
	if (ev.organizerId === at.userId) {
		ev.status = 'cancelled';
		for (const r of ev.meetingRooms) release(org, ev.id, r.roomId);
	} else {
		ev.hiddenFor.push(at.userId);
		const a = ev.attendees.find((x) => x.id === at.userId);
		if (a) a.responseStatus = 'declined';
	}
	touch(m, org, ev);
	return undefined;
}
