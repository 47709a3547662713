/**
 * Request statistics for `GET /__sandbox/stats`: answers per route pattern and status
 * (`{"POST /v1.0/oauth2/accessToken": {"200": 3}}`), token calls and rate-limited answers. Control-API
 * calls are not counted. Connection resets and hangs count under the statuses `"reset"` and `"hang"`.
 */
export interface StatsView {
	requests: Record<string, Record<string, number>>;
	/** Same counts keyed by DingTalk action name (`AddMeetingRooms`), unknown routes under `"(unknown)"`. */
	actions: Record<string, Record<string, number>>;
	tokensIssued: number;
	tokenRequests: number;
	rateLimited: number;
	faultsInjected: number;
	idempotentReplays: number;
}

export class Stats {
	private requests = new Map<string, Map<string, number>>();
	private actions = new Map<string, Map<string, number>>();
	tokenRequests = 0;
	rateLimited = 0;
	idempotentReplays = 0;

	private bump(map: Map<string, Map<string, number>>, key: string, status: string): void {
		let m = map.get(key);
		if (!m) {
			m = new Map();
			map.set(key, m);
		}
		m.set(status, (m.get(status) ?? 0) + 1);
	}

	record(route: string, action: string, status: number | string): void {
		const s = String(status);
		this.bump(this.requests, route, s);
		this.bump(this.actions, action, s);
	}

	view(tokensIssued: number, faultsInjected: number): StatsView {
		const plain = (map: Map<string, Map<string, number>>): Record<string, Record<string, number>> =>
			Object.fromEntries(Array.from(map, ([k, m]) => [k, Object.fromEntries(m)]));
		return {
			requests: plain(this.requests),
			actions: plain(this.actions),
			tokensIssued,
			tokenRequests: this.tokenRequests,
			rateLimited: this.rateLimited,
			faultsInjected,
			idempotentReplays: this.idempotentReplays,
		};
	}
}
