import type { DingTalkFailure } from './errors/dingTalkFailure';

/** Why a failed call may be sent again; undefined when it must not be (business errors never are). */
export type RetryReason =
	| 'rateLimited'
	| 'serverError'
	| 'notApiAnswer'
	| 'network'
	| 'idempotencyProcessing';

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

export function retryReason(failure: DingTalkFailure): RetryReason | undefined {
	const { httpStatus, code } = failure;
	if (httpStatus === undefined) {
		return code === undefined || NETWORK_CODES.has(code) ? 'network' : undefined;
	}
	// Checked before any other 403: a rate limit is throttling, not a permission problem.
	if (code && /^Forbidden\.AccessDenied\.Qp[sm]Limit/.test(code)) return 'rateLimited';
	if (code === 'idempotencyProcessing') return 'idempotencyProcessing';
	if (httpStatus === 429) return 'rateLimited';
	if (httpStatus >= 500) return 'serverError';
	if (!code && failure.rawBody !== undefined) return 'notApiAnswer';
	return undefined;
}

/** A network failure or a lost answer: DingTalk may have applied a write that we never heard back about. */
export function outcomeUnknown(reason: RetryReason | undefined): boolean {
	return reason === 'network' || reason === 'serverError' || reason === 'notApiAnswer';
}

/**
 * How long to wait before try number `attempt` (1 = the first retry): exponential from 250 ms, capped at
 * 8 s, with full jitter so that many items retrying together spread out. DingTalk's advice for its
 * per-second quota is to wait a second, so rate limits wait at least that. `random` is injectable for tests.
 */
export function backoffMs(
	attempt: number,
	reason: RetryReason,
	random: () => number = Math.random,
): number {
	if (reason === 'rateLimited') return 1000 + Math.floor(random() * 500);
	const ceiling = Math.min(8000, 250 * 2 ** (attempt - 1));
	return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}
