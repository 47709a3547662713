/**
 * ListEvents (reference §4.3): a user's events in a time window, paged, or, with a `syncToken`, every
 * event of theirs changed since the token was issued, in change order, deleted ones included (§2.7).
 */
import { dingError, invalidParameter } from '../errors';
import { calendarScope, isParticipant } from './access';
import { decodeCursor, encodeCursor, fingerprint } from './cursors';
import { renderEvent } from './eventRender';
import { changed, type ModelState } from './state';
import { MS_PER_DAY, parseFilterTime } from './time';
import type { AuthContext, EventRecord } from './types';
import { queryBoolean, queryInteger, type Json, type Query } from './validate';

export function listEvents(
	m: ModelState,
	auth: AuthContext,
	userId: string,
	calendarId: string,
	query: Query,
): Json {
	const org = calendarScope(m, auth, userId, calendarId);
	const bad = (name: string) => () => invalidParameter(`${name} invalid`);
	const timeMinRaw = query.timeMin || undefined;
	const timeMaxRaw = query.timeMax || undefined;
	const timeMin =
		timeMinRaw === undefined ? undefined : parseFilterTime(timeMinRaw, m.strictTimestamps);
	const timeMax =
		timeMaxRaw === undefined ? undefined : parseFilterTime(timeMaxRaw, m.strictTimestamps);
	if (timeMin === null) throw invalidParameter(`Invalid timeMin: ${timeMinRaw}`);
	if (timeMax === null) throw invalidParameter(`Invalid timeMax: ${timeMaxRaw}`);
	if (timeMin !== undefined && timeMax !== undefined) {
		if (timeMax < timeMin) throw invalidParameter('timeMax must be later than timeMin');
		if (timeMax - timeMin > 366 * MS_PER_DAY)
			throw invalidParameter('The range between timeMin and timeMax cannot exceed one year');
	}
	const maxResults = queryInteger(query, 'maxResults', bad('maxResults')) ?? 100;
	if (maxResults < 1 || maxResults > 100)
		throw invalidParameter('maxResults size must within range [1,100]');
	const maxAttendees = queryInteger(query, 'maxAttendees', bad('maxAttendees')) ?? 100;
	if (maxAttendees < 0 || maxAttendees > 100)
		throw invalidParameter('maxAttendees size must within range [0,100]');
	const showDeleted = queryBoolean(query, 'showDeleted', bad('showDeleted')) ?? false;
	const seriesMasterId = query.seriesMasterId || undefined;
	const syncTokenRaw = query.syncToken || undefined;
	let syncFrom: number | undefined;
	if (syncTokenRaw !== undefined) {
		if (timeMinRaw !== undefined || timeMaxRaw !== undefined) {
			throw invalidParameter('syncToken cannot be used together with timeMin or timeMax');
		}
		const c = decodeCursor(syncTokenRaw);
		if (!c || typeof c.s !== 'number' || c.u !== userId) throw dingError('syncTokenInvalid');
		// A token from before an invalidation (POST /__sandbox/syncTokens/invalidate) is refused the same way.
		if ((typeof c.e === 'number' ? c.e : 0) !== org.syncEpoch) throw dingError('syncTokenInvalid');
		syncFrom = c.s;
	}
	const fp = fingerprint([
		userId,
		timeMinRaw,
		timeMaxRaw,
		showDeleted,
		syncTokenRaw,
		seriesMasterId,
	]);
	let after: { a: number; b: string } | undefined;
	if (query.nextToken) {
		const c = decodeCursor(query.nextToken);
		if (!c || c.f !== fp || typeof c.a !== 'number' || typeof c.b !== 'string')
			throw invalidParameter('nextToken invalid');
		after = { a: c.a, b: c.b };
	}

	const sync = syncFrom !== undefined;
	const key = (ev: EventRecord): number => (sync ? ev.seq : ev.startMs);
	const matches: EventRecord[] = [];
	for (const ev of org.events.values()) {
		if (!isParticipant(ev, userId)) continue;
		if (seriesMasterId !== undefined && (ev.id !== seriesMasterId || !ev.recurrence)) continue;
		if (sync) {
			if (ev.seq <= (syncFrom as number)) continue;
		} else {
			if (ev.status !== 'confirmed' && !showDeleted) continue;
			if (timeMin !== undefined && ev.startMs < timeMin) continue;
			if (timeMax !== undefined && ev.startMs > timeMax) continue; // timeMax = the maximum start (§4.3): inclusive
		}
		if (after && (key(ev) < after.a || (key(ev) === after.a && ev.id <= after.b))) continue;
		matches.push(ev);
	}
	matches.sort((x, y) => key(x) - key(y) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
	const page = matches.slice(0, maxResults);
	const out: Json = {
		events: page.map((ev) => renderEvent(org, ev, userId, 'list', maxAttendees || 100)),
	};
	if (matches.length > maxResults) {
		const last = page[page.length - 1];
		out.nextToken = encodeCursor({ a: key(last), b: last.id, f: fp });
	} else if (timeMaxRaw === undefined) {
		out.syncToken = encodeCursor({ s: org.seq, u: userId, e: org.syncEpoch });
	}
	return out;
}

/**
 * Control: every ListEvents syncToken issued so far is refused from now on (as DingTalk does with an
 * expired one), in every org. Returns how many orgs were affected.
 */
export function invalidateSyncTokens(m: ModelState): number {
	for (const org of m.orgs.values()) org.syncEpoch++;
	changed(m);
	return m.orgs.size;
}
