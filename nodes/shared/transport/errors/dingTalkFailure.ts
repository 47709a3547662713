/** A DingTalk answer or failure, reduced to what the node reports. Never holds a token or a secret. */
export interface DingTalkFailure {
	/** HTTP status, when DingTalk answered. */
	httpStatus?: number;
	/** DingTalk's error code, e.g. `meetingRoomNotAvailable`, or a network code such as `ECONNRESET`. */
	code?: string;
	/** DingTalk's own message, verbatim (often Chinese). */
	dingTalkMessage?: string;
	requestId?: string;
	/** `accessdenieddetail.requiredScopes` of a permission error. */
	requiredScopes?: string[];
	/** The body, when it was not DingTalk's JSON error shape (e.g. an HTML ban page), shortened. */
	rawBody?: string;
}

/** Reads DingTalk's `{code, requestid, message}` error body (keys are lower case; the SDK also accepts others). */
export function parseDingTalkErrorBody(httpStatus: number, body: unknown): DingTalkFailure {
	let data: unknown = body;
	if (typeof data === 'string') {
		try {
			data = JSON.parse(data);
		} catch {
			return { httpStatus, rawBody: (body as string).slice(0, 300) };
		}
	}
	if (!data || typeof data !== 'object' || Array.isArray(data)) {
		return {
			httpStatus,
			rawBody: data === undefined || data === '' ? undefined : String(data).slice(0, 300),
		};
	}
	const record = data as Record<string, unknown>;
	const pick = (...keys: string[]) => {
		for (const key of keys) if (typeof record[key] === 'string') return record[key] as string;
		return undefined;
	};
	const detail = (record.accessdenieddetail ?? record.accessDeniedDetail) as
		| { requiredScopes?: unknown }
		| undefined;
	const scopes = Array.isArray(detail?.requiredScopes)
		? detail.requiredScopes.filter((s): s is string => typeof s === 'string')
		: undefined;
	return {
		httpStatus,
		code: pick('code', 'Code'),
		dingTalkMessage: pick('message', 'Message'),
		requestId: pick('requestid', 'requestId', 'RequestId'),
		requiredScopes: scopes && scopes.length ? scopes : undefined,
	};
}
