/**
 * Per-app, per-API QPS limiter (reference §2.6): fixed one-second windows, so DingTalk's official advice
 * "sleep 1 s and retry" works. Off (`null`) by default; DingTalk's standard edition allows 20.
 */
export const DEFAULT_QPS_WHEN_ENABLED = 20;

export class RateLimiter {
	private readonly buckets = new Map<string, { window: number; count: number }>();

	constructor(
		public qps: number | null = null,
		private readonly now: () => number = Date.now,
	) {}

	/** Count a call; false when the caller is over its limit for this second. */
	allow(appId: string, api: string): boolean {
		if (this.qps === null) return true;
		const window = Math.floor(this.now() / 1000);
		const key = `${appId}|${api}`;
		const b = this.buckets.get(key);
		if (!b || b.window !== window) {
			this.buckets.set(key, { window, count: 1 });
			if (this.buckets.size > 10_000) this.sweep(window);
			return this.qps >= 1;
		}
		if (b.count >= this.qps) return false;
		b.count++;
		return true;
	}

	private sweep(window: number): void {
		for (const [k, b] of this.buckets) if (b.window !== window) this.buckets.delete(k);
	}

	reset(): void {
		this.buckets.clear();
	}
}
