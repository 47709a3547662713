import {
	currentRate,
	DECREASE_FACTOR,
	JITTER_MARGIN_MS,
	noteAccepted,
	noteRateLimited,
	setAdaptivePacing,
	startedAt,
	waitForSlot,
} from '../../../nodes/shared/transport/rateLimiter';

describe('the per-app, per-API pacing', () => {
	it('never lets more calls than the quota start within any one second, and uses the quota fully', async () => {
		const starts: number[] = [];
		const key = `test-${Math.random()}`;
		await Promise.all(
			Array.from({ length: 45 }, async () => {
				await waitForSlot(key, 20);
				starts.push(Date.now());
			}),
		);
		starts.sort((a, b) => a - b);
		for (let i = 20; i < starts.length; i++) {
			// the call 20 places earlier started more than a second before this one
			expect(starts[i] - starts[i - 20]).toBeGreaterThanOrEqual(1000);
		}
		const elapsed = starts[starts.length - 1] - starts[0];
		// 45 calls = two full windows and five more calls: two windows of waiting, not 44 spacings of 50 ms
		expect(elapsed).toBeLessThan(2 * (1000 + JITTER_MARGIN_MS) + 150);
	});

	it('keeps apps and APIs apart', async () => {
		const started = Date.now();
		await Promise.all(
			Array.from(
				{ length: 10 },
				async (_, i) => await waitForSlot(`separate-${i}-${Math.random()}`, 1),
			),
		);
		expect(Date.now() - started).toBeLessThan(200);
	});

	it('does not pace when the rate is 0', async () => {
		expect((await waitForSlot('off', 0)).waitedMs).toBe(0);
	});
});

describe('adaptive pacing (AIMD) across processes', () => {
	afterEach(() => setAdaptivePacing(true));

	it('lowers the rate on a rate limit, once per congested second, never below a floor', async () => {
		const key = `aimd-${Math.random()}`;
		const slot = await waitForSlot(key, 20);
		expect(currentRate(key, 20)).toBe(20);
		noteRateLimited(slot, 20);
		const lowered = currentRate(key, 20);
		expect(lowered).toBeLessThan(20);
		expect(lowered).toBeGreaterThanOrEqual(20 / 3 - 1e-9);
		// Another rate limit of a call sent in the same congested second: the same congestion.
		noteRateLimited(await waitForSlot(key, 20), 20);
		expect(currentRate(key, 20)).toBe(lowered);
		// A call sent a second later that still meets one: lower again.
		noteRateLimited({ key, start: Date.now() + 1500, waitedMs: 0 }, 20);
		expect(currentRate(key, 20)).toBeCloseTo(lowered * DECREASE_FACTOR, 5);
		for (let i = 0; i < 50; i++)
			noteRateLimited({ key, start: Date.now() + 2000 * (i + 2), waitedMs: 0 }, 20);
		expect(currentRate(key, 20)).toBeGreaterThanOrEqual(1);
	});

	it('raises the rate again while calls go through, never above Calls per Second', async () => {
		const key = `aimd-up-${Math.random()}`;
		const slot = await waitForSlot(key, 10);
		noteRateLimited(slot, 10);
		const lowered = currentRate(key, 10);
		noteAccepted(slot, 10);
		expect(currentRate(key, 10)).toBeGreaterThan(lowered);
		for (let i = 0; i < 10_000; i++) noteAccepted(slot, 10);
		expect(currentRate(key, 10)).toBe(10);
	});

	it('paces a lowered rate: fewer calls start per second', async () => {
		const key = `aimd-pace-${Math.random()}`;
		const first = await waitForSlot(key, 20);
		noteRateLimited(first, 20);
		const capacity = Math.floor(currentRate(key, 20));
		const starts: number[] = [first.start];
		await Promise.all(
			Array.from({ length: capacity + 3 }, async () => {
				await waitForSlot(key, 20);
				starts.push(Date.now());
			}),
		);
		starts.sort((a, b) => a - b);
		// capacity calls per (1000 × capacity / rate) ms: the call `capacity` places earlier is most of a second back
		for (let i = capacity; i < starts.length; i++)
			expect(starts[i] - starts[i - capacity]).toBeGreaterThanOrEqual(900);
	});

	it('stays at the ceiling with adaptation switched off (the bench compares both)', async () => {
		setAdaptivePacing(false);
		const key = `aimd-off-${Math.random()}`;
		noteRateLimited(await waitForSlot(key, 20), 20);
		expect(currentRate(key, 20)).toBe(20);
	});

	it('measures later calls from when a call really went (after a token request), not from its slot', async () => {
		const key = `late-${Math.random()}`;
		const first = await waitForSlot(key, 2);
		startedAt(first, first.start + 300);
		await waitForSlot(key, 2);
		const third = await waitForSlot(key, 2);
		// The third call waits a window after the first call's real start, not after its slot.
		expect(third.start).toBeGreaterThanOrEqual(first.start + 1000 + JITTER_MARGIN_MS);
		expect(first.start).toBeGreaterThan(0);
	}, 5000);
});
