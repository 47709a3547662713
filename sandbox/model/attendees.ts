/**
 * An event's attendees (reference §4.8–§4.11): AddAttendee, RemoveAttendee, ListAttendees and
 * RespondEvent (an attendee's own answer).
 */
import { dingError, invalidParameter } from '../errors';
import { eventScope, ownedEvent, visibleEvent, type EventPath } from './access';
import { decodeCursor, encodeCursor } from './cursors';
import { MAX_ATTENDEES_PER_EVENT, parseAttendees, RESPONSE_STATUSES } from './eventInput';
import { touch, type ModelState } from './state';
import type { AuthContext, ResponseStatus } from './types';
import { isObject, optArray, optString, queryInteger, type Json, type Query } from './validate';

export function addAttendees(
	m: ModelState,
	auth: AuthContext,
	at: EventPath,
	body: unknown,
): undefined {
	const org = eventScope(m, auth, at);
	if (!isObject(body)) throw dingError('missingBody');
	const list = optArray(body, 'attendeesToAdd');
	if (!list || list.length === 0) throw invalidParameter('attendeesToAdd must be provided.');
	const toAdd = parseAttendees(list, 'attendeesToAdd');
	const ev = ownedEvent(org, at);
	const fresh = toAdd.filter(
		(a, i) =>
			!ev.attendees.some((x) => x.id === a.id) && toAdd.findIndex((y) => y.id === a.id) === i,
	);
	if (ev.attendees.length + fresh.length > MAX_ATTENDEES_PER_EVENT) {
		throw invalidParameter(
			`attendees batch size too large. Maximum allowed:${MAX_ATTENDEES_PER_EVENT}`,
		);
	}
	for (const a of toAdd) {
		const hidden = ev.hiddenFor.indexOf(a.id);
		if (hidden >= 0) ev.hiddenFor.splice(hidden, 1);
	}
	for (const a of fresh)
		ev.attendees.push({ id: a.id, isOptional: a.isOptional, responseStatus: 'needsAction' });
	touch(m, org, ev);
	return undefined;
}

export function removeAttendees(
	m: ModelState,
	auth: AuthContext,
	at: EventPath,
	body: unknown,
): undefined {
	const org = eventScope(m, auth, at);
	if (!isObject(body)) throw dingError('missingBody');
	const list = optArray(body, 'attendeesToRemove') ?? [];
	const ids = parseAttendees(list, 'attendeesToRemove').map((a) => a.id);
	const ev = ownedEvent(org, at);
	const before = ev.attendees.length;
	ev.attendees = ev.attendees.filter((a) => !ids.includes(a.id));
	if (ev.attendees.length !== before) touch(m, org, ev);
	return undefined;
}

export function listAttendees(m: ModelState, auth: AuthContext, at: EventPath, query: Query): Json {
	const org = eventScope(m, auth, at, {
		calendarIdBlank: 'listAttendeesCalendarIdBlank',
		eventIdBlank: 'listAttendeesEventIdBlank',
	});
	const maxResults =
		queryInteger(query, 'maxResults', () => dingError('attendeesMaxResults')) ?? 100;
	if (maxResults < 0 || maxResults > 500) throw dingError('attendeesMaxResults');
	const limit = maxResults || 100;
	let offset = 0;
	if (query.nextToken && query.nextToken !== '0') {
		const c = decodeCursor(query.nextToken);
		if (!c || typeof c.o !== 'number' || c.e !== at.eventId)
			throw invalidParameter('nextToken invalid');
		offset = c.o;
	}
	const ev = visibleEvent(org, at);
	const page = ev.attendees.slice(offset, offset + limit);
	const out: Json = {
		attendees: page.map((a) => ({
			id: a.id,
			displayName: org.users.get(a.id)?.name ?? '',
			responseStatus: a.responseStatus,
			self: a.id === at.userId,
			isOptional: a.isOptional,
		})),
	};
	if (offset + limit < ev.attendees.length)
		out.nextToken = encodeCursor({ o: offset + limit, e: at.eventId });
	return out;
}

export function respondEvent(
	m: ModelState,
	auth: AuthContext,
	at: EventPath,
	body: unknown,
): undefined {
	const org = eventScope(m, auth, at);
	if (!isObject(body)) throw dingError('missingBody');
	const status = optString(body, 'responseStatus');
	if (!status || !RESPONSE_STATUSES.includes(status as ResponseStatus))
		throw invalidParameter('responseStatus invalid');
	const ev = visibleEvent(org, at);
	const a = ev.attendees.find((x) => x.id === at.userId);
	if (a) {
		a.responseStatus = status as ResponseStatus;
		touch(m, org, ev);
	}
	return undefined;
}
