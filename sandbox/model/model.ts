/* eslint-disable @n8n/community-nodes/require-node-api-error */
/**
 * The sandbox's state model: orgs → users, room groups, rooms, events (organizer, attendees, rooms with
 * responseStatus) and access tokens. It knows nothing about HTTP: every operation takes already-parsed
 * path/query values and a JSON body, returns the JSON answer (or `undefined` for an empty 200) and throws
 * `DingTalkError` from the catalogue. All operations are synchronous, so a check-then-book is atomic.
 */
import { createHash, randomBytes } from 'node:crypto';

import { DingTalkError, dingError, invalidParameter, type ErrorKey } from '../errors';
import { SandboxClock } from './clock';
import {
	buildOrgs,
	renderGroup,
	renderRoomDetail,
	renderRoomSummary,
	SEED_CREATED_AT,
	SeedError,
	validateSeed,
	type Org,
} from './directory';
import {
	DEFAULT_TIME_ZONE,
	MAX_ATTENDEES_PER_EVENT,
	newOnlineMeeting,
	occurrenceTime,
	parseAttendees,
	parseEventInput,
	renderEvent,
	resolveTiming,
	RESPONSE_STATUSES,
	timingSource,
	type EventInput,
	type Timing,
} from './events';
import { occurrencesIn, seriesOverlap, type SeriesTiming } from './recurrence';
import { MS_PER_DAY, parseInstant, shanghaiDay } from './time';
import { TokenStore, type TokenGrant } from './tokens';
import type {
	AuthContext,
	EventRecord,
	ResponseStatus,
	RoomResponseStatus,
	SandboxSeed,
	TokenRecord,
} from './types';
import {
	arrayOfObjects,
	isObject,
	optArray,
	optString,
	optStringArray,
	queryBoolean,
	queryInteger,
	type Json,
	type Query,
} from './validate';

export interface ModelLimits {
	/** CreateEvent quota per organizer per (Asia/Shanghai) day → 400 flowLimit. */
	eventsPerUserPerDay: number;
	/** Rooms per event (existing + new) for AddMeetingRooms. */
	maxRoomsPerEvent: number;
	/** roomIds per GetMeetingRoomsSchedule call (the real limit is unpublished; reference §4.16). */
	roomScheduleMaxRooms: number;
	/** userIds per GetSchedule call. */
	userScheduleMaxUsers: number;
	/** Free/busy window cap, in days. */
	scheduleMaxDays: number;
}

export const DEFAULT_LIMITS: ModelLimits = {
	eventsPerUserPerDay: 100,
	maxRoomsPerEvent: 5,
	roomScheduleMaxRooms: 5,
	userScheduleMaxUsers: 20,
	scheduleMaxDays: 90,
};

/** Seeded events carry this fixed createTime so a fresh sandbox is byte-for-byte deterministic. */
export { SEED_CREATED_AT };

export interface OrgSnapshot {
	corpId: string;
	seq: number;
	/** Absent in state files written before sync tokens could be invalidated (= 0). */
	syncEpoch?: number;
	createdPerDay: Array<[string, number]>;
	events: EventRecord[];
}

export interface ModelSnapshot {
	tokens: TokenRecord[];
	orgs: OrgSnapshot[];
}

/** Control-API view of an event: everything, including room approval states. */
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

const HELD: ReadonlySet<string> = new Set(['accepted', 'tentative']);
const ROOM_RESPONSES: readonly RoomResponseStatus[] = ['accepted', 'tentative', 'declined'];

function fingerprint(parts: Array<string | number | boolean | undefined>): string {
	return createHash('sha1')
		.update(parts.map((p) => String(p ?? '')).join('\u0000'))
		.digest('base64url')
		.slice(0, 10);
}

