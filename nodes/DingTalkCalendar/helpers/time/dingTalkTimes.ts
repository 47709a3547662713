import type { DateTime } from 'luxon';

import type { ScheduleTime } from '../../../shared/transport/api/schedules';
import { parseDateTime } from './dateTimeInput';

/** A date-time as DingTalk's events take it: ISO with the zone's offset, `2031-03-03T09:00:00+08:00`. */
export function toEventDateTime(value: DateTime, zone: string): string {
	return value.setZone(zone).toISO({ suppressMilliseconds: true }) ?? '';
}

/**
 * A date-time as DingTalk's filters take it (list windows, free/busy): UTC with milliseconds,
 * `2031-03-03T01:00:00.000Z`, the one form every source agrees DingTalk accepts.
 */
export function toFilterTime(value: DateTime): string {
	return value.toUTC().toISO() ?? '';
}

/**
 * A free/busy time in UTC, the form the window is given in; all-day dates are midnight UTC, as DingTalk
 * keeps them. A time the node cannot read is passed on as DingTalk wrote it; none at all is null.
 */
export function scheduleTimeUtc(time: ScheduleTime | undefined): string | null {
	if (!time?.dateTime && !time?.date) return null;
	const parsed = parseDateTime(time, 'UTC');
	return parsed && typeof parsed !== 'string'
		? toFilterTime(parsed.value)
		: (time.dateTime ?? time.date ?? null);
}
