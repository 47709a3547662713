/**
 * Paging and sync tokens of the calendar APIs: opaque base64url JSON (reference §2.7). A page token
 * carries a fingerprint of the query it belongs to, so it is refused with any other query.
 */
import { createHash } from 'node:crypto';

import { isObject } from './validate';

export function fingerprint(parts: Array<string | number | boolean | undefined>): string {
	return createHash('sha1')
		.update(parts.map((p) => String(p ?? '')).join('\u0000'))
		.digest('base64url')
		.slice(0, 10);
}

export function encodeCursor(value: Record<string, unknown>): string {
	return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The cursor's fields, or `null` for anything that is not one of ours. */
export function decodeCursor(token: string): Record<string, unknown> | null {
	if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
	try {
		const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
		return isObject(v) ? v : null;
	} catch {
		return null;
	}
}
