/**
 * Orgs (corps) and their directories: users, room groups and rooms, built from a seed. Also the seed
 * validator (a bad seed is a clear error, never a half-built sandbox) and the `rooms_1_0` renderers.
 */
import { isObject, isSafeId } from './validate';
import type { EventRecord, SandboxSeed, SeedApp, SeedRoom, SeedRoomGroup, SeedUser } from './types';

/** Seeded events' `createTime`, and the time seeded closed rooms were closed: fixed, so a fresh sandbox is deterministic. */
export const SEED_CREATED_AT = '2029-12-01T09:00:00+08:00';
const SEED_CREATED_MS = Date.parse(SEED_CREATED_AT);

/** Label ids as documented for `roomLabels` (reference §5.1): 1 TV, 2 phone, 3 projector, 4 whiteboard, 5 video. */
export const KNOWN_LABEL_IDS: Record<string, number> = {
	tv: 1,
	phone: 2,
	projector: 3,
	whiteboard: 4,
	'video conference': 5,
	'video conferencing': 5,
};

export interface RoomInfo extends SeedRoom {
	corpId: string;
	labelIds: number[];
	/** Stable per-room extras rendered by QueryMeetingRoom. */
	roomUnionId: string;
	roomStaffId: string;
}

export interface Org {
	corpId: string;
	users: Map<string, SeedUser>;
	groups: Map<number, SeedRoomGroup>;
	groupOrder: number[];
	rooms: Map<string, RoomInfo>;
	roomOrder: string[];
	events: Map<string, EventRecord>;
	/** roomId → ids of confirmed events holding the room `accepted` or `tentative`. */
	roomHolders: Map<string, Set<string>>;
	/** `${organizerUnionId}|${yyyy-MM-dd}` → events created that (Asia/Shanghai) day. */
	createdPerDay: Map<string, number>;
	/** Change sequence for ListEvents sync tokens. */
	seq: number;
	/** Sync tokens carry the epoch they were issued in; invalidating them (control API) starts a new one. */
	syncEpoch: number;
}

export class SeedError extends Error {
	constructor(message: string) {
		super(`Invalid sandbox seed: ${message}`);
		this.name = 'SeedError';
	}
}

