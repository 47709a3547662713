/**
 * JSON-shape checks for request bodies and query strings. The SDK validates nothing (reference §2.3),
 * so every type is checked here: a wrong JSON type is a `400 invalidParameter`, never a crash and never a
 * silent coercion (`"3"` is not a number, `"true"` is not a boolean).
 */
import { DingTalkError, invalidParameter } from '../errors';

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The sandbox's wording for a JSON type mismatch (DingTalk's own text is not documented). */
export function typeError(path: string, expected: string): DingTalkError {
	return invalidParameter(`Invalid parameter ${path}: expected ${expected}`);
}

const absent = (v: unknown): boolean => v === undefined || v === null;

export function optString(obj: Json, key: string, path = key): string | undefined {
	const v = obj[key];
	if (absent(v)) return undefined;
	if (typeof v !== 'string') throw typeError(path, 'a string');
	return v;
}

export function optBoolean(obj: Json, key: string, path = key): boolean | undefined {
	const v = obj[key];
	if (absent(v)) return undefined;
	if (typeof v !== 'boolean') throw typeError(path, 'a boolean');
	return v;
}

export function optInteger(obj: Json, key: string, path = key): number | undefined {
	const v = obj[key];
	if (absent(v)) return undefined;
	if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw typeError(path, 'an integer');
	return v;
}

export function optArray(obj: Json, key: string, path = key): unknown[] | undefined {
	const v = obj[key];
	if (absent(v)) return undefined;
	if (!Array.isArray(v)) throw typeError(path, 'an array');
	return v;
}

export function optObject(obj: Json, key: string, path = key): Json | undefined {
	const v = obj[key];
	if (absent(v)) return undefined;
	if (!isObject(v)) throw typeError(path, 'an object');
	return v;
}

export function arrayOfObjects(items: unknown[], path: string): Json[] {
	return items.map((item, i) => {
		if (!isObject(item)) throw typeError(`${path}[${i}]`, 'an object');
		return item;
	});
}

export function optStringArray(obj: Json, key: string, path = key): string[] | undefined {
	const arr = optArray(obj, key, path);
	if (!arr) return undefined;
	return arr.map((v, i) => {
		if (typeof v !== 'string') throw typeError(`${path}[${i}]`, 'a string');
		return v;
	});
}

/** Query string values arrive as strings; the first value wins when a key repeats. */
export type Query = Record<string, string | undefined>;

/** Parse a decimal integer query value; `onError` builds the API's own error. */
export function queryInteger(
	query: Query,
	key: string,
	onError: () => DingTalkError,
): number | undefined {
	const v = query[key];
	if (v === undefined || v === '') return undefined;
	if (!/^-?\d{1,15}$/.test(v)) throw onError();
	return Number(v);
}

export function queryBoolean(
	query: Query,
	key: string,
	onError: () => DingTalkError,
): boolean | undefined {
	const v = query[key];
	if (v === undefined || v === '') return undefined;
	if (v === 'true') return true;
	if (v === 'false') return false;
	throw onError();
}

/** Ids the sandbox mints or accepts must survive an unencoded path (reference §2.3). */
export function isSafeId(id: string): boolean {
	return id.length > 0 && id.length <= 256 && !/[/?#%\s]/.test(id);
}