function encodeCursor(value: Record<string, unknown>): string {
	return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeCursor(token: string): Record<string, unknown> | null {
	if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
	try {
		const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
		return isObject(v) ? v : null;
	} catch {
		return null;
	}
}

export class SandboxModel {
	readonly seed: SandboxSeed;
	readonly clock: SandboxClock;
	limits: ModelLimits;
	readonly orgs: Map<string, Org>;
	readonly tokens: TokenStore;
	/** Called after every state change (persistence hooks in here). */
	onChange?: () => void;
	/**
	 * Opt-in: reject filter times (ListEvents timeMin/timeMax, free/busy startTime/endTime) without
	 * milliseconds, as a community report says the live API does (reference §2.8, UNCERTAIN).
	 */
	strictTimestamps = false;

	constructor(seed: SandboxSeed, clock = new SandboxClock(), limits: Partial<ModelLimits> = {}) {
		this.seed = validateSeed(seed);
		this.clock = clock;
		this.limits = { ...DEFAULT_LIMITS, ...limits };
		this.orgs = buildOrgs(this.seed);
		this.tokens = new TokenStore(this.seed, clock);
		this.loadSeedEvents();
	}

	// ------------------------------------------------------------------ plumbing

	private changed(): void {
		this.onChange?.();
	}

	private loadSeedEvents(): void {
		const defaultCorp = this.seed.apps[0].corpId;
		const created = parseInstant(SEED_CREATED_AT) ?? 0;
		for (const se of this.seed.events) {
			const org = this.orgs.get(se.corpId ?? defaultCorp) as Org;
			const zone = se.timeZone ?? DEFAULT_TIME_ZONE;
			let timing: Timing;
			try {
				timing = resolveTiming(
					false,
					{ dateTime: se.start, timeZone: zone },
					{ dateTime: se.end, timeZone: zone },
				);
			} catch (e) {
				throw new SeedError(`event ${se.eventId}: ${(e as Error).message}`);
			}
			const ev: EventRecord = {
				id: se.eventId,
				corpId: org.corpId,
				organizerId: se.organizerUnionId,
				summary: se.summary,
				isAllDay: false,
				timeZone: timing.timeZone,
				start: timing.start,
				end: timing.end,
				startMs: timing.startMs,
				endMs: timing.endMs,
				attendees: (se.attendeeUnionIds ?? [])
					.filter((id) => id !== se.organizerUnionId)
					.map((id) => ({ id, isOptional: false, responseStatus: 'needsAction' as const })),
				reminders: [{ method: 'dingtalk', minutes: 15 }],
				meetingRooms: [],
				status: 'confirmed',
				createdMs: created,
				updatedMs: created,
				seq: ++org.seq,
				hiddenFor: [],
			};
			if (se.description !== undefined) ev.description = se.description;
			for (const roomId of se.roomIds) {
				const room = org.rooms.get(roomId);
				if (!room) throw new SeedError(`event ${se.eventId}: unknown room ${roomId}`);
				const clash = this.findConflict(org, ev, roomId);
				if (clash)
					throw new SeedError(`event ${se.eventId} and event ${clash.id} both hold room ${roomId}`);
				ev.meetingRooms.push({
					roomId,
					responseStatus: room.needsApproval ? 'tentative' : 'accepted',
				});
				org.events.set(ev.id, ev);
				this.hold(org, ev.id, roomId);
			}
			org.events.set(ev.id, ev);
		}
	}

	private org(auth: AuthContext): Org {
		const org = this.orgs.get(auth.corpId);
		if (!org) throw dingError('invalidAuthentication');
		return org;
	}

	/** Calendar path `userId` (a unionId) must be a member of the caller's org. */
	private member(org: Org, userId: string): void {
		if (!org.users.has(userId)) throw dingError('permissionDeny');
	}

	private checkCalendar(calendarId: string, blank: ErrorKey = 'calendarIdBlank'): void {
		if (!calendarId.trim()) throw dingError(blank);
		if (calendarId !== 'primary') throw dingError('itemNotFound');
	}

	/**
	 * The checks every per-event API makes on its path, in DingTalk's order: the caller's org, the
	 * calendar, the event ID (a blank `{eventId}` segment, `/events/` or `/events//attendees`, is a 400,
	 * not a 404), and the user. ListAttendees names its blanks with codes of its own.
	 */
	private eventScope(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		blanks: { calendarIdBlank: ErrorKey; eventIdBlank: ErrorKey } = {
			calendarIdBlank: 'calendarIdBlank',
			eventIdBlank: 'eventIdPathBlank',
		},
	): Org {
		const org = this.org(auth);
		this.checkCalendar(calendarId, blanks.calendarIdBlank);
		if (!eventId.trim()) throw dingError(blanks.eventIdBlank);
		this.member(org, userId);
		return org;
	}

	private timing(ev: EventRecord): SeriesTiming {
		return {
			startMs: ev.startMs,
			endMs: ev.endMs,
			isAllDay: ev.isAllDay,
			timeZone: ev.timeZone,
			recurrence: ev.recurrence,
		};
	}

	private isParticipant(ev: EventRecord, userId: string): boolean {
		if (ev.organizerId === userId) return true;
		return ev.attendees.some((a) => a.id === userId) && !ev.hiddenFor.includes(userId);
	}

	/** An event the user can see (organizer or attendee), not deleted. */
	private visibleEvent(org: Org, eventId: string, userId: string): EventRecord {
		const ev = org.events.get(eventId);
		if (!ev || ev.status !== 'confirmed' || !this.isParticipant(ev, userId))
			throw dingError('itemNotFound');
		return ev;
	}

	/** An event only its organizer may change. */
	private ownedEvent(org: Org, eventId: string, userId: string): EventRecord {
		const ev = this.visibleEvent(org, eventId, userId);
		if (ev.organizerId !== userId) throw dingError('notOrganizer');
		return ev;
	}

	private touch(org: Org, ev: EventRecord): void {
		ev.seq = ++org.seq;
		ev.updatedMs = this.clock.now();
		this.changed();
	}

	private hold(org: Org, eventId: string, roomId: string): void {
		let set = org.roomHolders.get(roomId);
		if (!set) {
			set = new Set();
			org.roomHolders.set(roomId, set);
		}
		set.add(eventId);
	}

	private release(org: Org, eventId: string, roomId: string): void {
		org.roomHolders.get(roomId)?.delete(eventId);
	}

	private reindex(org: Org): void {
		org.roomHolders.clear();
		for (const ev of org.events.values()) {
			if (ev.status !== 'confirmed') continue;
			for (const r of ev.meetingRooms)
				if (HELD.has(r.responseStatus)) this.hold(org, ev.id, r.roomId);
		}
	}

	/** Another confirmed event holding `roomId` (accepted or tentative) that overlaps `timing`. */
	private findConflict(
		org: Org,
		ev: EventRecord,
		roomId: string,
		timing: SeriesTiming = this.timing(ev),
	): EventRecord | undefined {
		const holders = org.roomHolders.get(roomId);
		if (!holders) return undefined;
		for (const id of holders) {
			if (id === ev.id) continue;
			const other = org.events.get(id);
			if (!other || other.status !== 'confirmed') continue;
			if (seriesOverlap(timing, this.timing(other))) return other;
		}
		return undefined;
	}

	private newEventId(org: Org): string {
		for (;;) {
			const id = randomBytes(24).toString('base64url');
			if (!org.events.has(id)) return id;
		}
	}

	/** Parse a filter time; `null` when unparsable (callers pick the API's own error). */
	private filterTime(value: string): number | null {
		const ms = parseInstant(value);
		if (ms !== null && this.strictTimestamps && !/\.\d{3}(Z|z|[+-])/.test(value))
			throw dingError('timestampWithoutMillis');
		return ms;
	}

	// ------------------------------------------------------------------ OAuth2 (reference §3)

	getAccessToken(body: unknown): { accessToken: string; expireIn: number } {
		return this.grant(this.tokens.accessToken(body));
	}

	getCorpAccessToken(body: unknown): { accessToken: string; expireIn: number } {
		return this.grant(this.tokens.corpAccessToken(body));
	}

	private grant(g: TokenGrant): { accessToken: string; expireIn: number } {
		this.changed();
		return { accessToken: g.accessToken, expireIn: g.expireIn };
	}

	authenticate(header: string | string[] | undefined): AuthContext {
		return this.tokens.authenticate(header);
	}

	/** `authenticate` without the error: undefined for a missing, unknown, expired or revoked token. */
	peekAuth(header: string | string[] | undefined): AuthContext | undefined {
		return this.tokens.peek(header);
	}

	// ------------------------------------------------------------------ Calendar: events (reference §4.1–4.11)

	createEvent(auth: AuthContext, userId: string, calendarId: string, body: unknown): Json {
		const org = this.org(auth);
		this.checkCalendar(calendarId);
		this.member(org, userId);
		if (!isObject(body)) throw dingError('eventMustBeProvided');
		const input = parseEventInput(body);
		if (input.summary === undefined || !input.summary.trim()) throw dingError('eventSummaryBlank');
		const timing = resolveTiming(input.isAllDay ?? false, input.start, input.end);
		const now = this.clock.now();
		const dayKey = `${userId}|${shanghaiDay(now)}`;
		if ((org.createdPerDay.get(dayKey) ?? 0) >= this.limits.eventsPerUserPerDay)
			throw dingError('flowLimit');
		const id = this.newEventId(org);
		const ev: EventRecord = {
			id,
			corpId: org.corpId,
			organizerId: userId,
			summary: input.summary,
			isAllDay: timing.isAllDay,
			timeZone: timing.timeZone,
			start: timing.start,
			end: timing.end,
			startMs: timing.startMs,
			endMs: timing.endMs,
			attendees: [],
			reminders: input.reminders ?? [{ method: 'dingtalk', minutes: timing.isAllDay ? 900 : 15 }],
			meetingRooms: [],
			status: 'confirmed',
			createdMs: now,
			updatedMs: now,
			seq: 0,
			hiddenFor: [],
		};
		this.applyInput(ev, input, userId);
		org.events.set(id, ev);
		org.createdPerDay.set(dayKey, (org.createdPerDay.get(dayKey) ?? 0) + 1);
		this.touch(org, ev);
		return renderEvent(org, ev, userId, 'create');
	}

	/** Copy the optional fields of a create/patch input onto an event. */
	private applyInput(ev: EventRecord, input: EventInput, organizerId: string): void {
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
						previous.get(a.id)?.responseStatus ??
						(a.id === organizerId ? 'accepted' : 'needsAction'),
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

	getEvent(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		query: Query = {},
	): Json {
		const org = this.eventScope(auth, userId, calendarId, eventId);
		const maxAttendees =
			queryInteger(query, 'maxAttendees', () => invalidParameter('maxAttendees invalid')) ?? 100;
		if (maxAttendees < 0 || maxAttendees > 500)
			throw invalidParameter('maxAttendees size must within range [0,500]');
		const ev = this.visibleEvent(org, eventId, userId);
		return renderEvent(org, ev, userId, 'get', maxAttendees || 100);
	}

	listEvents(auth: AuthContext, userId: string, calendarId: string, query: Query = {}): Json {
		const org = this.org(auth);
		this.checkCalendar(calendarId);
		this.member(org, userId);
		const bad = (name: string) => () => invalidParameter(`${name} invalid`);
		const timeMinRaw = query.timeMin || undefined;
		const timeMaxRaw = query.timeMax || undefined;
		const timeMin = timeMinRaw === undefined ? undefined : this.filterTime(timeMinRaw);
		const timeMax = timeMaxRaw === undefined ? undefined : this.filterTime(timeMaxRaw);
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
			if ((typeof c.e === 'number' ? c.e : 0) !== org.syncEpoch)
				throw dingError('syncTokenInvalid');
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
			if (!this.isParticipant(ev, userId)) continue;
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

	patchEvent(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		body: unknown,
	): Json {
		const org = this.eventScope(auth, userId, calendarId, eventId);
		if (!isObject(body)) throw dingError('eventMustBeProvided');
		const id = optString(body, 'id');
		if (!id || !id.trim()) throw dingError('eventIdBlank');
		if (id !== eventId) throw invalidParameter('Event id does not match the eventId in the path');
		const ev = this.ownedEvent(org, eventId, userId);
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
				if (HELD.has(r.responseStatus) && this.findConflict(org, ev, r.roomId, next)) {
					throw dingError('meetingRoomInvalid');
				}
			}
		}
		if (timing) {
			ev.isAllDay = timing.isAllDay;
			ev.timeZone = timing.timeZone;
			ev.start = timing.start;
			ev.end = timing.end;
			ev.startMs = timing.startMs;
			ev.endMs = timing.endMs;
		}
		this.applyInput(ev, input, ev.organizerId);
		this.touch(org, ev);
		return renderEvent(org, ev, userId, 'patch');
	}

	deleteEvent(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		query: Query = {},
	): undefined {
		const org = this.eventScope(auth, userId, calendarId, eventId);
		queryBoolean(query, 'pushNotification', () => invalidParameter('pushNotification invalid'));
		const ev = this.visibleEvent(org, eventId, userId);
		if (ev.organizerId === userId) {
			ev.status = 'cancelled';
			for (const r of ev.meetingRooms) this.release(org, ev.id, r.roomId);
		} else {
			ev.hiddenFor.push(userId);
			const a = ev.attendees.find((x) => x.id === userId);
			if (a) a.responseStatus = 'declined';
		}
		this.touch(org, ev);
		return undefined;
	}

	addAttendees(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		body: unknown,
	): undefined {
		const org = this.eventScope(auth, userId, calendarId, eventId);
		if (!isObject(body)) throw dingError('missingBody');
		const list = optArray(body, 'attendeesToAdd');
		if (!list || list.length === 0) throw invalidParameter('attendeesToAdd must be provided.');
		const toAdd = parseAttendees(list, 'attendeesToAdd');
		const ev = this.ownedEvent(org, eventId, userId);
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
		this.touch(org, ev);
		return undefined;
	}

	removeAttendees(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		body: unknown,
	): undefined {
		const org = this.eventScope(auth, userId, calendarId, eventId);
		if (!isObject(body)) throw dingError('missingBody');
		const list = optArray(body, 'attendeesToRemove') ?? [];
		const ids = parseAttendees(list, 'attendeesToRemove').map((a) => a.id);
		const ev = this.ownedEvent(org, eventId, userId);
		const before = ev.attendees.length;
		ev.attendees = ev.attendees.filter((a) => !ids.includes(a.id));
		if (ev.attendees.length !== before) this.touch(org, ev);
		return undefined;
	}

	listAttendees(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		query: Query = {},
	): Json {
		const org = this.eventScope(auth, userId, calendarId, eventId, {
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
			if (!c || typeof c.o !== 'number' || c.e !== eventId)
				throw invalidParameter('nextToken invalid');
			offset = c.o;
		}
		const ev = this.visibleEvent(org, eventId, userId);
		const page = ev.attendees.slice(offset, offset + limit);
		const out: Json = {
			attendees: page.map((a) => ({
				id: a.id,
				displayName: org.users.get(a.id)?.name ?? '',
				responseStatus: a.responseStatus,
				self: a.id === userId,
				isOptional: a.isOptional,
			})),
		};
		if (offset + limit < ev.attendees.length)
			out.nextToken = encodeCursor({ o: offset + limit, e: eventId });
		return out;
	}

	respondEvent(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		body: unknown,
	): undefined {
		const org = this.eventScope(auth, userId, calendarId, eventId);
		if (!isObject(body)) throw dingError('missingBody');
		const status = optString(body, 'responseStatus');
		if (!status || !RESPONSE_STATUSES.includes(status as ResponseStatus))
			throw invalidParameter('responseStatus invalid');
		const ev = this.visibleEvent(org, eventId, userId);
		const a = ev.attendees.find((x) => x.id === userId);
		if (a) {
			a.responseStatus = status as ResponseStatus;
			this.touch(org, ev);
		}
		return undefined;
	}

	// ------------------------------------------------------------------ Calendar: free/busy, calendars (§4.12, §4.13)

	private window(
		startTime: string | undefined,
		endTime: string | undefined,
		onMissing: () => DingTalkError,
	): [number, number] {
		if (!startTime || !endTime) throw onMissing();
		const from = this.filterTime(startTime);
		const to = this.filterTime(endTime);
		if (from === null) throw invalidParameter(`Invalid startTime: ${startTime}`);
		if (to === null) throw invalidParameter(`Invalid endTime: ${endTime}`);
		if (to <= from) throw invalidParameter('endTime must be later than startTime');
		if (to - from > this.limits.scheduleMaxDays * MS_PER_DAY) throw dingError('schedule90Days');
		return [from, to];
	}

	getSchedule(auth: AuthContext, userId: string, body: unknown): Json {
		const org = this.org(auth);
		this.member(org, userId);
		if (!isObject(body)) throw dingError('paramIllegal');
		const userIds = optStringArray(body, 'userIds');
		const startTime = optString(body, 'startTime');
		const endTime = optString(body, 'endTime');
		if (!userIds || userIds.length === 0) throw dingError('paramIllegal');
		if (userIds.length > this.limits.userScheduleMaxUsers) throw dingError('scheduleMoreThanLimit');
		const [from, to] = this.window(startTime, endTime, () => dingError('paramIllegal'));
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
				for (const [s, e] of occurrencesIn(this.timing(ev), from, to)) {
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

	listCalendars(auth: AuthContext, userId: string): Json {
		const org = this.org(auth);
		this.member(org, userId);
		const user = org.users.get(userId);
		return {
			response: {
				calendars: [
					{
						id: Buffer.from(`primary:${userId}`).toString('base64url'),
						summary: user?.name ?? '',
						description: '',
						timeZone: DEFAULT_TIME_ZONE,
						eTag: '0',
						type: 'primary',
						privilege: 'owner',
					},
				],
			},
		};
	}

	// ------------------------------------------------------------------ Calendar: rooms on events (§4.14–4.17)

	addMeetingRooms(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		body: unknown,
	): Json {
		const org = this.eventScope(auth, userId, calendarId, eventId);
		if (!isObject(body)) throw dingError('roomIdMustBeProvided');
		const list = optArray(body, 'meetingRoomsToAdd');
		if (!list || list.length === 0) throw dingError('roomIdMustBeProvided');
		const requested: string[] = [];
		arrayOfObjects(list, 'meetingRoomsToAdd').forEach((item, i) => {
			const roomId = optString(item, 'roomId', `meetingRoomsToAdd[${i}].roomId`);
			if (!roomId || !roomId.trim()) throw dingError('roomIdMustBeProvided');
			if (!requested.includes(roomId)) requested.push(roomId);
		});
		const max = this.limits.maxRoomsPerEvent;
		if (requested.length > max) throw dingError('roomBatchTooLarge');
		const ev = this.ownedEvent(org, eventId, userId);
		const entry = (roomId: string) => ev.meetingRooms.find((r) => r.roomId === roomId);
		const toBook = requested.filter((id) => !HELD.has(entry(id)?.responseStatus ?? ''));
		const total = ev.meetingRooms.length + toBook.filter((id) => !entry(id)).length;
		if (total > max) throw dingError('roomBatchTooLarge');
		for (const id of toBook) if (!org.rooms.has(id)) throw dingError('roomIdInvalid');
		for (const id of toBook) if (!org.rooms.get(id)?.open) throw dingError('meetingRoomClosed');
		for (const id of toBook)
			if (this.findConflict(org, ev, id)) throw dingError('meetingRoomNotAvailable');
		// Every check passed and nothing awaited since: book them all at once.
		for (const id of toBook) {
			const status: RoomResponseStatus = org.rooms.get(id)?.needsApproval
				? 'tentative'
				: 'accepted';
			const existing = entry(id);
			if (existing) existing.responseStatus = status;
			else ev.meetingRooms.push({ roomId: id, responseStatus: status });
			this.hold(org, ev.id, id);
		}
		if (toBook.length) this.touch(org, ev);
		return { result: true };
	}

	removeMeetingRooms(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		body: unknown,
	): Json {
		const org = this.eventScope(auth, userId, calendarId, eventId);
		if (!isObject(body)) throw dingError('roomsToRemoveMustBeProvided');
		const list = optArray(body, 'meetingRoomsToRemove');
		if (!list || list.length === 0) throw dingError('roomsToRemoveMustBeProvided');
		const ids = arrayOfObjects(list, 'meetingRoomsToRemove').map((item, i) => {
			const roomId = optString(item, 'roomId', `meetingRoomsToRemove[${i}].roomId`);
			if (!roomId || !roomId.trim()) throw dingError('roomsToRemoveMustBeProvided');
			return roomId;
		});
		const ev = this.ownedEvent(org, eventId, userId);
		const before = ev.meetingRooms.length;
		ev.meetingRooms = ev.meetingRooms.filter((r) => !ids.includes(r.roomId));
		for (const id of ids) this.release(org, ev.id, id);
		if (ev.meetingRooms.length !== before) this.touch(org, ev);
		return { result: true };
	}

	getMeetingRoomsSchedule(auth: AuthContext, userId: string, body: unknown): Json {
		const org = this.org(auth);
		this.member(org, userId);
		if (!isObject(body)) throw dingError('queryIdsEmpty');
		const roomIds = optStringArray(body, 'roomIds');
		if (!roomIds || roomIds.length === 0) throw dingError('queryIdsEmpty');
		if (roomIds.length > this.limits.roomScheduleMaxRooms) throw dingError('scheduleMoreThanLimit');
		const [from, to] = this.window(optString(body, 'startTime'), optString(body, 'endTime'), () =>
			invalidParameter('startTime and endTime must be provided.'),
		);
		for (const id of roomIds) if (!org.rooms.has(id)) throw dingError('roomIdInvalid');
		return {
			scheduleInformation: roomIds.map((roomId) => {
				const items: Array<{ at: number; item: Json }> = [];
				for (const evId of org.roomHolders.get(roomId) ?? []) {
					const ev = org.events.get(evId);
					const r = ev?.meetingRooms.find((x) => x.roomId === roomId);
					if (!ev || !r || ev.status !== 'confirmed' || !HELD.has(r.responseStatus)) continue;
					for (const [s, e] of occurrencesIn(this.timing(ev), from, to)) {
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

	meetingRoomRespond(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		roomId: string,
		body: unknown,
	): Json {
		const org = this.eventScope(auth, userId, calendarId, eventId);
		if (!isObject(body)) throw dingError('missingBody');
		const status = optString(body, 'responseStatus');
		if (!status || !ROOM_RESPONSES.includes(status as RoomResponseStatus))
			throw invalidParameter('responseStatus invalid');
		this.setRoomResponse(org, eventId, roomId, status as RoomResponseStatus);
		return { result: true };
	}

	private setRoomResponse(
		org: Org,
		eventId: string,
		roomId: string,
		status: RoomResponseStatus,
	): void {
		const ev = org.events.get(eventId);
		if (!ev || ev.status !== 'confirmed') throw dingError('itemNotFound');
		const entry = ev.meetingRooms.find((r) => r.roomId === roomId);
		if (!entry) throw dingError('roomIdInvalid');
		if (!HELD.has(entry.responseStatus) && HELD.has(status) && this.findConflict(org, ev, roomId)) {
			throw dingError('meetingRoomNotAvailable');
		}
		entry.responseStatus = status;
		if (HELD.has(status)) this.hold(org, ev.id, roomId);
		else this.release(org, ev.id, roomId);
		this.touch(org, ev);
	}

	// ------------------------------------------------------------------ rooms_1_0 (reference §5)

	private roomsOperator(org: Org, query: Query): void {
		const unionId = query.unionId;
		if (!unionId) throw dingError('paramError');
		if (!org.users.has(unionId)) throw dingError('userNotEmployee');
	}

	queryMeetingRoomList(auth: AuthContext, query: Query = {}): Json {
		const org = this.org(auth);
		this.roomsOperator(org, query);
		const maxResults = queryInteger(query, 'maxResults', () => dingError('paramError')) ?? 20;
		if (maxResults < 1 || maxResults > 100) throw dingError('paramError');
		const offset = queryInteger(query, 'nextToken', () => dingError('paramError')) ?? 0;
		if (offset < 0) throw dingError('paramError');
		const ids = org.roomOrder.slice(offset, offset + maxResults);
		const hasMore = offset + maxResults < org.roomOrder.length;
		const out: Json = {
			hasMore,
			result: ids.map((id) =>
				renderRoomSummary(org, org.rooms.get(id) as NonNullable<ReturnType<typeof org.rooms.get>>),
			),
		};
		if (hasMore) out.nextToken = offset + maxResults;
		return out;
	}

	queryMeetingRoom(auth: AuthContext, roomId: string, query: Query = {}): Json {
		const org = this.org(auth);
		this.roomsOperator(org, query);
		const room = org.rooms.get(roomId);
		if (!room) throw dingError('roomNotFound');
		return { result: renderRoomDetail(org, room) };
	}

	queryMeetingRoomGroupList(auth: AuthContext, query: Query = {}): Json {
		const org = this.org(auth);
		this.roomsOperator(org, query);
		return { result: org.groupOrder.map((id) => renderGroup(org, id)) };
	}

	queryMeetingRoomGroup(auth: AuthContext, groupId: string, query: Query = {}): Json {
		const org = this.org(auth);
		this.roomsOperator(org, query);
		if (!/^\d{1,15}$/.test(groupId)) throw dingError('paramError');
		const id = Number(groupId);
		if (!org.groups.has(id)) throw dingError('groupNotFound');
		return renderGroup(org, id);
	}

	// ------------------------------------------------------------------ control-plane views (no auth)

	eventState(ev: EventRecord): EventState {
		const org = this.orgs.get(ev.corpId) as Org;
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

	findEvent(eventId: string): EventRecord | undefined {
		for (const org of this.orgs.values()) {
			const ev = org.events.get(eventId);
			if (ev) return ev;
		}
		return undefined;
	}

	allEvents(): EventState[] {
		const out: EventState[] = [];
		for (const org of this.orgs.values()) {
			const sorted = Array.from(org.events.values()).sort(
				(a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1),
			);
			for (const ev of sorted) out.push(this.eventState(ev));
		}
		return out;
	}

	/** Control shortcut for MeetingRoomRespond (approval flows) without a token. */
	respondRoomAsAdmin(eventId: string, roomId: string, status: string): void {
		if (!ROOM_RESPONSES.includes(status as RoomResponseStatus))
			throw invalidParameter('responseStatus invalid');
		const ev = this.findEvent(eventId);
		if (!ev) throw dingError('itemNotFound');
		this.setRoomResponse(
			this.orgs.get(ev.corpId) as Org,
			eventId,
			roomId,
			status as RoomResponseStatus,
		);
	}

	/**
	 * Control: every ListEvents syncToken issued so far is refused from now on (as DingTalk does with an
	 * expired one), in every org. Returns how many orgs were affected.
	 */
	invalidateSyncTokens(): number {
		for (const org of this.orgs.values()) org.syncEpoch++;
		this.changed();
		return this.orgs.size;
	}

	expireTokens(token?: string): number {
		const n = this.tokens.expire(token);
		if (n) this.changed();
		return n;
	}

	revokeTokens(token?: string): number {
		const n = this.tokens.revoke(token);
		if (n) this.changed();
		return n;
	}

	get tokensIssued(): number {
		return this.tokens.issued;
	}

	// ------------------------------------------------------------------ persistence

	snapshot(): ModelSnapshot {
		return {
			tokens: this.tokens.snapshot(),
			orgs: Array.from(this.orgs.values(), (org) => ({
				corpId: org.corpId,
				seq: org.seq,
				syncEpoch: org.syncEpoch,
				createdPerDay: Array.from(org.createdPerDay.entries()),
				events: Array.from(
					org.events.values(),
					(ev) => JSON.parse(JSON.stringify(ev)) as EventRecord,
				),
			})),
		};
	}

	/** Replace tokens and events with a snapshot's (the directory always comes from the seed). */
	restore(snapshot: ModelSnapshot): void {
		if (!isObject(snapshot) || !Array.isArray(snapshot.tokens) || !Array.isArray(snapshot.orgs)) {
			throw new Error('snapshot must have "tokens" and "orgs" arrays');
		}
		this.tokens.restore(snapshot.tokens);
		for (const o of snapshot.orgs) {
			const org = this.orgs.get(o.corpId);
			if (!org) throw new Error(`snapshot org ${o.corpId} is not in the seed`);
			if (!Array.isArray(o.events) || typeof o.seq !== 'number')
				throw new Error(`snapshot org ${o.corpId} is malformed`);
			org.events.clear();
			for (const ev of o.events) {
				if (!isObject(ev) || typeof ev.id !== 'string' || !Array.isArray(ev.meetingRooms)) {
					throw new Error(`snapshot org ${o.corpId} has a malformed event`);
				}
				org.events.set(ev.id, ev);
			}
			org.seq = o.seq;
			org.syncEpoch = typeof o.syncEpoch === 'number' ? o.syncEpoch : 0;
			org.createdPerDay = new Map(o.createdPerDay ?? []);
			this.reindex(org);
		}
	}
}