function need(cond: unknown, message: string): asserts cond {
	if (!cond) throw new SeedError(message);
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

export function appId(app: SeedApp): string {
	return app.type === 'internal' ? app.appKey : app.suiteKey;
}

/** Structural validation of a seed (from a file, the control API or code). Throws SeedError. */
export function validateSeed(input: unknown): SandboxSeed {
	need(isObject(input), 'expected an object {apps, users, roomGroups, rooms, events}');
	for (const key of ['apps', 'users', 'roomGroups', 'rooms', 'events']) {
		need(Array.isArray(input[key]), `"${key}" must be an array`);
	}
	const seed = input as unknown as SandboxSeed;
	need(seed.apps.length > 0, 'at least one app is required');
	const appIds = new Set<string>();
	seed.apps.forEach((app, i) => {
		need(isObject(app), `apps[${i}] must be an object`);
		if (app.type === 'internal') {
			need(isStr(app.appKey) && isStr(app.appSecret), `apps[${i}] needs appKey and appSecret`);
		} else if (app.type === 'thirdParty') {
			need(
				isStr(app.suiteKey) && isStr(app.suiteSecret) && isStr(app.suiteTicket),
				`apps[${i}] needs suiteKey, suiteSecret and suiteTicket`,
			);
		} else {
			throw new SeedError(`apps[${i}].type must be "internal" or "thirdParty"`);
		}
		need(isStr(app.corpId), `apps[${i}].corpId is required`);
		need(typeof app.name === 'string', `apps[${i}].name must be a string`);
		need(
			app.permissions === undefined ||
				(Array.isArray(app.permissions) && app.permissions.every(isStr)),
			`apps[${i}].permissions must be an array of strings`,
		);
		const id = appId(app);
		need(!appIds.has(id), `duplicate app key ${id}`);
		appIds.add(id);
	});
	const defaultCorp = seed.apps[0].corpId;
	const corpOf = (x: { corpId?: string }): string => x.corpId ?? defaultCorp;

	const users = new Set<string>();
	seed.users.forEach((u, i) => {
		need(isObject(u), `users[${i}] must be an object`);
		need(
			isStr(u.unionId) && isSafeId(u.unionId),
			`users[${i}].unionId must be a non-empty id without / ? # %`,
		);
		need(isStr(u.userId), `users[${i}].userId is required`);
		need(typeof u.name === 'string', `users[${i}].name must be a string`);
		const key = `${corpOf(u)}|${u.unionId}`;
		need(!users.has(key), `duplicate user ${u.unionId}`);
		users.add(key);
	});

	const groups = new Map<string, SeedRoomGroup>();
	seed.roomGroups.forEach((g, i) => {
		need(isObject(g), `roomGroups[${i}] must be an object`);
		need(isInt(g.groupId) && g.groupId > 0, `roomGroups[${i}].groupId must be a positive integer`);
		need(isInt(g.parentId) && g.parentId >= 0, `roomGroups[${i}].parentId must be an integer >= 0`);
		need(typeof g.groupName === 'string', `roomGroups[${i}].groupName must be a string`);
		const key = `${corpOf(g)}|${g.groupId}`;
		need(!groups.has(key), `duplicate group ${g.groupId}`);
		groups.set(key, g);
	});
	for (const g of seed.roomGroups) {
		need(
			g.parentId === 0 || groups.has(`${corpOf(g)}|${g.parentId}`),
			`group ${g.groupId} has unknown parent ${g.parentId}`,
		);
	}

	const rooms = new Set<string>();
	seed.rooms.forEach((r, i) => {
		need(isObject(r), `rooms[${i}] must be an object`);
		need(
			isStr(r.roomId) && isSafeId(r.roomId),
			`rooms[${i}].roomId must be a non-empty id without / ? # %`,
		);
		need(typeof r.roomName === 'string', `rooms[${i}].roomName must be a string`);
		need(
			isInt(r.roomCapacity) && r.roomCapacity >= 0,
			`rooms[${i}].roomCapacity must be an integer`,
		);
		need(isInt(r.groupId), `rooms[${i}].groupId must be an integer`);
		need(
			r.groupId === 0 || groups.has(`${corpOf(r)}|${r.groupId}`),
			`room ${r.roomId} has unknown group ${r.groupId}`,
		);
		need(
			Array.isArray(r.labels) && r.labels.every((l) => typeof l === 'string'),
			`rooms[${i}].labels must be strings`,
		);
		need(typeof r.needsApproval === 'boolean', `rooms[${i}].needsApproval must be a boolean`);
		need(typeof r.open === 'boolean', `rooms[${i}].open must be a boolean`);
		need(
			r.closeReason === undefined || typeof r.closeReason === 'string',
			`rooms[${i}].closeReason must be a string`,
		);
		need(
			r.roomStatus === undefined || [0, 1, 2].includes(r.roomStatus),
			`rooms[${i}].roomStatus must be 0, 1 or 2`,
		);
		const key = `${corpOf(r)}|${r.roomId}`;
		need(!rooms.has(key), `duplicate room ${r.roomId}`);
		rooms.add(key);
	});

	const events = new Set<string>();
	seed.events.forEach((e, i) => {
		need(isObject(e), `events[${i}] must be an object`);
		need(
			isStr(e.eventId) && isSafeId(e.eventId),
			`events[${i}].eventId must be a non-empty id without / ? # %`,
		);
		need(!events.has(e.eventId), `duplicate event ${e.eventId}`);
		events.add(e.eventId);
		need(
			users.has(`${corpOf(e)}|${e.organizerUnionId}`),
			`event ${e.eventId}: unknown organizer ${e.organizerUnionId}`,
		);
		need(isStr(e.summary), `event ${e.eventId}: summary is required`);
		need(
			isStr(e.start) && isStr(e.end),
			`event ${e.eventId}: start and end are required ISO-8601 strings`,
		);
		need(Array.isArray(e.roomIds), `event ${e.eventId}: roomIds must be an array`);
		need(e.roomIds.length <= 5, `event ${e.eventId}: at most 5 rooms`);
		for (const roomId of e.roomIds) {
			need(rooms.has(`${corpOf(e)}|${roomId}`), `event ${e.eventId}: unknown room ${roomId}`);
		}
		for (const a of e.attendeeUnionIds ?? []) {
			need(users.has(`${corpOf(e)}|${a}`), `event ${e.eventId}: unknown attendee ${a}`);
		}
	});
	return seed;
}

function hex(n: number, salt: string): string {
	// Deterministic, dependency-free pseudo-hex for derived ids (FNV-1a over salt + counter).
	let out = '';
	let h = 0x811c9dc5;
	for (let i = 0; out.length < n; i++) {
		const s = `${salt}:${i}`;
		for (let j = 0; j < s.length; j++) {
			h ^= s.charCodeAt(j);
			h = Math.imul(h, 0x01000193) >>> 0;
		}
		out += h.toString(16).padStart(8, '0');
	}
	return out.slice(0, n);
}

/** Build every org named by the seed (apps, users, groups, rooms; events are added by the model). */
export function buildOrgs(seed: SandboxSeed): Map<string, Org> {
	const defaultCorp = seed.apps[0].corpId;
	const orgs = new Map<string, Org>();
	const org = (corpId: string): Org => {
		let o = orgs.get(corpId);
		if (!o) {
			o = {
				corpId,
				users: new Map(),
				groups: new Map(),
				groupOrder: [],
				rooms: new Map(),
				roomOrder: [],
				events: new Map(),
				roomHolders: new Map(),
				createdPerDay: new Map(),
				seq: 0,
				syncEpoch: 0,
			};
			orgs.set(corpId, o);
		}
		return o;
	};
	for (const app of seed.apps) org(app.corpId);
	for (const u of seed.users) org(u.corpId ?? defaultCorp).users.set(u.unionId, u);
	for (const g of seed.roomGroups) {
		const o = org(g.corpId ?? defaultCorp);
		o.groups.set(g.groupId, g);
		o.groupOrder.push(g.groupId);
	}
	let nextCustomLabel = 100;
	const customLabels = new Map<string, number>();
	for (const r of seed.rooms) {
		const corpId = r.corpId ?? defaultCorp;
		const o = org(corpId);
		const labelIds = r.labels.map((name) => {
			const known = KNOWN_LABEL_IDS[name.trim().toLowerCase()];
			if (known !== undefined) return known;
			let id = customLabels.get(name);
			if (id === undefined) {
				id = nextCustomLabel++;
				customLabels.set(name, id);
			}
			return id;
		});
		o.rooms.set(r.roomId, {
			...r,
			corpId,
			labelIds,
			roomUnionId: `DtB${hex(12, `union:${r.roomId}`)}iE`,
			roomStaffId: `0122${hex(14, `staff:${r.roomId}`).replace(/[a-f]/g, (c) => String(c.charCodeAt(0) % 10))}`,
		});
		o.roomOrder.push(r.roomId);
	}
	return orgs;
}

// ---------------------------------------------------------------- rooms_1_0 renderers (reference §5)

function groupOut(
	g: SeedRoomGroup | undefined,
	groupId: number,
): { groupId: number; groupName: string; parentId: number } {
	return { groupId, groupName: g?.groupName ?? '', parentId: g?.parentId ?? 0 };
}

/** Room summaries never change (the directory is read-only), so each is built once per org. */
const summaryCache = new WeakMap<RoomInfo, Record<string, unknown>>();

export function renderRoomSummary(org: Org, room: RoomInfo): Record<string, unknown> {
	let cached = summaryCache.get(room);
	if (!cached) {
		cached = buildRoomSummary(org, room);
		summaryCache.set(room, cached);
	}
	return cached;
}

function buildRoomSummary(org: Org, room: RoomInfo): Record<string, unknown> {
	const group = org.groups.get(room.groupId);
	return {
		roomId: room.roomId,
		roomStaffId: room.roomStaffId,
		corpId: room.corpId,
		roomName: room.roomName,
		roomStatus: room.roomStatus ?? 0,
		roomLabels: room.labels.map((labelName, i) => ({ labelId: room.labelIds[i], labelName })),
		roomCapacity: room.roomCapacity,
		roomLocation: room.location ?? {
			title: group?.groupName ?? 'Sandbox Corp',
			desc: `${group?.groupName ?? 'Sandbox Corp'} · ${room.roomName}`,
		},
		roomPicture: `https://static.dingtalk.com/media/sandbox-${room.roomId.slice(0, 12)}.jpg`,
		isvRoomId: '',
		roomGroup: groupOut(group, room.groupId),
	};
}

export function renderRoomDetail(org: Org, room: RoomInfo): Record<string, unknown> {
	const extensionConfig: Record<string, unknown> = {
		openReservation: room.open,
		maxReservationTimeInterval: 0,
		minReservationTimeInterval: 0,
		advanceReservation: {
			advanceReservationTime: 0,
			advanceReservationTimeUnit: 'days',
			advanceBookTimeFormat: '00:00',
		},
	};
	// The booking-closed window (reference §5.2): a closed room is closed indefinitely (no taskEndTime)
	// since the seed's creation; an open room has no window, so the object is left out.
	if (!room.open) {
		extensionConfig.reservationCloseDetail = {
			taskStartTime: SEED_CREATED_MS,
			closeReason: room.closeReason ?? '',
		};
	}
	extensionConfig.approvalSwitch = room.needsApproval;
	extensionConfig.approvalType = 1;
	return {
		...buildRoomSummary(org, room),
		deviceUnionIds: [],
		reservationAuthority: { authorizedMembers: [] },
		enableCycleReservation: true,
		roomUnionId: room.roomUnionId,
		extensionConfig,
		roomDescription: room.description ?? '',
	};
}

export function renderGroup(
	org: Org,
	groupId: number,
): { groupId: number; groupName: string; parentId: number } {
	return groupOut(org.groups.get(groupId), groupId);
}
