/**
 * Types shared by the model, the seed and the control API (and `appId`, an app's key). Nothing here
 * knows about HTTP.
 */
import type { Recurrence } from './recurrence';

// ---------------------------------------------------------------- seed (public contract)

export interface SeedInternalApp {
	type: 'internal';
	appKey: string;
	appSecret: string;
	corpId: string;
	name: string;
	/** API scopes the app holds (e.g. `Calendar.Event.Write`); omitted = every scope. */
	permissions?: string[];
}

export interface SeedThirdPartyApp {
	type: 'thirdParty';
	suiteKey: string;
	suiteSecret: string;
	suiteTicket: string;
	/** The corp that authorized (installed) the app. */
	corpId: string;
	name: string;
	permissions?: string[];
}

export type SeedApp = SeedInternalApp | SeedThirdPartyApp;

/** An app's key: appKey (internal) or suiteKey (third party). */
export function appId(app: SeedApp): string {
	return app.type === 'internal' ? app.appKey : app.suiteKey;
}

export interface SeedUser {
	unionId: string;
	userId: string;
	name: string;
	/** Org of the user; defaults to `apps[0].corpId`. */
	corpId?: string;
}

export interface SeedRoomGroup {
	groupId: number;
	groupName: string;
	/** 0 = top level. */
	parentId: number;
	corpId?: string;
}

export interface SeedRoom {
	/** 48 lowercase hex characters in the default seed; never contains `/ ? # %`. */
	roomId: string;
	roomName: string;
	roomCapacity: number;
	groupId: number;
	/** Label names, e.g. `TV`, `Projector`, `Whiteboard`, `Video Conference`, `Phone`. */
	labels: string[];
	/** Bookings start `tentative` (approval pending) instead of `accepted`. */
	needsApproval: boolean;
	/** `extensionConfig.openReservation`; a closed room cannot be booked. */
	open: boolean;
	/**
	 * Closed rooms only: `extensionConfig.reservationCloseDetail.closeReason` (default `""`). The room
	 * counts as closed indefinitely since the seed's creation time (no `taskEndTime`).
	 */
	closeReason?: string;
	corpId?: string;
	/** `roomLocation` (defaults derived from the group). */
	location?: { title: string; desc: string };
	/** 0 = bookable by everyone (default), 1 = admins only, 2 = selected members. */
	roomStatus?: number;
	description?: string;
}

export interface SeedEvent {
	/** Never contains `/ ? # %`. */
	eventId: string;
	organizerUnionId: string;
	summary: string;
	/** ISO-8601 instant with offset, e.g. `2030-01-15T10:00:00+08:00`. */
	start: string;
	end: string;
	/** IANA zone the event is shown in; default `Asia/Shanghai`. */
	timeZone?: string;
	/** Rooms held by the event (approval rooms are held `tentative`, others `accepted`). */
	roomIds: string[];
	attendeeUnionIds?: string[];
	description?: string;
	corpId?: string;
}

export interface SandboxSeed {
	apps: SeedApp[];
	users: SeedUser[];
	roomGroups: SeedRoomGroup[];
	rooms: SeedRoom[];
	events: SeedEvent[];
}

// ---------------------------------------------------------------- runtime records

export type ResponseStatus = 'needsAction' | 'accepted' | 'declined' | 'tentative';
export type RoomResponseStatus = 'accepted' | 'tentative' | 'declined';

export interface EventTimeOut {
	date?: string;
	dateTime?: string;
	timeZone?: string;
}

export interface AttendeeRecord {
	id: string;
	isOptional: boolean;
	responseStatus: ResponseStatus;
}

export interface EventRoomRecord {
	roomId: string;
	responseStatus: RoomResponseStatus;
}

export interface EventRecord {
	id: string;
	corpId: string;
	organizerId: string;
	summary: string;
	description?: string;
	isAllDay: boolean;
	/** Zone for a timed event; `UTC` for all-day events. */
	timeZone: string;
	start: EventTimeOut;
	end: EventTimeOut;
	startMs: number;
	endMs: number;
	recurrence?: Recurrence;
	attendees: AttendeeRecord[];
	location?: { displayName?: string };
	/** Minutes are numbers here; responses render them as strings (reference §4.0). */
	reminders: Array<{ method: string; minutes: number }>;
	onlineMeetingInfo?: {
		type: string;
		conferenceId: string;
		url: string;
		extraInfo?: Record<string, unknown>;
	};
	extra?: Record<string, string>;
	uiConfigs?: Array<{ uiName: string; uiStatus: string }>;
	richTextDescription?: { text: string };
	categories?: Array<{ categoryId?: string; displayName: string }>;
	cardInstances?: Array<{ outTrackId?: string; scenario?: string }>;
	freeBusyStatus?: string;
	meetingRooms: EventRoomRecord[];
	status: 'confirmed' | 'cancelled';
	createdMs: number;
	updatedMs: number;
	/** Org-wide change sequence number of the last change (ListEvents `syncToken`). */
	seq: number;
	/** Attendees who deleted the event from their own calendar. */
	hiddenFor: string[];
}

export interface TokenRecord {
	token: string;
	/** appKey (internal) or suiteKey (third party). */
	appId: string;
	corpId: string;
	issuedAtMs: number;
	expiresAtMs: number;
	revoked: boolean;
}

/** Who is calling: resolved from the access token. */
export interface AuthContext {
	appId: string;
	appType: 'internal' | 'thirdParty';
	corpId: string;
	permissions?: string[];
}
