import type { ScheduleTime } from '../../../shared/transport/api/schedules';
import { parseDateTime, toFilterTime } from './dateTimeInput';

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
