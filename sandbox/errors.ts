/**
 * The one catalogue of DingTalk errors the sandbox can answer with.
 *
 * Every entry is `status` + `code` + `message`, copied verbatim from
 * ../shared/reference/dingtalk-api.md (§2.5 and the per-API tables of §4/§5). Entries marked
 * `invented: true` have no documented message text (the docs say "forwardErrorMessage" or say nothing);
 * their wording is the sandbox's own and is listed in sandbox/README.md ("Fidelity").
 *
 * The wire shape is always `{"code", "requestid", "message"}` (+ `accessdenieddetail` on permission
 * errors), see `errorBody()`.
 */

export interface ErrorDef {
	status: number;
	code: string;
	message: string;
	/** true when the message text is the sandbox's own (no verbatim text in the reference). */
	invented?: boolean;
}

function def(status: number, code: string, message: string, invented?: boolean): ErrorDef {
	return invented ? { status, code, message, invented } : { status, code, message };
}

export const ERRORS = {
	// ---- gateway / cross-cutting (§2.5) ----
	missingAccessToken: def(
		400,
		'AuthenticationFailed.MissingParameter',
		'缺少参数：x-acs-dingtalk-access-token',
	),
	invalidAuthentication: def(400, 'InvalidAuthentication', '不合法的access_token'),
	accessTokenPermissionDenied: def(
		403,
		'Forbidden.AccessDenied.AccessTokenPermissionDenied',
		'没有调用该接口的权限，接口权限申请参考：https://open.dingtalk.com/document/orgapp-server/add-api-permission',
	),
	qpsLimitForAppkeyAndApi: def(
		403,
		'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
		'您的企业应用调用钉钉开放平台当前接口的所有请求都被暂时禁用了',
	),
	/** The same limit for a third-party (ISV) app: per suite, per customer org, per API. */
	qpsLimitForSuitekeyAndOrgAndApi: def(
		403,
		'Forbidden.AccessDenied.QpsLimitForSuitekeyAndOrgAndApi',
		'您的ISV应用调用钉钉开放平台当前接口的所有请求都被暂时禁用了',
	),
	idempotencyProcessing: def(400, 'idempotencyProcessing', 'Idempotency processing'),
	missingBody: def(400, 'Missingbody', 'body is mandatory for this action.'),
	apiNotFound: def(404, 'InvalidAction.NotFound', 'Specified api is not found'),
	unknownError: def(500, 'unknownError', '未知错误'),
	/** Fault injection only: DingTalk documents no 502/503 body. */
	badGateway: def(
		502,
		'BadGateway',
		'The gateway received an invalid response from the upstream server.',
		true,
	),
	serviceUnavailable: def(
		503,
		'ServiceUnavailable',
		'The service is temporarily unavailable, please try again later.',
		true,
	),
	/** Oversized request body (no documented DingTalk answer). */
	bodyTooLarge: def(413, 'InvalidParameter.BodyTooLarge', 'request body is too large', true),
	/** Malformed request line/URL (no documented DingTalk answer). */
	badRequest: def(400, 'InvalidParameter', 'The request is malformed.', true),

	// ---- OAuth2 (§3) ----
	invalidClientIdOrSecret: def(400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret'),
	invalidSuiteKey: def(400, 'invalidSuiteKey', 'suitekey不合法'),
	invalidSuiteTicket: def(400, 'invalidSuiteTicket', 'suiteTicket无效'),
	invalidAuthInfo: def(400, 'invalidAuthInfo', '授权关系不存在'),

	// ---- calendar_1_0 (§4) ----
	/**
	 * Generic `invalidParameter`: the message is the forwarded one, pass it to `invalidParameter()` (every
	 * free-text message is the sandbox's own and is listed in sandbox/README.md, Fidelity row 22). The
	 * default text is the doc's meaning column and is never sent alone.
	 */
	invalidParameter: def(400, 'invalidParameter', '参数异常'),
	calendarIdBlank: def(400, 'invalidParameter', 'CalendarId cannot be blank'),
	eventMustBeProvided: def(400, 'invalidParameter', 'Event must be provided.'),
	eventSummaryBlank: def(400, 'invalidParameter', 'Event summary cannot be blank'),
	/** PatchEvent without a body `id` (sic: the documented text says "summary"). */
	eventIdBlank: def(400, 'invalidParameter', 'Event id summary cannot be blank'),
	/** A blank `{eventId}` path segment (global table §2.5). */
	eventIdPathBlank: def(400, 'invalidParameter', 'eventId cannot be blank'),
	/** ListAttendees' own codes for blank path ids (§4.10). */
	listAttendeesCalendarIdBlank: def(
		400,
		'invalidParameter.event.calendarId',
		'CalendarId cannot be blank',
	),
	listAttendeesEventIdBlank: def(400, 'invalidParameter.event.eventId', 'eventId cannot be blank'),
	/**
	 * ListEvents with a malformed, foreign or invalidated syncToken. The reference documents no code for
	 * an expired token (only "400 invalidParameter (forwarded)" for ListEvents): code and text are ours.
	 */
	syncTokenInvalid: def(400, 'invalidParameter', 'syncToken invalid', true),
	eventStartNotSet: def(400, 'invalidParameter', 'Event start time not set.'),
	eventEndNotSet: def(400, 'invalidParameter', 'Event end time not set.'),
	/** §2.8: an all-day event's start/end carry only `date`. The rule is documented, its message is not. */
	allDayTimeNotEmpty: def(
		400,
		'invalidParameter',
		'An all-day event takes only a date: dateTime and timeZone must be empty',
		true,
	),
	recurrenceOccurrences: def(
		400,
		'invalidParameter',
		'Recurrence range numberOfOccurrences must between [1, 99]',
	),
	recurrenceInterval: def(400, 'invalidParameter', 'Recurrence interval must between [1, 365]'),
	meetingRoomInvalid: def(400, 'invalidParameter', 'Meeting room invalid'),
	permissionDeny: def(400, 'permissionDeny', 'permissionDeny'),
	flowLimit: def(400, 'flowLimit', 'current user can not create events exceed 100 per day'),
	/** Docs: forwardErrorMessage; the text is the documented meaning ("event not found"). */
	itemNotFound: def(404, 'itemNotFound', '无法找到指定日程', true),
	/** Suggested by the reference §6.12 (UNCERTAIN code). */
	notOrganizer: def(403, 'forbidden.accessDenied', 'The operator has no permission.'),
	roomIdMustBeProvided: def(400, 'invalidParameter', 'roomId must be provided.'),
	roomBatchTooLarge: def(
		400,
		'invalidParameter',
		'attendees batch size too large. Maximum allowed:5',
	),
	roomIdInvalid: def(400, 'invalidParameter', 'roomId invalid'),
	meetingRoomNotAvailable: def(400, 'meetingRoomNotAvailable', 'room busy'),
	/** A closed room (`openReservation: false`): the reference leaves the code open; wording is ours. */
	meetingRoomClosed: def(400, 'meetingRoomNotAvailable', 'room is not open for reservation', true),
	roomsToRemoveMustBeProvided: def(
		400,
		'invalidParameter',
		'Meeting rooms to remove must be provided.',
	),
	queryIdsEmpty: def(400, 'invalidParameter', 'query ids cannot be empty'),
	scheduleMoreThanLimit: def(
		400,
		'invalidParameter',
		'Cannot get schedule information for more than limit.',
	),
	schedule90Days: def(400, 'invalidParameter', 'Cannot query schedule for more than 90 days.'),
	paramIllegal: def(400, 'paramIllegal', 'PARAM ILLEGAL'),
	attendeesMaxResults: def(
		400,
		'invalidParameter.maxResults',
		'maxResults size must within range [0,500]',
	),
	/** Opt-in strict mode (community report [B57]): filter times without milliseconds. Wording is ours. */
	timestampWithoutMillis: def(
		400,
		'InvalidParameter.ParsedISO8601TimestampError',
		'Failed to parse the ISO8601 timestamp, expected yyyy-MM-ddTHH:mm:ss.SSSZ',
		true,
	),

	// ---- rooms_1_0 (§5) ----
	paramError: def(400, 'param.error', 'Param Error'),
	userNotEmployee: def(400, 'user.not.employee', 'User Not Employee'),
	roomNotFound: def(400, 'room.not.found', 'Room Not Found'),
	groupNotFound: def(400, 'group.not.found', 'Group Not Found', true),
} as const satisfies Record<string, ErrorDef>;

export type ErrorKey = keyof typeof ERRORS;

/** An error the model or a route throws; the server turns it into a DingTalk-shaped response. */
export class DingTalkError extends Error {
	readonly status: number;
	readonly code: string;
	readonly accessDeniedDetail?: Record<string, unknown>;

	constructor(errorDef: ErrorDef, message?: string, accessDeniedDetail?: Record<string, unknown>) {
		super(message ?? errorDef.message);
		this.name = 'DingTalkError';
		this.status = errorDef.status;
		this.code = errorDef.code;
		if (accessDeniedDetail) this.accessDeniedDetail = accessDeniedDetail;
	}
}

/** Throwable for a catalogue entry. */
export function dingError(key: ErrorKey, message?: string): DingTalkError {
	return new DingTalkError(ERRORS[key], message);
}

/** `400 invalidParameter` with a forwarded (free-text) message. */
export function invalidParameter(message: string): DingTalkError {
	return new DingTalkError(ERRORS.invalidParameter, message);
}

export interface ErrorBody {
	code: string;
	requestid: string;
	message: string;
	accessdenieddetail?: Record<string, unknown>;
}

export function errorBody(err: DingTalkError, requestId: string): ErrorBody {
	const body: ErrorBody = { code: err.code, requestid: requestId, message: err.message };
	if (err.accessDeniedDetail) body.accessdenieddetail = err.accessDeniedDetail;
	return body;
}

export function isDingTalkError(e: unknown): e is DingTalkError {
	return e instanceof DingTalkError;
}
