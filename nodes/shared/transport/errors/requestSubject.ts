/** What the failing call was about, so a message can name the room, event or user involved. */
export interface RequestSubject {
	/** The DingTalk permission the call needs, e.g. `Calendar.Event.Write`. */
	permission?: string;
	userId?: string;
	eventId?: string;
	roomIds?: string[];
	/** Room names the node already knows (it read the directory), by room ID: messages then name the room. */
	roomNames?: Record<string, string | undefined>;
	/** A meeting-room group, for the rooms directory APIs. */
	groupId?: string;
}
