/**
 * Rooms on events (reference §4.14, §4.15, §4.17): AddMeetingRooms, RemoveMeetingRooms and a room's
 * answer (MeetingRoomRespond, or the control API's approval shortcut). Approval rooms are booked
 * `tentative`, others `accepted`. Checks and booking run synchronously, so a booking is atomic.
 */
import { dingError, invalidParameter, type DingTalkError } from '../errors';
import { eventScope, ownedEvent, type EventPath } from './access';
import { findEvent } from './eventState';
import type { Org } from './orgs';
import { findConflict, HELD, hold, release } from './roomHolds';
import { touch, type ModelState } from './state';
import type { AuthContext, RoomResponseStatus } from './types';
import { arrayOfObjects, isObject, optArray, optString, type Json } from './validate';

const ROOM_RESPONSES: readonly RoomResponseStatus[] = ['accepted', 'tentative', 'declined'];

/** The `roomId`s of a `meetingRoomsToAdd` / `meetingRoomsToRemove` list; blank ones are `missing`. */
function roomIdsOf(
	body: unknown,
	key: 'meetingRoomsToAdd' | 'meetingRoomsToRemove',
	missing: () => DingTalkError,
): string[] {
	if (!isObject(body)) throw missing();
	const list = optArray(body, key);
	if (!list || list.length === 0) throw missing();
	return arrayOfObjects(list, key).map((item, i) => {
		const roomId = optString(item, 'roomId', `${key}[${i}].roomId`);
		if (!roomId || !roomId.trim()) throw missing();
		return roomId;
	});
}

export function addMeetingRooms(
	m: ModelState,
	auth: AuthContext,
	at: EventPath,
	body: unknown,
): Json {
	const org = eventScope(m, auth, at);
	const requested = Array.from(
		new Set(roomIdsOf(body, 'meetingRoomsToAdd', () => dingError('roomIdMustBeProvided'))),
	);
	const max = m.limits.maxRoomsPerEvent;
	if (requested.length > max) throw dingError('roomBatchTooLarge');
	const ev = ownedEvent(org, at);
	const entry = (roomId: string) => ev.meetingRooms.find((r) => r.roomId === roomId);
	const toBook = requested.filter((id) => !HELD.has(entry(id)?.responseStatus ?? ''));
	const total = ev.meetingRooms.length + toBook.filter((id) => !entry(id)).length;
	if (total > max) throw dingError('roomBatchTooLarge');
	for (const id of toBook) if (!org.rooms.has(id)) throw dingError('roomIdInvalid');
	for (const id of toBook) if (!org.rooms.get(id)?.open) throw dingError('meetingRoomClosed');
	for (const id of toBook)
		if (findConflict(org, ev, id)) throw dingError('meetingRoomNotAvailable');
	// Every check passed and nothing awaited since: book them all at once.
	for (const id of toBook) {
		const status: RoomResponseStatus = org.rooms.get(id)?.needsApproval ? 'tentative' : 'accepted';
		const existing = entry(id);
		if (existing) existing.responseStatus = status;
		else ev.meetingRooms.push({ roomId: id, responseStatus: status });
		hold(org, ev.id, id);
	}
	if (toBook.length) touch(m, org, ev);
	return { result: true };
}

export function removeMeetingRooms(
	m: ModelState,
	auth: AuthContext,
	at: EventPath,
	body: unknown,
): Json {
	const org = eventScope(m, auth, at);
	const ids = roomIdsOf(body, 'meetingRoomsToRemove', () =>
		dingError('roomsToRemoveMustBeProvided'),
	);
	const ev = ownedEvent(org, at);
	const before = ev.meetingRooms.length;
	ev.meetingRooms = ev.meetingRooms.filter((r) => !ids.includes(r.roomId));
	for (const id of ids) release(org, ev.id, id);
	if (ev.meetingRooms.length !== before) touch(m, org, ev);
	return { result: true };
}

function roomResponse(status: string | undefined): RoomResponseStatus {
	if (!status || !ROOM_RESPONSES.includes(status as RoomResponseStatus))
		throw invalidParameter('responseStatus invalid');
	return status as RoomResponseStatus;
}

/** A room's answer: re-holding a room someone else booked since it was declined is refused. */
function setRoomResponse(
	m: ModelState,
	org: Org,
	eventId: string,
	roomId: string,
	status: RoomResponseStatus,
): void {
	const ev = org.events.get(eventId);
	if (!ev || ev.status !== 'confirmed') throw dingError('itemNotFound');
	const entry = ev.meetingRooms.find((r) => r.roomId === roomId);
	if (!entry) throw dingError('roomIdInvalid');
	if (!HELD.has(entry.responseStatus) && HELD.has(status) && findConflict(org, ev, roomId)) {
		throw dingError('meetingRoomNotAvailable');
	}
	entry.responseStatus = status;
	if (HELD.has(status)) hold(org, ev.id, roomId);
	else release(org, ev.id, roomId);
	touch(m, org, ev);
}

export function meetingRoomRespond(
	m: ModelState,
	auth: AuthContext,
	at: EventPath,
	roomId: string,
	body: unknown,
): Json {
	const org = eventScope(m, auth, at);
	if (!isObject(body)) throw dingError('missingBody');
	setRoomResponse(m, org, at.eventId, roomId, roomResponse(optString(body, 'responseStatus')));
	return { result: true };
}

/** Control shortcut for MeetingRoomRespond (approval flows) without a token. */
export function respondRoomAsAdmin(
	m: ModelState,
	eventId: string,
	roomId: string,
	status: string,
): void {
	const response = roomResponse(status);
	const ev = findEvent(m, eventId);
	if (!ev) throw dingError('itemNotFound');
	setRoomResponse(m, m.orgs.get(ev.corpId) as Org, eventId, roomId, response);
}
