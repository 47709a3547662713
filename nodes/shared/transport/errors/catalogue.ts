import type { DingTalkFailure } from './dingTalkFailure';
import type { RequestSubject } from './requestSubject';

/** What a message or hint may use: the failure, what the call was about, and where it was sent. */
export interface ErrorContext {
	failure: DingTalkFailure;
	subject: RequestSubject;
	baseUrl: string;
	/** DingTalk's own message, '' when it gave none. */
	dingTalkMessage: string;
}

/** Fixed text, or text built from the failure and what the call was about. */
type Text = string | ((c: ErrorContext) => string);

/**
 * One kind of DingTalk failure and what the node says about it. An entry applies when every condition
 * it sets holds; the first entry that applies wins, so an entry that reads DingTalk's message comes
 * before the entry for its code alone.
 */
export interface ErrorEntry {
	/** DingTalk's `code`, exactly (codes are case-sensitive and differ per product). */
	code?: string | readonly string[];
	/** A family of codes, e.g. `Forbidden.AccessDenied.Qp` for the per-second and per-minute limits. */
	codePrefix?: string;
	/** DingTalk's `message`: the exact text (one of several), or a pattern. */
	dingTalkMessage?: string | readonly string[] | RegExp;
	/**
	 * What came back, for failures without a code of their own: no answer at all (network), an HTTP 5xx,
	 * or a body that is not DingTalk's JSON error (e.g. an HTML ban page).
	 */
	answer?: 'none' | 'serverError' | 'notApiAnswer';
	/** A condition on what the call was about. */
	when?: (c: ErrorContext) => boolean;
	/** The node error's message. */
	message: Text;
	/** What to do: the start of the node error's description (DingTalk's facts follow it). */
	hint: Text;
}

const list = (ids: string[] | undefined) =>
	ids && ids.length ? ids.join(', ') : 'the requested room';

const event = (c: ErrorContext) => (c.subject.eventId ? `event ${c.subject.eventId}` : 'the event');

/** `User u1`, or `User` when the call named no user. */
const user = (c: ErrorContext) => `User ${c.subject.userId ?? ''}`.trimEnd();

/** One room as a message names it: `Room "Boardroom 董事会议室" (ae3e…)` when its name is known, else by ID. */
function oneRoom(c: ErrorContext, roomId: string): string {
	const name = c.subject.roomNames?.[roomId];
	return name ? `Room "${name}" (${roomId})` : `Room ${roomId}`;
}

/** `Room … <what>` for a call about one room, `One of the rooms (…) <what>` otherwise. */
function roomOrOneOf(c: ErrorContext, what: string): string {
	const rooms = c.subject.roomIds;
	return rooms && rooms.length === 1
		? `${oneRoom(c, rooms[0])} ${what}`
		: `One of the rooms (${list(rooms)}) ${what}`;
}

/** The number DingTalk's "Maximum allowed:N" message ends in. */
const maximumAllowed = (c: ErrorContext) =>
	Number(c.dingTalkMessage.slice(c.dingTalkMessage.lastIndexOf(':') + 1));

const NO_ROOM_HINT = 'Give at least one room ID in Rooms.';

const CHOOSE_ROOMS_HINT =
	'Choose rooms from the list, or copy room IDs from Meeting Room > Get Many.';

const NODE_BUG_INCOMPLETE =
	'The node checks these fields before sending, so this is a bug in the node: please report it.';

/** `invalidParameter` with a message no entry knows: DingTalk's words are the best we have. */
export const ANY_INVALID_PARAMETER: ErrorEntry = {
	code: 'invalidParameter',
	message: (c) => `DingTalk rejected a parameter: ${c.dingTalkMessage || 'invalid parameter'}`,
	hint: 'Check the values of this item against the field descriptions.',
};

/** A refusal no entry knows: the status, the code and DingTalk's own words. */
export const GENERIC_FALLBACK: ErrorEntry = {
	message: (c) => {
		const { httpStatus, code } = c.failure;
		return `DingTalk refused the request (HTTP ${httpStatus}${code ? `, ${code}` : ''})`;
	},
	hint: (c) =>
		c.dingTalkMessage
			? `DingTalk says: ${c.dingTalkMessage}`
			: 'Check the parameters of this item.',
};

