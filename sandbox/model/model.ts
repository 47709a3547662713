/**
 * The sandbox's state model: orgs → users, room groups, rooms, events (organizer, attendees, rooms with
 * responseStatus) and access tokens. It knows nothing about HTTP: every operation takes already-parsed
 * path/query values and a JSON body, returns the JSON answer (or `undefined` for an empty 200) and throws
 * `DingTalkError` from the catalogue. All operations are synchronous, so a check-then-book is atomic.
 *
 * This class is the facade the routes, the control API and the tests call. The rules live in one module
 * per entity (after moto's split of large backends), each taking the model's state as `m`:
 * `events` (create/get/patch/delete), `eventList` (ListEvents, sync tokens), `attendees`, `bookings`
 * (rooms on events), `freeBusy`, `calendars`, `directory` (rooms_1_0), `eventState` (control views),
 * `snapshot` (state file); `access` and `roomHolds` are what they share.
 */
import { addAttendees, listAttendees, removeAttendees, respondEvent } from './attendees';
import {
	addMeetingRooms,
	meetingRoomRespond,
	removeMeetingRooms,
	respondRoomAsAdmin,
} from './bookings';
import { listCalendars } from './calendars';
import { SandboxClock } from './clock';
import {
	queryMeetingRoom,
	queryMeetingRoomGroup,
	queryMeetingRoomGroupList,
	queryMeetingRoomList,
} from './directory';
import { invalidateSyncTokens, listEvents } from './eventList';
import { createEvent, deleteEvent, getEvent, patchEvent } from './events';
import { allEvents, eventState, findEvent, type EventState } from './eventState';
import { getMeetingRoomsSchedule, getSchedule } from './freeBusy';
import { buildOrgs, type Org } from './orgs';
import { validateSeed } from './seedValidation';
import { restoreSnapshot, takeSnapshot, type ModelSnapshot } from './snapshot';
import { changed, DEFAULT_LIMITS, type ModelLimits, type ModelState } from './state';
import { TokenStore, type TokenGrant } from './tokens';
import type { AuthContext, EventRecord, SandboxSeed } from './types';
import type { Json, Query } from './validate';

export { DEFAULT_LIMITS, type ModelLimits } from './state';
export type { EventState } from './eventState';
export type { ModelSnapshot, OrgSnapshot } from './snapshot';

type AccessToken = { accessToken: string; expireIn: number };

