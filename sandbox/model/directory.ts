/**
 * The room directory API, rooms_1_0 (reference §5): room list, room, group list and group, each
 * checked against the operator `unionId` the query must name. The directory is read-only.
 */
import { dingError } from '../errors';
import { callerOrg } from './access';
import { SEED_CREATED_MS, type Org, type RoomInfo } from './orgs';
import type { ModelState } from './state';
import type { AuthContext, SeedRoomGroup } from './types';
import { queryInteger, type Json, type Query } from './validate';

/** The operator every rooms_1_0 query names: required, and a member of the caller's org. */
function operatorOrg(m: ModelState, auth: AuthContext, query: Query): Org {
	const org = callerOrg(m, auth);
	const unionId = query.unionId;
	if (!unionId) throw dingError('paramError');
	if (!org.users.has(unionId)) throw dingError('userNotEmployee');
	return org;
}

export function queryMeetingRoomList(m: ModelState, auth: AuthContext, query: Query): Json {
	const org = operatorOrg(m, auth, query);
	const maxResults = queryInteger(query, 'maxResults', () => dingError('paramError')) ?? 20;
	if (maxResults < 1 || maxResults > 100) throw dingError('paramError');
	const offset = queryInteger(query, 'nextToken', () => dingError('paramError')) ?? 0;
	if (offset < 0) throw dingError('paramError');
	const ids = org.roomOrder.slice(offset, offset + maxResults);
	const hasMore = offset + maxResults < org.roomOrder.length;
	const out: Json = {
		hasMore,
		result: ids.map((id) => renderRoomSummary(org, org.rooms.get(id) as RoomInfo)),
	};
	if (hasMore) out.nextToken = offset + maxResults;
	return out;
}

export function queryMeetingRoom(
	m: ModelState,
	auth: AuthContext,
	roomId: string,
	query: Query,
): Json {
	const org = operatorOrg(m, auth, query);
	const room = org.rooms.get(roomId);
	if (!room) throw dingError('roomNotFound');
	return { result: renderRoomDetail(org, room) };
}

export function queryMeetingRoomGroupList(m: ModelState, auth: AuthContext, query: Query): Json {
	const org = operatorOrg(m, auth, query);
	return { result: org.groupOrder.map((id) => renderGroup(org, id)) };
}

export function queryMeetingRoomGroup(
	m: ModelState,
	auth: AuthContext,
	groupId: string,
	query: Query,
): Json {
	const org = operatorOrg(m, auth, query);
	if (!/^\d{1,15}$/.test(groupId)) throw dingError('paramError');
	const id = Number(groupId);
	if (!org.groups.has(id)) throw dingError('groupNotFound');
	return renderGroup(org, id);
}

// ---------------------------------------------------------------- renderers

function groupOut(
	g: SeedRoomGroup | undefined,
	groupId: number,
): { groupId: number; groupName: string; parentId: number } {
	return { groupId, groupName: g?.groupName ?? '', parentId: g?.parentId ?? 0 };
}

/** Room summaries never change (the directory is read-only), so each is built once per org. */
const summaryCache = new WeakMap<RoomInfo, Record<string, unknown>>();

function renderRoomSummary(org: Org, room: RoomInfo): Record<string, unknown> {
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

function renderRoomDetail(org: Org, room: RoomInfo): Record<string, unknown> {
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

function renderGroup(
	org: Org,
	groupId: number,
): { groupId: number; groupName: string; parentId: number } {
	return groupOut(org.groups.get(groupId), groupId);
}
