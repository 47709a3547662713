import { createHash } from 'crypto';

/**
 * The `x-client-token` of a write: the same for every try of one call, different for every call.
 * DingTalk treats requests with the same token (for a day) as one request, so a create or a room
 * booking that is retried after a lost answer is not applied twice.
 */
export function clientToken(parts: Array<string | number>): string {
	return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40);
}
