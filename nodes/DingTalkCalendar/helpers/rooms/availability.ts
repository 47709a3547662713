import { DateTime } from 'luxon';
import type { IDataObject } from 'n8n-workflow';

import type { DingTalkClient } from '../../../shared/transport/client';
import {
	getRoomSchedules,
	ROOMS_PER_SCHEDULE_QUERY,
} from '../../../shared/transport/api/schedules';
import { scheduleTimeUtc, toFilterTime } from '../time/dingTalkTimes';
import { inBatches } from '../../../shared/transport/api/batches';
import type { TimeWindow } from '../time/timeWindow';

/** DingTalk's room free/busy looks at most this far: "Cannot query schedule for more than 90 days." */
export const MAX_WINDOW_DAYS = 90;

/** One booking that occupies a room in the window. */
export interface BusySlot extends IDataObject {
	eventId: string | null;
	organizerId: string | null;
	/** `BUSY` (booked) or `TENTATIVE` (waiting for an approver): either way nobody else can book it. */
	status: string;
	/** UTC, `yyyy-MM-ddTHH:mm:ss.SSSZ`. */
	start: string | null;
	end: string | null;
}

export interface RoomAvailability {
	roomId: string;
	busySlots: BusySlot[];
	/** DingTalk's own reason when it could not tell for this room (e.g. "无权限", no permission). */
	scheduleError?: string;
}

/** Free/busy of up to five rooms in one call (GetMeetingRoomsSchedule). */
async function queryBatch(
	client: DingTalkClient,
	userId: string,
	roomIds: string[],
	window: TimeWindow,
	itemIndex?: number,
): Promise<RoomAvailability[]> {
	const answer = await getRoomSchedules(
		client,
		userId,
		roomIds,
		{ startTime: toFilterTime(window.start), endTime: toFilterTime(window.end) },
		itemIndex,
	);
	const byRoom = new Map((answer.scheduleInformation ?? []).map((info) => [info.roomId, info]));
	return roomIds.map((roomId) => {
		const info = byRoom.get(roomId);
		if (!info)
			return {
				roomId,
				busySlots: [],
				scheduleError: 'DingTalk returned no schedule for this room',
			};
		const busySlots = (info.scheduleItems ?? []).map((item) => ({
			eventId: item.eventId ?? null,
			organizerId: item.organizer?.id ?? null,
			status: item.status ?? 'BUSY',
			start: scheduleTimeUtc(item.start),
			end: scheduleTimeUtc(item.end),
		}));
		return info.error ? { roomId, busySlots, scheduleError: info.error } : { roomId, busySlots };
	});
}

/**
 * Free/busy of any number of rooms in a window: DingTalk is asked about five rooms per call, the calls
 * run side by side (the client paces them to the quota), and the answers come back in the given order.
 */
export async function queryAvailability(
	client: DingTalkClient,
	userId: string,
	roomIds: string[],
	window: TimeWindow,
	itemIndex?: number,
): Promise<RoomAvailability[]> {
	const batches = inBatches(roomIds, ROOMS_PER_SCHEDULE_QUERY);
	const answers = await Promise.all(
		batches.map((batch) => queryBatch(client, userId, batch, window, itemIndex)),
	);
	return answers.flat();
}

/** Whether nothing but `ownEventId` (the event being booked for, which may hold the room) occupies it. */
export function isFree(availability: RoomAvailability, ownEventId?: string): boolean {
	if (availability.scheduleError) return false;
	return availability.busySlots.every(
		(slot) => ownEventId !== undefined && slot.eventId === ownEventId,
	);
}

/**
 * The first occurrence at which something other than the event itself occupies the room, or undefined
 * when it is free at all of them. A busy time DingTalk gave without a readable start or end counts as
 * overlapping every occurrence.
 */
export function firstBusyOccurrence(
	availability: RoomAvailability,
	occurrences: TimeWindow[],
	ownEventId?: string,
): TimeWindow | undefined {
	const slots = availability.busySlots.filter(
		(slot) => ownEventId === undefined || slot.eventId !== ownEventId,
	);
	if (!slots.length) return undefined;
	const spans = slots.map((slot) => {
		const start = slot.start ? DateTime.fromISO(slot.start).toMillis() : Number.NEGATIVE_INFINITY;
		const end = slot.end ? DateTime.fromISO(slot.end).toMillis() : Number.POSITIVE_INFINITY;
		return [
			Number.isNaN(start) ? Number.NEGATIVE_INFINITY : start,
			Number.isNaN(end) ? Number.POSITIVE_INFINITY : end,
		];
	});
	return occurrences.find((occurrence) => {
		const start = occurrence.start.toMillis();
		const end = occurrence.end.toMillis();
		return spans.some(([slotStart, slotEnd]) => slotStart < end && slotEnd > start);
	});
}
