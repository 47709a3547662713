/* eslint-disable @n8n/community-nodes/require-node-api-error */
/**
 * Orgs (corps) built from a seed: each with its directory (users, room groups, rooms) and its events.
 */
import { DEFAULT_TIME_ZONE, resolveTiming, type Timing } from './eventInput';
import { findConflict, hold } from './roomHolds';
import { SeedError } from './seedValidation';
import type { EventRecord, SandboxSeed, SeedRoom, SeedRoomGroup, SeedUser } from './types';

/** Seeded events' `createTime`, and the time seeded closed rooms were closed: fixed, so a fresh sandbox is deterministic. */
export const SEED_CREATED_AT = '2029-12-01T09:00:00+08:00';
export const SEED_CREATED_MS = Date.parse(SEED_CREATED_AT);

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

/**
 * Build every org named by the seed: its directory (apps, users, groups, rooms), then its events with
 * their rooms held. The seed has been validated (`validateSeed`); what only a build can find (an event
 * time that does not parse, two events holding one room) is a SeedError too.
 */
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
	placeSeedEvents(orgs, seed);
	return orgs;
}

function placeSeedEvents(orgs: Map<string, Org>, seed: SandboxSeed): void {
	const defaultCorp = seed.apps[0].corpId;
	for (const se of seed.events) {
		const org = orgs.get(se.corpId ?? defaultCorp) as Org;
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
			...timing,
			attendees: (se.attendeeUnionIds ?? [])
				.filter((id) => id !== se.organizerUnionId)
				.map((id) => ({ id, isOptional: false, responseStatus: 'needsAction' as const })),
			reminders: [{ method: 'dingtalk', minutes: 15 }],
			meetingRooms: [],
			status: 'confirmed',
			createdMs: SEED_CREATED_MS,
			updatedMs: SEED_CREATED_MS,
			seq: ++org.seq,
			hiddenFor: [],
		};
		if (se.description !== undefined) ev.description = se.description;
		for (const roomId of se.roomIds) {
			const room = org.rooms.get(roomId);
			if (!room) throw new SeedError(`event ${se.eventId}: unknown room ${roomId}`);
			const clash = findConflict(org, ev, roomId);
			if (clash)
				throw new SeedError(`event ${se.eventId} and event ${clash.id} both hold room ${roomId}`);
			ev.meetingRooms.push({
				roomId,
				responseStatus: room.needsApproval ? 'tentative' : 'accepted',
			});
			org.events.set(ev.id, ev);
			hold(org, ev.id, roomId);
		}
		org.events.set(ev.id, ev);
	}
}
