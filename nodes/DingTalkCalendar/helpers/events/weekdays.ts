/** DingTalk's weekday names in a recurrence (`daysOfWeek`, `firstDayOfWeek`), Monday first as Luxon counts. */
export const WEEKDAYS = [
	'monday',
	'tuesday',
	'wednesday',
	'thursday',
	'friday',
	'saturday',
	'sunday',
] as const;

export type Weekday = (typeof WEEKDAYS)[number];

/** A relativeMonthly pattern's `index`: which such weekday of the month. */
export const WEEK_INDEXES = ['first', 'second', 'third', 'fourth', 'last'];
