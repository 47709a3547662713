import type { DingTalkFailure } from './dingTalkFailure';
import { ERROR_CATALOGUE, GENERIC_FALLBACK, type ErrorContext, type ErrorEntry } from './catalogue';
import type { RequestSubject } from './requestSubject';

/** What the node says about a failure: its message, and what to do. */
export interface Explanation {
	message: string;
	hint: string;
}

function matchesCode(entry: ErrorEntry, code: string): boolean {
	if (entry.codePrefix !== undefined && !code.startsWith(entry.codePrefix)) return false;
	if (entry.code === undefined) return true;
	return typeof entry.code === 'string' ? entry.code === code : entry.code.includes(code);
}

function matchesMessage(entry: ErrorEntry, message: string): boolean {
	const expected = entry.dingTalkMessage;
	if (expected === undefined) return true;
	if (typeof expected === 'string') return expected === message;
	if (expected instanceof RegExp) return expected.test(message);
	return expected.includes(message);
}

function matchesAnswer(entry: ErrorEntry, failure: DingTalkFailure): boolean {
	const { httpStatus } = failure;
	switch (entry.answer) {
		case undefined:
			return true;
		case 'none':
			return httpStatus === undefined;
		case 'serverError':
			return httpStatus !== undefined && httpStatus >= 500;
		case 'notApiAnswer':
			return httpStatus !== undefined && !failure.code && failure.rawBody !== undefined;
	}
}

function contextOf(failure: DingTalkFailure, subject: RequestSubject, baseUrl: string) {
	return { failure, subject, baseUrl, dingTalkMessage: failure.dingTalkMessage ?? '' };
}

function entryFor(c: ErrorContext): ErrorEntry {
	const code = c.failure.code ?? '';
	return (
		ERROR_CATALOGUE.find(
			(entry) =>
				matchesCode(entry, code) &&
				matchesMessage(entry, c.dingTalkMessage) &&
				matchesAnswer(entry, c.failure) &&
				(entry.when?.(c) ?? true),
		) ?? GENERIC_FALLBACK
	);
}

/** The catalogue entry that explains a failure: the first that applies. */
export function findErrorEntry(
	failure: DingTalkFailure,
	subject: RequestSubject = {},
	baseUrl = '',
): ErrorEntry {
	return entryFor(contextOf(failure, subject, baseUrl));
}

/** English message and advice for a DingTalk failure, from the catalogue. */
export function explain(
	failure: DingTalkFailure,
	subject: RequestSubject,
	baseUrl: string,
): Explanation {
	const c = contextOf(failure, subject, baseUrl);
	const entry = entryFor(c);
	const text = (value: ErrorEntry['message']) => (typeof value === 'string' ? value : value(c));
	return { message: text(entry.message), hint: text(entry.hint) };
}
