/**
 * The sandbox clock: real time plus an offset that tests can move forward (`POST /__sandbox/clock`).
 * Token expiry, idempotency windows, the daily event quota and createTime/updateTime all read it.
 */
export class SandboxClock {
	constructor(
		public offsetMs = 0,
		private readonly realNow: () => number = Date.now,
	) {}

	now(): number {
		return this.realNow() + this.offsetMs;
	}

	advance(seconds: number): void {
		this.offsetMs += seconds * 1000;
	}

	/** Jump to an absolute instant (the clock keeps ticking from there). */
	set(instantMs: number): void {
		this.offsetMs = instantMs - this.realNow();
	}

	reset(): void {
		this.offsetMs = 0;
	}
}
