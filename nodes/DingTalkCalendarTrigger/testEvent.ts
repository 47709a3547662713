import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { DingTalkClient } from '../shared/transport/client';
import { readWindow } from './calendarReads';
import { eventStartMs } from './changeDetection';
import type { TriggerItem } from './emittedItem';
import { matchesFilters, roomsOf } from './eventFilters';
import type { TriggerSettings } from './triggerSettings';

const DAY = 24 * 60 * 60_000;
/** Fetch Test Event looks this far back and ahead. */
const TEST_SPAN_DAYS = 30;

const updatedMs = (event: IDataObject): number => Date.parse(String(event.updateTime ?? '')) || 0;

/** How a real poll would report this event for the changes chosen, or undefined if it would not. */
function asEmission(event: IDataObject, settings: TriggerSettings): TriggerItem | undefined {
	const { events } = settings;
	if (event.status === 'cancelled')
		return events.has('eventCancelled') ? { change: 'cancelled', event } : undefined;
	const unchangedSinceCreated = event.createTime === event.updateTime;
	if (events.has('eventCreated') && (unchangedSinceCreated || !events.has('eventUpdated')))
		return { change: 'created', event };
	if (events.has('eventUpdated')) return { change: 'updated', event };
	const room = roomsOf(event)[0];
	if (events.has('roomBookingChanged') && room) {
		return {
			change: 'roomStatusChanged',
			event,
			room: {
				roomId: String(room.roomId ?? ''),
				roomName: String(room.displayName ?? ''),
				previousStatus: null,
				status: room.responseStatus as 'accepted' | 'tentative' | 'declined',
			},
		};
	}
	return undefined;
}

/**
 * Fetch Test Event in the editor: the most recently changed event of the last and next 30 days that
 * matches the filters, shaped as a real poll would emit it (Event Starting alone: the next event to
 * start). Changes nothing, keeps no state.
 */
export async function fetchTestEvent(
	context: IPollFunctions,
	client: DingTalkClient,
	settings: TriggerSettings,
): Promise<TriggerItem> {
	const now = Date.now();
	const calendar = { userId: settings.userId, calendarId: settings.calendarId };
	const events = (
		await readWindow(
			context,
			client,
			calendar,
			now - TEST_SPAN_DAYS * DAY,
			now + TEST_SPAN_DAYS * DAY,
			settings.events.has('eventCancelled'),
		)
	).filter((event) => matchesFilters(event, settings.filters));

	const changed = events
		.map((event) => asEmission(event, settings))
		.filter((item): item is TriggerItem => item !== undefined)
		.sort((a, b) => updatedMs(b.event) - updatedMs(a.event));
	if (changed.length) return changed[0];

	if (settings.events.has('eventStarting')) {
		const zone = context.getTimezone();
		const next = events
			.filter((event) => event.status !== 'cancelled')
			.map((event) => ({ event, start: eventStartMs(event, zone) ?? -Infinity }))
			.filter((entry) => entry.start >= now)
			.sort((a, b) => a.start - b.start)[0];
		if (next) return { change: 'starting', event: next.event };
	}
	throw new NodeOperationError(context.getNode(), 'No matching event found in this calendar', {
		description: `Looked at the events of ${settings.userId} (calendar "${settings.calendarId}") from ${TEST_SPAN_DAYS} days ago to ${TEST_SPAN_DAYS} days ahead, with the filters set. Create or change an event there, or loosen the filters, and fetch again.`,
	});
}
