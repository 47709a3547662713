import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import type { DingTalkFailure } from './dingTalkFailure';
import { explain } from './explain';
import type { RequestSubject } from './requestSubject';

export type { RequestSubject } from './requestSubject';

/** Builds the node error for a failed DingTalk call: English message and advice, DingTalk's facts in the details. */
export function toNodeApiError(
	node: INode,
	failure: DingTalkFailure,
	subject: RequestSubject,
	baseUrl: string,
	itemIndex?: number,
	calls?: { tries: number; outcomeWasUnknown: boolean },
): NodeApiError {
	const { message, hint } = explain(failure, subject, baseUrl);
	const facts = [
		failure.code && `code ${failure.code}`,
		failure.dingTalkMessage && `message "${failure.dingTalkMessage}"`,
		failure.httpStatus !== undefined && `HTTP ${failure.httpStatus}`,
		failure.requestId && `request ID ${failure.requestId}`,
	].filter(Boolean);
	const tried = calls && calls.tries > 1 ? ` (after ${calls.tries} tries)` : '';
	const description = facts.length
		? `${hint} DingTalk: ${facts.join(', ')}${tried}.`
		: `${hint}${tried}`;
	const details: JsonObject = {
		code: failure.code ?? null,
		message: failure.dingTalkMessage ?? null,
		requestId: failure.requestId ?? null,
		httpStatus: failure.httpStatus ?? null,
	};
	if (failure.requiredScopes) details.requiredScopes = failure.requiredScopes;
	if (failure.rawBody) details.body = failure.rawBody;
	if (calls) details.tries = calls.tries;

	const error = new NodeApiError(node, details, {
		message,
		description,
		httpCode: failure.httpStatus !== undefined ? String(failure.httpStatus) : undefined,
		itemIndex,
	});
	// NodeApiError swaps messages that mention a network code (ECONNRESET, ...) for generic ones: keep ours.
	error.message = message;
	error.description = description;
	error.context.dingTalk = details;
	// A write whose earlier try may have been applied: the operation can check DingTalk's state.
	error.context.outcomeWasUnknown = calls?.outcomeWasUnknown ?? false;
	return error;
}
