import type { DingTalkFailure } from '../../../nodes/shared/transport/errors/dingTalkFailure';
import { toNodeApiError } from '../../../nodes/shared/transport/errors/nodeApiError';
import {
	ANY_INVALID_PARAMETER,
	ERROR_CATALOGUE,
	GENERIC_FALLBACK,
} from '../../../nodes/shared/transport/errors/catalogue';
import { explain, findErrorEntry } from '../../../nodes/shared/transport/errors/explain';
import { ERRORS, type ErrorDef } from '../../../sandbox/errors';
import { fakeNode } from '../fakeNode';

const node = fakeNode();

const failureOf = (error: ErrorDef): DingTalkFailure => ({
	httpStatus: error.status,
	code: error.code,
	dingTalkMessage: error.message,
	requestId: 'R-1',
});

/**
 * Codes of the sandbox's catalogue that the node never meets through its transport, or that only the
 * sandbox answers with; each with why it may fall to the generic fallback.
 */
const NOT_THE_TRANSPORTS: Record<string, string> = {
	// The token request's errors: the credential explains them (TOKEN_ERROR_HINTS), and the client
	// stops the run with that text before any API call.
	invalidClientIdOrSecret: 'credential',
	invalidSuiteKey: 'credential',
	invalidSuiteTicket: 'credential',
	invalidAuthInfo: 'credential',
	// The sandbox's own answers where DingTalk documents none (marked invented in sandbox/errors.ts).
	InvalidParameter: 'sandbox: malformed request line',
	'InvalidParameter.BodyTooLarge': 'sandbox: oversized body',
	// A community report's code (reference [B57], UNCERTAIN); the node always sends milliseconds.
	'InvalidParameter.ParsedISO8601TimestampError': 'community report',
};

const sandboxErrors = Object.entries(ERRORS) as Array<[string, ErrorDef]>;

describe("the error catalogue against the sandbox's catalogue", () => {
	it.each(sandboxErrors.filter(([, error]) => !(error.code in NOT_THE_TRANSPORTS)))(
		'%s has an explanation of its own, not the generic fallback',
		(_, error) => {
			expect(findErrorEntry(failureOf(error))).not.toBe(GENERIC_FALLBACK);
		},
	);

	it.each(
		sandboxErrors.filter(
			// `invalidParameter` alone carries the doc's meaning column; the sandbox never sends it as is.
			([key, error]) =>
				error.code === 'invalidParameter' && !error.invented && key !== 'invalidParameter',
		),
	)('documented invalidParameter message of %s has an entry, not only its code', (_, error) => {
		expect(findErrorEntry(failureOf(error))).not.toBe(ANY_INVALID_PARAMETER);
	});

	it('reads no message text the sandbox invented', () => {
		const invented = sandboxErrors.filter(([, error]) => error.invented);
		expect(invented.length).toBeGreaterThan(0);
		for (const [, error] of invented) {
			const withOtherText = { ...failureOf(error), dingTalkMessage: 'some other text' };
			expect(findErrorEntry(failureOf(error))).toBe(findErrorEntry(withOtherText));
		}
	});

	it('keeps the token codes for the credential, which explains them', () => {
		const tokenCodes = Object.entries(NOT_THE_TRANSPORTS)
			.filter(([, why]) => why === 'credential')
			.map(([code]) => code);
		const sandboxCodes = new Set(sandboxErrors.map(([, error]) => error.code));
		for (const code of tokenCodes) expect(sandboxCodes).toContain(code);
	});
});