export class SandboxModel implements ModelState {
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
	}

	// ------------------------------------------------------------------ OAuth2 (reference §3)

	getAccessToken(body: unknown): AccessToken {
		return this.grant(this.tokens.accessToken(body));
	}

	getCorpAccessToken(body: unknown): AccessToken {
		return this.grant(this.tokens.corpAccessToken(body));
	}

	private grant(g: TokenGrant): AccessToken {
		changed(this);
		return { accessToken: g.accessToken, expireIn: g.expireIn };
	}

	authenticate(header: string | string[] | undefined): AuthContext {
		return this.tokens.authenticate(header);
	}

	/** `authenticate` without the error: undefined for a missing, unknown, expired or revoked token. */
	peekAuth(header: string | string[] | undefined): AuthContext | undefined {
		return this.tokens.peek(header);
	}

	// ------------------------------------------------------------------ Calendar: events (§4.1–4.11)

	createEvent(auth: AuthContext, userId: string, calendarId: string, body: unknown): Json {
		return createEvent(this, auth, userId, calendarId, body);
	}

	getEvent(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		query: Query = {},
	): Json {
		return getEvent(this, auth, { userId, calendarId, eventId }, query);
	}

	listEvents(auth: AuthContext, userId: string, calendarId: string, query: Query = {}): Json {
		return listEvents(this, auth, userId, calendarId, query);
	}

	patchEvent(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		body: unknown,
	): Json {
		return patchEvent(this, auth, { userId, calendarId, eventId }, body);
	}

	deleteEvent(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		query: Query = {},
	): undefined {
		return deleteEvent(this, auth, { userId, calendarId, eventId }, query);
	}

	addAttendees(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		body: unknown,
	): undefined {
		return addAttendees(this, auth, { userId, calendarId, eventId }, body);
	}

	removeAttendees(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		body: unknown,
	): undefined {
		return removeAttendees(this, auth, { userId, calendarId, eventId }, body);
	}

	listAttendees(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		query: Query = {},
	): Json {
		return listAttendees(this, auth, { userId, calendarId, eventId }, query);
	}

	respondEvent(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		body: unknown,
	): undefined {
		return respondEvent(this, auth, { userId, calendarId, eventId }, body);
	}

	// ------------------------------------------------------------------ Calendar: free/busy, calendars (§4.12, §4.13)

	getSchedule(auth: AuthContext, userId: string, body: unknown): Json {
		return getSchedule(this, auth, userId, body);
	}

	listCalendars(auth: AuthContext, userId: string): Json {
		return listCalendars(this, auth, userId);
	}

	// ------------------------------------------------------------------ Calendar: rooms on events (§4.14–4.17)

	addMeetingRooms(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		body: unknown,
	): Json {
		return addMeetingRooms(this, auth, { userId, calendarId, eventId }, body);
	}

	removeMeetingRooms(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		body: unknown,
	): Json {
		return removeMeetingRooms(this, auth, { userId, calendarId, eventId }, body);
	}

	getMeetingRoomsSchedule(auth: AuthContext, userId: string, body: unknown): Json {
		return getMeetingRoomsSchedule(this, auth, userId, body);
	}

	meetingRoomRespond(
		auth: AuthContext,
		userId: string,
		calendarId: string,
		eventId: string,
		roomId: string,
		body: unknown,
	): Json {
		return meetingRoomRespond(this, auth, { userId, calendarId, eventId }, roomId, body);
	}

	// ------------------------------------------------------------------ rooms_1_0 (reference §5)

	queryMeetingRoomList(auth: AuthContext, query: Query = {}): Json {
		return queryMeetingRoomList(this, auth, query);
	}

	queryMeetingRoom(auth: AuthContext, roomId: string, query: Query = {}): Json {
		return queryMeetingRoom(this, auth, roomId, query);
	}

	queryMeetingRoomGroupList(auth: AuthContext, query: Query = {}): Json {
		return queryMeetingRoomGroupList(this, auth, query);
	}

	queryMeetingRoomGroup(auth: AuthContext, groupId: string, query: Query = {}): Json {
		return queryMeetingRoomGroup(this, auth, groupId, query);
	}

	// ------------------------------------------------------------------ control-plane views (no auth)

	eventState(ev: EventRecord): EventState {
		return eventState(this, ev);
	}

	findEvent(eventId: string): EventRecord | undefined {
		return findEvent(this, eventId);
	}

	allEvents(): EventState[] {
		return allEvents(this);
	}

	/** Control shortcut for MeetingRoomRespond (approval flows) without a token. */
	respondRoomAsAdmin(eventId: string, roomId: string, status: string): void {
		respondRoomAsAdmin(this, eventId, roomId, status);
	}

	/** Control: refuse every ListEvents syncToken issued so far; returns how many orgs were affected. */
	invalidateSyncTokens(): number {
		return invalidateSyncTokens(this);
	}

	expireTokens(token?: string): number {
		const n = this.tokens.expire(token);
		if (n) changed(this);
		return n;
	}

	revokeTokens(token?: string): number {
		const n = this.tokens.revoke(token);
		if (n) changed(this);
		return n;
	}

	get tokensIssued(): number {
		return this.tokens.issued;
	}

	// ------------------------------------------------------------------ persistence

	snapshot(): ModelSnapshot {
		return takeSnapshot(this);
	}

	/** Replace tokens and events with a snapshot's (the directory always comes from the seed). */
	restore(snapshot: ModelSnapshot): void {
		restoreSnapshot(this, snapshot);
	}
}
