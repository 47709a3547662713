/**
 * DingTalk's wire conventions, shared by the server's own handlers and the request pipeline: request
 * ids (`x-acs-request-id`, `x-acs-trace-id`), the `{code, requestid, message}` error body with
 * `content-type: application/json;charset=utf-8`, and any thrown error mapped to a catalogue error.
 */
import { randomUUID } from 'node:crypto';

import type { FastifyReply } from 'fastify';

import { DingTalkError, dingError, errorBody, isDingTalkError } from '../errors';

export const JSON_TYPE = 'application/json;charset=utf-8';

export function newRequestId(): string {
	return randomUUID().toUpperCase();
}

/** `x-acs-trace-id`: 32 hex characters (derived from the request id; no extra randomness per request). */
function traceId(requestId: string): string {
	return requestId.replace(/-/g, '').toLowerCase();
}

export function pathOf(url: string): string {
	const q = url.indexOf('?');
	return q < 0 ? url : url.slice(0, q);
}

export interface Answer {
	status: number;
	/** Serialized JSON, or `undefined` for an empty body. */
	payload: string | undefined;
}

export function errorAnswer(err: DingTalkError, requestId: string): Answer {
	return { status: err.status, payload: JSON.stringify(errorBody(err, requestId)) };
}

export function send(reply: FastifyReply, requestId: string, answer: Answer): FastifyReply {
	reply
		.code(answer.status)
		.header('x-acs-request-id', requestId)
		.header('x-acs-trace-id', traceId(requestId));
	if (answer.payload === undefined) return reply.send();
	return reply.header('content-type', JSON_TYPE).send(answer.payload);
}

/** Map any error fastify raises (parser, limits, unexpected) to a DingTalk error. */
export function toDingTalkError(err: unknown): DingTalkError {
	if (isDingTalkError(err)) return err;
	const e = err as { code?: string; statusCode?: number };
	if (e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return dingError('bodyTooLarge');
	if (typeof e?.code === 'string' && e.code.startsWith('FST_ERR_CTP'))
		return dingError('missingBody');
	if (err instanceof SyntaxError) return dingError('missingBody');
	if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
		return dingError('badRequest');
	return dingError('unknownError');
}