describe('the codes no sandbox answer reaches', () => {
	const explained = (failure: DingTalkFailure, subject = {}) =>
		explain(failure, subject, 'https://api.dingtalk.com');

	it('instanceNotExist: the event is not in the calendar', () => {
		expect(
			explained(
				{ httpStatus: 404, code: 'instanceNotExist', dingTalkMessage: 'instance not exist' },
				{ userId: 'u1', eventId: 'e1' },
			).message,
		).toBe('The calendar of user u1 has no event e1');
	});

	it('Forbidden.AccessDenied.IpNotInWhiteList: the allow-list', () => {
		const { message, hint } = explained({
			httpStatus: 403,
			code: 'Forbidden.AccessDenied.IpNotInWhiteList',
			dingTalkMessage: '访问ip不在白名单之中',
		});
		expect(message).toBe("This n8n server's IP address is not on the DingTalk app's allow-list");
		expect(hint).toContain('Server IP allow-list');
	});

	it('Forbidden.AccessDenied.ApiCountLimitForOrg: the monthly quota', () => {
		expect(
			explained({ httpStatus: 403, code: 'Forbidden.AccessDenied.ApiCountLimitForOrg' }).message,
		).toBe('The organization used up its monthly DingTalk API quota');
	});

	it('org.not.found: the organization', () => {
		const { message, hint } = explained({
			httpStatus: 400,
			code: 'org.not.found',
			dingTalkMessage: 'Org Not Found',
		});
		expect(message).toBe('DingTalk does not know this organization');
		expect(hint).toBe('Check the credential.');
	});

	it('group.query.error: temporary, although HTTP 500 (not the generic server error)', () => {
		expect(
			explained({
				httpStatus: 500,
				code: 'group.query.error',
				dingTalkMessage: 'Group Query Error',
			}).message,
		).toBe('DingTalk could not read the room groups');
	});
});

