import {
	backoffMs,
	outcomeUnknown,
	retryReason,
	type RetryReason,
} from '../../../nodes/shared/transport/retryPolicy';

describe('which failures are sent again', () => {
	it.each<[string, Parameters<typeof retryReason>[0], RetryReason | undefined]>([
		['no answer at all', {}, 'network'],
		['a connection reset', { code: 'ECONNRESET' }, 'network'],
		['a timeout', { code: 'ETIMEDOUT' }, 'network'],
		['undici socket error', { code: 'UND_ERR_SOCKET' }, 'network'],
		['an unknown local error without an answer', { code: 'ERR_INVALID_URL' }, undefined],
		[
			'the per-second limit (403)',
			{ httpStatus: 403, code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi' },
			'rateLimited',
		],
		[
			'the per-minute limit (403)',
			{ httpStatus: 403, code: 'Forbidden.AccessDenied.QpmLimitForSuitekeyAndOrgAndApi' },
			'rateLimited',
		],
		['HTTP 429', { httpStatus: 429 }, 'rateLimited'],
		[
			'idempotencyProcessing',
			{ httpStatus: 400, code: 'idempotencyProcessing' },
			'idempotencyProcessing',
		],
		['HTTP 500', { httpStatus: 500, code: 'unknownError' }, 'serverError'],
		['HTTP 503 without a body', { httpStatus: 503 }, 'serverError'],
		['an HTML page', { httpStatus: 403, rawBody: '<html>' }, 'notApiAnswer'],
		['a busy room', { httpStatus: 400, code: 'meetingRoomNotAvailable' }, undefined],
		['an invalid parameter', { httpStatus: 400, code: 'invalidParameter' }, undefined],
		[
			'a missing permission (403, not a rate limit)',
			{ httpStatus: 403, code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied' },
			undefined,
		],
		[
			'the monthly quota (403: waiting a second does not help)',
			{ httpStatus: 403, code: 'Forbidden.AccessDenied.ApiCountLimitForOrg' },
			undefined,
		],
		[
			'a stale token (the client renews it, once)',
			{ httpStatus: 400, code: 'InvalidAuthentication' },
			undefined,
		],
		['an empty 4xx answer', { httpStatus: 404 }, undefined],
	])('%s', (_, failure, reason) => {
		expect(retryReason(failure)).toBe(reason);
	});
});

describe('whether a failed write may have been applied', () => {
	it('is unknown after a lost answer, known after a refusal', () => {
		expect(outcomeUnknown('network')).toBe(true);
		expect(outcomeUnknown('serverError')).toBe(true);
		expect(outcomeUnknown('notApiAnswer')).toBe(true);
		expect(outcomeUnknown('rateLimited')).toBe(false);
		expect(outcomeUnknown('idempotencyProcessing')).toBe(false);
		expect(outcomeUnknown(undefined)).toBe(false);
	});
});

describe('the wait before a retry', () => {
	const lowest = () => 0;
	const highest = () => 0.999999;

	it('doubles from 250 ms per try, with jitter over its upper half', () => {
		expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, 'serverError', lowest))).toEqual([
			125, 250, 500, 1000,
		]);
		expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, 'network', highest))).toEqual([
			249, 499, 999, 1999,
		]);
	});

	it('stops growing at 8 seconds', () => {
		expect(backoffMs(6, 'serverError', highest)).toBe(7999);
		expect(backoffMs(20, 'serverError', highest)).toBe(7999);
		expect(backoffMs(20, 'serverError', lowest)).toBe(4000);
	});

	it("waits DingTalk's second after a rate limit, whatever the try", () => {
		for (const attempt of [1, 5, 20]) {
			expect(backoffMs(attempt, 'rateLimited', lowest)).toBe(1000);
			expect(backoffMs(attempt, 'rateLimited', highest)).toBe(1499);
		}
	});

	it('stays within its bounds with the real random numbers', () => {
		for (let i = 0; i < 200; i++) {
			const wait = backoffMs(3, 'idempotencyProcessing');
			expect(wait).toBeGreaterThanOrEqual(500);
			expect(wait).toBeLessThan(1000);
		}
	});
});
