/** Where events live: an organizer's calendar (every calendar path starts with these two). */
export interface CalendarRef {
	/** The organizer's unionId. */
	userId: string;
	/** DingTalk's event APIs use the organizer's `primary` calendar. */
	calendarId: string;
}

/** One event in an organizer's calendar. */
export interface EventRef extends CalendarRef {
	eventId: string;
}