/**
 * Every DingTalk failure the node explains, in English, with what to do. Codes and messages are
 * DingTalk's documented ones (../shared/reference/dingtalk-api.md: §2.5 for the gateway, the per-API
 * tables of §4 and §5); where a documented code covers several cases, its documented messages tell
 * them apart. The code, DingTalk's message, the HTTP status and the request ID always go to the error
 * details as well.
 */
export const ERROR_CATALOGUE: readonly ErrorEntry[] = [
	// ---- gateway (§2.5) ----
	{
		// QpsLimitForApi, QpsLimitForAppkeyAndApi, QpsLimitForSuitekeyAndOrgAndApi and their Qpm twins.
		codePrefix: 'Forbidden.AccessDenied.Qp',
		message: 'DingTalk rate limit reached: too many calls per second for this app and API',
		hint: 'Lower the number of items per run, or set this node to Retry On Fail with a wait of at least 1 second.',
	},
	{
		code: 'InvalidAuthentication',
		message: 'DingTalk rejected the access token, also after fetching a new one',
		hint: 'Check that the credential belongs to this organization and region, then test the credential.',
	},
	{
		code: 'AuthenticationFailed.MissingParameter',
		message: 'The request reached DingTalk without an access token',
		hint: 'Re-save the DingTalk credential and test it.',
	},
	{
		code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied',
		message: (c) => `The DingTalk app lacks the permission ${requiredScopes(c)}`,
		hint: (c) =>
			`In the DingTalk developer console open your app > Permissions, grant ${requiredScopes(c)}, then publish a new app version.`,
	},
	{
		code: 'Forbidden.AccessDenied.IpNotInWhiteList',
		message: "This n8n server's IP address is not on the DingTalk app's allow-list",
		hint: "Add n8n's outgoing IP in the developer console: your app > Security Settings > Server IP allow-list.",
	},
	{
		code: 'Forbidden.AccessDenied.ApiCountLimitForOrg',
		message: 'The organization used up its monthly DingTalk API quota',
		hint: 'Wait for the next month or upgrade the DingTalk edition.',
	},
	{
		code: 'idempotencyProcessing',
		message: 'DingTalk is still processing an identical request',
		hint: 'Wait a few seconds and run the item again.',
	},
	{
		code: 'InvalidAction.NotFound',
		message: (c) => `${c.baseUrl} does not serve this DingTalk API`,
		hint: "Check the credential's Region or Base URL.",
	},
	{
		code: 'Missingbody',
		message: 'DingTalk received no request body',
		hint: 'This is a bug in the node: please report it.',
	},

	// ---- calendar: rooms of an event (§4.14-4.16) ----
	{
		// The global error table's text for this code; the AddMeetingRooms table says only that DingTalk
		// forwards a message ("forwardErrorMessage": room already occupied).
		code: 'meetingRoomNotAvailable',
		dingTalkMessage: 'room busy',
		message: (c) => roomOrOneOf(c, 'is already booked for this time'),
		hint: 'Pick another room or time. Meeting Room > Get Availability shows which rooms are free.',
	},
	{
		// Any other forwarded message: DingTalk documents none, and may use this code for its booking rules
		// too (a room closed for booking; §4.14 leaves that open), so the message says both.
		code: 'meetingRoomNotAvailable',
		message: (c) => roomOrOneOf(c, 'cannot be booked for this time'),
		hint: 'The room is booked, or closed for booking. Pick another room or time: Meeting Room > Get Availability shows which rooms are free, and Meeting Room > Get Many with "Bookable Only" lists the rooms open for booking.',
	},
	{
		code: 'invalidParameter',
		dingTalkMessage: 'roomId invalid',
		message: (c) => {
			const rooms = c.subject.roomIds;
			return rooms && rooms.length === 1
				? `Room ID ${rooms[0]} does not exist in this organization`
				: `A room ID (${list(rooms)}) does not exist in this organization`;
		},
		hint: CHOOSE_ROOMS_HINT,
	},
	{
		// DingTalk documents this text for more than 5 rooms (":5"). Its attendee limits (500 per call,
		// 5,000 per event) are documented without a message; the sandbox answers them with the same text
		// and the limit as its number, and so would the node's message below.
		code: 'invalidParameter',
		dingTalkMessage: /^attendees batch size too large\. Maximum allowed:500$/,
		message: 'DingTalk received more than 500 attendees in one call',
		hint: 'The node sends at most 500 per call, so this is a bug in the node: please report it.',
	},
	{
		code: 'invalidParameter',
		dingTalkMessage: /^attendees batch size too large\. Maximum allowed:5\d+$/,
		message: (c) =>
			`${event(c)} would have more than ${maximumAllowed(c).toLocaleString('en-US')} attendees`,
		hint: (c) => {
			const max = maximumAllowed(c).toLocaleString('en-US');
			return `DingTalk allows at most ${max} attendees per event, counting those it already has. Remove attendees first, or invite fewer.`;
		},
	},
	{
		code: 'invalidParameter',
		dingTalkMessage: /^attendees batch size too large/,
		message: (c) => `${event(c)} would hold more than 5 meeting rooms`,
		hint: 'DingTalk allows at most 5 rooms per event, counting the rooms it already has. Remove rooms first, or book fewer.',
	},
	{
		code: 'invalidParameter',
		dingTalkMessage: 'roomId must be provided.',
		message: 'DingTalk received no room ID',
		hint: NO_ROOM_HINT,
	},
	{
		code: 'invalidParameter',
		dingTalkMessage: 'Meeting rooms to remove must be provided.',
		message: 'DingTalk received no room to remove',
		hint: NO_ROOM_HINT,
	},
	{
		code: 'invalidParameter',
		dingTalkMessage: 'query ids cannot be empty',
		message: 'DingTalk received no room to check',
		hint: NO_ROOM_HINT,
	},
	{
		// Both free/busy APIs (users and rooms) answer with this text.
		code: 'invalidParameter',
		dingTalkMessage: 'Cannot get schedule information for more than limit.',
		when: (c) => !c.subject.roomIds,
		message: 'DingTalk refused to check this many users at once',
		hint: 'The node asks about at most 20 users per call, which DingTalk documents as its limit. If this persists, check fewer users per item.',
	},
	{
		code: 'invalidParameter',
		dingTalkMessage: 'Cannot get schedule information for more than limit.',
		message: (c) =>
			`DingTalk refused to check this many rooms at once (${list(c.subject.roomIds)})`,
		hint: 'The node asks about at most 5 rooms per call, which DingTalk documents as its limit. If this persists, DingTalk lowered the limit: check fewer rooms per item.',
	},
	{
		code: 'invalidParameter',
		dingTalkMessage: 'Cannot query schedule for more than 90 days.',
		message: 'The time window is longer than the 90 days DingTalk looks at',
		hint: 'Shorten the window between Start and End to 90 days or less, and split longer periods into several items.',
	},
	{
		code: 'invalidParameter',
		dingTalkMessage: 'Meeting room invalid',
		message: (c) => `A meeting room of ${event(c)} is not free at the new time`,
		hint: 'Move the event to a time when its rooms are free (Meeting Room > Get Availability), or take the room off the event first (Meeting Room > Remove From Event).',
	},

	// ---- calendar: events (§4.1-4.13) ----
	{
		code: 'invalidParameter',
		dingTalkMessage: 'Event summary cannot be blank',
		message: 'DingTalk refused an event without a summary (title)',
		hint: 'Give the event a Summary.',
	},
	{
		code: 'invalidParameter',
		dingTalkMessage: 'Event start time not set.',
		message: 'DingTalk received the event without its start time',
		hint: 'Give the event a Start.',
	},
	{
		code: 'invalidParameter',
		dingTalkMessage: 'Event end time not set.',
		message: 'DingTalk received the event without its end time',
		hint: 'Give the event a End.',
	},
	{
		code: 'invalidParameter',
		dingTalkMessage: /^Recurrence interval must between/,
		message: "Repeat Every is outside DingTalk's range of 1 to 365",
		hint: 'Repeat every 1 to 365 days, weeks, months or years.',
	},
	{
		code: 'invalidParameter',
		dingTalkMessage: /^Recurrence range numberOfOccurrences must between/,
		message: "Repeat How Many Times is outside DingTalk's range of 1 to 99",
		hint: 'For more occurrences, end the series with Repeat Until, or let it repeat without end.',
	},
	{
		// "Event id summary" (sic) is PatchEvent's text for a missing body id.
		code: 'invalidParameter',
		dingTalkMessage: [
			'Event id summary cannot be blank',
			'Event must be provided.',
			'CalendarId cannot be blank',
			'eventId cannot be blank',
		],
		message: (c) => `DingTalk received an incomplete request (${c.dingTalkMessage})`,
		hint: NODE_BUG_INCOMPLETE,
	},
	{
		// ListAttendees' own codes for a blank calendar or event ID in the path (§4.10).
		code: ['invalidParameter.event.calendarId', 'invalidParameter.event.eventId'],
		message: (c) =>
			`DingTalk received an incomplete request (${c.dingTalkMessage || c.failure.code})`,
		hint: NODE_BUG_INCOMPLETE,
	},
	{
		code: 'invalidParameter.maxResults',
		message: 'DingTalk refused the page size of a list request',
		hint: 'The node asks for pages of the sizes DingTalk documents, so this is a bug in the node: please report it.',
	},
	ANY_INVALID_PARAMETER,
	{
		// instanceNotExist: an occurrence of a series that does not exist, or a deleted event (§4.4).
		code: ['itemNotFound', 'instanceNotExist'],
		message: (c) => `The calendar of user ${c.subject.userId ?? '?'} has no ${event(c)}`,
		hint: 'Check the Event ID, and that Organizer User ID is the unionId of the event organizer (not the staff user ID).',
	},
	{
		code: 'permissionDeny',
		message: (c) => `${user(c)} is outside the app's authorized range`,
		hint: "Add the user (or their department) to the app's visible range in the developer console.",
	},
	{
		code: 'flowLimit',
		message: (c) =>
			`${user(c)} reached DingTalk's daily limit: this user may create at most 100 events per day`,
		hint: 'Create the remaining events tomorrow (the count restarts at midnight, China time), or with another organizer.',
	},
	{
		// DingTalk's code for a change by someone other than the organizer is undocumented; this is the
		// code the reference suggests (§6.12), which the sandbox answers.
		code: 'forbidden.accessDenied',
		message: (c) =>
			`Only the organizer can change ${event(c)}, and user ${c.subject.userId ?? '?'} is not its organizer`,
		hint: "Set Organizer User ID to the unionId of the event's organizer.",
	},
	{
		code: 'paramIllegal',
		message: 'DingTalk rejected the free/busy query',
		hint: 'Check that Users are unionIds of members of the organization, and that Start comes before End.',
	},

	// ---- rooms directory (§5) ----
	{
		code: 'param.error',
		message: (c) =>
			`DingTalk's rooms API rejected a parameter: ${c.dingTalkMessage || 'Param Error'}`,
		hint: 'Check that Organizer User ID is a unionId.',
	},
	{
		code: 'user.not.employee',
		message: (c) => `${user(c)} is not an employee of this organization`,
		hint: 'Organizer User ID must be the unionId of a member of the organization the app belongs to.',
	},
	{
		code: 'org.not.found',
		message: 'DingTalk does not know this organization',
		hint: 'Check the credential.',
	},
	{
		code: 'room.not.found',
		message: (c) => {
			const rooms = c.subject.roomIds;
			return rooms && rooms.length === 1
				? `Room ID ${rooms[0]} does not exist in this organization`
				: `Room ${list(rooms)} was not found`;
		},
		hint: CHOOSE_ROOMS_HINT,
	},
	{
		code: 'group.not.found',
		message: (c) =>
			`Room group ${c.subject.groupId ?? ''}`.trimEnd() + ' does not exist in this organization',
		hint: 'Choose a group from the list, or copy group IDs (numbers) from Meeting Room > Get Many Groups.',
	},
	{
		code: 'group.query.error',
		message: 'DingTalk could not read the room groups',
		hint: 'This is usually temporary: run the item again, or set the node to Retry On Fail.',
	},

	// ---- failures without a code of their own ----
	{
		answer: 'none',
		message: (c) => `Could not reach DingTalk at ${c.baseUrl}`,
		hint: "Check the network, and the credential's Region or Base URL. Retry On Fail helps with passing outages.",
	},
	{
		answer: 'serverError',
		message: (c) => `DingTalk had a server error (HTTP ${c.failure.httpStatus})`,
		hint: 'This is usually temporary: run the item again, or set the node to Retry On Fail.',
	},
	{
		answer: 'notApiAnswer',
		message: (c) =>
			`DingTalk answered HTTP ${c.failure.httpStatus} with a page that is not an API answer`,
		hint: 'DingTalk bans an IP for 5 minutes after more than 10,000 calls in 20 seconds. Wait, then run again.',
	},
	GENERIC_FALLBACK,
];

/** The scopes DingTalk names in its answer, else the permission the API needs. */
function requiredScopes(c: ErrorContext): string {
	return (
		c.failure.requiredScopes?.join(', ') ?? c.subject.permission ?? 'the permission of this API'
	);
}
