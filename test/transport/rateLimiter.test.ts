import { JITTER_MARGIN_MS, waitForSlot } from '../../nodes/DingTalkCalendar/transport/rateLimiter';

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
			Array.from({ length: 10 }, async (_, i) => await waitForSlot(`separate-${i}-${Math.random()}`, 1)),
		);
		expect(Date.now() - started).toBeLessThan(200);
	});

	it('does not pace when the rate is 0', async () => {
		expect(await waitForSlot('off', 0)).toBe(0);
	});
});
