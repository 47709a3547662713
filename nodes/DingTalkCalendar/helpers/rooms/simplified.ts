import type { IDataObject } from 'n8n-workflow';

import type { BusySlot, RoomAvailability } from './availability';
import type { RoomDetail, RoomSummary } from '../../../shared/transport/api/rooms';

/** DingTalk's `roomStatus`: who may book the room. */
const BOOKABLE_BY: Record<number, string> = {
	0: 'everyone',
	1: 'admins only',
	2: 'selected members',
};

/**
 * A room as Output: Simplified gives it: ID, name, seats, group, location, equipment and who may book it
 * (about 200 characters instead of DingTalk's 500: no picture URL, staff ID, corp ID, ISV ID or nested
 * objects). A room detail also says whether it is open for booking and needs an approver. Fields
 * DingTalk did not give are left out.
 */
export function simplifyRoom(room: RoomSummary | RoomDetail): IDataObject {
	const location = room.roomLocation as { title?: string; desc?: string } | undefined;
	const place = location?.title || location?.desc || undefined;
	const labels = (room.roomLabels ?? [])
		.map((label) => label.labelName)
		.filter((name): name is string => !!name);
	const json: IDataObject = {
		roomId: room.roomId,
		roomName: room.roomName,
		roomCapacity: room.roomCapacity,
		groupId: room.roomGroup?.groupId,
		groupName: room.roomGroup?.groupName || undefined,
		// DingTalk's location title is often the group's name again: said once.
		location: place !== room.roomGroup?.groupName ? place : undefined,
		labels: labels.length ? labels : undefined,
		bookableBy:
			room.roomStatus !== undefined
				? (BOOKABLE_BY[room.roomStatus] ?? String(room.roomStatus))
				: undefined,
	};
	const config = (room as RoomDetail).extensionConfig;
	if (config) {
		json.openForBooking = config.openReservation !== false;
		json.needsApproval = config.approvalSwitch === true;
	}
	return dropEmpty(json);
}

/**
 * A busy slot without the event and organizer when the booking is someone else's and their details are
 * hidden (Options > Other Users' Event Details). The operator's own bookings keep theirs.
 */
export function redactSlot(slot: BusySlot, operator: string, showOthers: boolean): IDataObject {
	if (showOthers || slot.organizerId === operator) return { ...slot };
	const times: IDataObject = { ...slot };
	delete times.eventId;
	delete times.organizerId;
	return times;
}

/**
 * A room's free/busy as Output: Simplified gives it: free or busy, and each busy time (UTC) with
 * `tentative` for a booking waiting for an approver and `yours` for the operator's own booking.
 */
export function simplifyAvailability(
	room: RoomAvailability,
	window: { start: string; end: string },
	operator: string,
	showOthers: boolean,
): IDataObject {
	const free = !room.scheduleError && room.busySlots.length === 0;
	const busy = room.busySlots.map((slot) => {
		const entry: IDataObject = { start: slot.start, end: slot.end };
		if (slot.status === 'TENTATIVE') entry.tentative = true;
		if (slot.organizerId === operator) entry.yours = true;
		if (showOthers || slot.organizerId === operator) {
			entry.eventId = slot.eventId;
			if (showOthers) entry.organizerId = slot.organizerId;
		}
		return entry;
	});
	return dropEmpty({
		roomId: room.roomId,
		start: window.start,
		end: window.end,
		status: room.scheduleError ? 'unknown' : free ? 'free' : 'busy',
		free,
		busy,
		reason: room.scheduleError,
	});
}

function dropEmpty(json: IDataObject): IDataObject {
	for (const key of Object.keys(json))
		if (json[key] === undefined || json[key] === null) delete json[key];
	return json;
}
