/**
 * Who may reach what: the caller's org (from the token), the path checks every calendar API makes in
 * DingTalk's order, and which events a user can see or change.
 */
import { dingError, type ErrorKey } from '../errors';
import type { Org } from './orgs';
import type { ModelState } from './state';
import type { AuthContext, EventRecord } from './types';

export function callerOrg(m: ModelState, auth: AuthContext): Org {
	const org = m.orgs.get(auth.corpId);
	if (!org) throw dingError('invalidAuthentication');
	return org;
}

/** Calendar path `userId` (a unionId) must be a member of the caller's org. */
export function requireMember(org: Org, userId: string): void {
	if (!org.users.has(userId)) throw dingError('permissionDeny');
}

function checkCalendar(calendarId: string, blank: ErrorKey = 'calendarIdBlank'): void {
	if (!calendarId.trim()) throw dingError(blank);
	if (calendarId !== 'primary') throw dingError('itemNotFound');
}

/** APIs on a user (free/busy, calendars): the caller's org, and the user in it. */
export function userScope(m: ModelState, auth: AuthContext, userId: string): Org {
	const org = callerOrg(m, auth);
	requireMember(org, userId);
	return org;
}

/** APIs on a user's calendar (CreateEvent, ListEvents): the org, the calendar, then the user. */
export function calendarScope(
	m: ModelState,
	auth: AuthContext,
	userId: string,
	calendarId: string,
): Org {
	const org = callerOrg(m, auth);
	checkCalendar(calendarId);
	requireMember(org, userId);
	return org;
}

/** The path of a per-event API: `/v1.0/calendar/users/{userId}/calendars/{calendarId}/events/{eventId}`. */
export interface EventPath {
	/** The calling user's unionId. */
	userId: string;
	calendarId: string;
	eventId: string;
}

/**
 * The checks every per-event API makes on its path, in DingTalk's order: the caller's org, the
 * calendar, the event ID (a blank `{eventId}` segment, `/events/` or `/events//attendees`, is a 400,
 * not a 404), and the user. ListAttendees names its blanks with codes of its own.
 */
export function eventScope(
	m: ModelState,
	auth: AuthContext,
	at: EventPath,
	blanks: { calendarIdBlank: ErrorKey; eventIdBlank: ErrorKey } = {
		calendarIdBlank: 'calendarIdBlank',
		eventIdBlank: 'eventIdPathBlank',
	},
): Org {
	const org = callerOrg(m, auth);
	checkCalendar(at.calendarId, blanks.calendarIdBlank);
	if (!at.eventId.trim()) throw dingError(blanks.eventIdBlank);
	requireMember(org, at.userId);
	return org;
}

export function isParticipant(ev: EventRecord, userId: string): boolean {
	if (ev.organizerId === userId) return true;
	return ev.attendees.some((a) => a.id === userId) && !ev.hiddenFor.includes(userId);
}

/** The path's event, if its user can see it (organizer or attendee) and it is not deleted. */
export function visibleEvent(org: Org, at: EventPath): EventRecord {
	const ev = org.events.get(at.eventId);
	if (!ev || ev.status !== 'confirmed' || !isParticipant(ev, at.userId))
		throw dingError('itemNotFound');
	return ev;
}

/** The path's event, if its user is the organizer (only they may change it). */
export function ownedEvent(org: Org, at: EventPath): EventRecord {
	const ev = visibleEvent(org, at);
	if (ev.organizerId !== at.userId) throw dingError('notOrganizer');
	return ev;
}