describe('entries that read more than the code', () => {
	const busy = { httpStatus: 400, code: 'meetingRoomNotAvailable' };

	it("meetingRoomNotAvailable: DingTalk's documented 'room busy' is a booked room, any other text may be a closed one", () => {
		expect(
			explain({ ...busy, dingTalkMessage: 'room busy' }, { roomIds: ['r1'] }, '').message,
		).toBe('Room r1 is already booked for this time');
		const other = explain(
			{ ...busy, dingTalkMessage: '会议室已被占用' },
			{ roomIds: ['r1', 'r2'] },
			'',
		);
		expect(other.message).toBe('One of the rooms (r1, r2) cannot be booked for this time');
		expect(other.hint).toContain('closed for booking');
	});

	it("the rooms cap and the attendee caps share DingTalk's rooms text, told apart by its number", () => {
		const batch = (max: number) => ({
			httpStatus: 400,
			code: 'invalidParameter',
			dingTalkMessage: `attendees batch size too large. Maximum allowed:${max}`,
		});
		const subject = { eventId: 'e1' };
		expect(explain(batch(5), subject, '').message).toBe(
			'event e1 would hold more than 5 meeting rooms',
		);
		expect(explain(batch(500), subject, '').message).toBe(
			'DingTalk received more than 500 attendees in one call',
		);
		expect(explain(batch(5000), subject, '').message).toBe(
			'event e1 would have more than 5,000 attendees',
		);
	});

	it('too many at once: users when the call named no rooms, rooms otherwise', () => {
		const limit = {
			httpStatus: 400,
			code: 'invalidParameter',
			dingTalkMessage: 'Cannot get schedule information for more than limit.',
		};
		expect(explain(limit, {}, '').message).toBe(
			'DingTalk refused to check this many users at once',
		);
		expect(explain(limit, { roomIds: ['r1', 'r2'] }, '').message).toBe(
			'DingTalk refused to check this many rooms at once (r1, r2)',
		);
	});

	it('the rate limits of every kind, per second and per minute', () => {
		for (const code of [
			'Forbidden.AccessDenied.QpsLimitForApi',
			'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
			'Forbidden.AccessDenied.QpmLimitForSuitekeyAndOrgAndApi',
		]) {
			expect(explain({ httpStatus: 403, code }, {}, '').message).toMatch(
				/^DingTalk rate limit reached/,
			);
		}
	});

	it('the permission DingTalk names, else the one the API needs', () => {
		const denied = { httpStatus: 403, code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied' };
		expect(explain({ ...denied, requiredScopes: ['A.B', 'C.D'] }, {}, '').message).toBe(
			'The DingTalk app lacks the permission A.B, C.D',
		);
		expect(explain(denied, { permission: 'Calendar.Event.Read' }, '').message).toBe(
			'The DingTalk app lacks the permission Calendar.Event.Read',
		);
	});

	it('leaves out a user or group the call did not name', () => {
		expect(explain({ httpStatus: 400, code: 'permissionDeny' }, {}, '').message).toBe(
			"User is outside the app's authorized range",
		);
		expect(explain({ httpStatus: 400, code: 'group.not.found' }, {}, '').message).toBe(
			'Room group does not exist in this organization',
		);
		expect(
			explain({ httpStatus: 400, code: 'group.not.found' }, { groupId: '7' }, '').message,
		).toBe('Room group 7 does not exist in this organization');
	});
});

describe('failures without a code of their own', () => {
	const base = 'https://api.dingtalk.com';

	it('no answer, a server error, a page that is not an API answer, anything else', () => {
		expect(explain({ code: 'ECONNRESET' }, {}, base).message).toBe(
			`Could not reach DingTalk at ${base}`,
		);
		expect(explain({ httpStatus: 503, code: 'ServiceUnavailable' }, {}, base).message).toBe(
			'DingTalk had a server error (HTTP 503)',
		);
		expect(explain({ httpStatus: 403, rawBody: '<html>banned</html>' }, {}, base).message).toBe(
			'DingTalk answered HTTP 403 with a page that is not an API answer',
		);
		const other = explain({ httpStatus: 418, code: 'teapot', dingTalkMessage: '茶壶' }, {}, base);
		expect(other).toEqual({
			message: 'DingTalk refused the request (HTTP 418, teapot)',
			hint: 'DingTalk says: 茶壶',
		});
	});
});

describe('the catalogue itself', () => {
	it('ends in the generic fallback, the only entry without a condition', () => {
		expect(ERROR_CATALOGUE[ERROR_CATALOGUE.length - 1]).toBe(GENERIC_FALLBACK);
		const unconditional = ERROR_CATALOGUE.filter(
			(entry) =>
				entry.code === undefined &&
				entry.codePrefix === undefined &&
				entry.dingTalkMessage === undefined &&
				entry.answer === undefined &&
				entry.when === undefined,
		);
		expect(unconditional).toEqual([GENERIC_FALLBACK]);
	});

	it('has no entry that an earlier one hides', () => {
		for (const entry of ERROR_CATALOGUE) {
			const codes = entry.code === undefined ? [] : ([] as string[]).concat(entry.code);
			const messages =
				typeof entry.dingTalkMessage === 'string'
					? [entry.dingTalkMessage]
					: Array.isArray(entry.dingTalkMessage)
						? entry.dingTalkMessage
						: entry.dingTalkMessage === undefined
							? ['a message no entry knows']
							: [];
			// Entries with a pattern, a condition or no code are reached in the tests above.
			if (entry.when || entry.answer || !codes.length || !messages.length) continue;
			for (const code of codes) {
				for (const dingTalkMessage of messages) {
					// Naming a room passes by the one condition on the subject (users' free/busy).
					expect(
						findErrorEntry({ httpStatus: 400, code, dingTalkMessage }, { roomIds: ['r1'] }),
					).toBe(entry);
				}
			}
		}
	});

	it("gives toNodeApiError its message, and the hint with DingTalk's facts as description", () => {
		const error = toNodeApiError(
			node,
			{ httpStatus: 400, code: 'flowLimit', dingTalkMessage: 'x', requestId: 'R-9' },
			{ userId: 'u1' },
			'',
			3,
			{ tries: 2, outcomeWasUnknown: false },
		);
		expect(error.message).toBe(
			"User u1 reached DingTalk's daily limit: this user may create at most 100 events per day",
		);
		expect(error.description).toBe(
			'Create the remaining events tomorrow (the count restarts at midnight, China time), or with another organizer. DingTalk: code flowLimit, message "x", HTTP 400, request ID R-9 (after 2 tries).',
		);
	});
});
