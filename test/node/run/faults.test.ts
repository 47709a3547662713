/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
import type { INodeExecutionData } from 'n8n-workflow';

import { benchSeed } from '../../bench/benchSeed';
import { credentialsHelperWith, runWorkflow } from '../../harness/engine';
import type { SandboxEvent } from '../../harness/sandboxClient';
import { useSandbox } from '../../harness/sandboxSuite';
import { addToEventParameters, itemsToNode } from '../../harness/workflows';

const ITEMS = 500;
const NODE = 'DingTalk Calendar';

/**
 * 500 bookings while the sandbox faults about 10 % of the calls (seeded, so the schedule is the same
 * on every run): rate limits, server errors, resets, hangs past the timeout, an HTML ban page, DingTalk's
 * idempotencyProcessing, bookings applied but answered with a reset, and every token revoked mid-run.
 */
describe('500 bookings under faults', () => {
	const { dingtalk } = useSandbox({ resetBeforeEach: false });

	it('every item comes out once, in order; no room is booked twice; failures carry their facts', async () => {
		const { seed, bookings } = benchSeed(ITEMS);
		const reset = await dingtalk.http.post('/__sandbox/reset', seed);
		expect(reset.status).toBe(200);
		const route = 'AddMeetingRooms';
		await dingtalk.config({
			faults: [
				{ route, kind: 'qps403', probability: 0.02, seed: 11 },
				{ route, kind: 'http500', probability: 0.015, seed: 12 },
				{ route, kind: 'http502', probability: 0.01, seed: 13 },
				{ route, kind: 'reset', probability: 0.01, seed: 14 },
				{ route, kind: 'hang', probability: 0.005, seed: 15 },
				{ route, kind: 'htmlBan', probability: 0.01, seed: 16 },
				{ route, kind: 'idempotencyProcessing', probability: 0.01, seed: 17 },
				{ route, kind: 'reset', after: true, probability: 0.02, seed: 18 },
			],
		});
		const credentialsHelper = credentialsHelperWith(await dingtalk.internalCredential());

		// Revoke every token once a fifth of the bookings went through.
		let revoked = false;
		const revoker = (async () => {
			for (let i = 0; i < 600 && !revoked; i++) {
				const { actions } = (await dingtalk.stats()) as unknown as {
					actions: Record<string, Record<string, number>>;
				};
				const done = Object.values(actions.AddMeetingRooms ?? {}).reduce((a, b) => a + b, 0);
				if (done >= ITEMS / 5) {
					await dingtalk.http.post('/__sandbox/tokens/revoke', {});
					revoked = true;
				} else {
					await new Promise((resolve) => setTimeout(resolve, 50));
				}
			}
		})();

		const result = await runWorkflow(
			itemsToNode(
				bookings as never,
				addToEventParameters({
					requestOptions: { concurrency: 10, callsPerSecond: 0, timeoutMs: 1000, maxTries: 6 },
				}),
				{ onError: 'continueRegularOutput' },
			),
			{ credentialsHelper },
		);
		await revoker;
		await dingtalk.config({ faults: [] });

		expect(revoked).toBe(true);
		const output = result.output(NODE);
		expect(output).toHaveLength(ITEMS);
		expect(output.map((item) => (item.pairedItem as { item: number }).item)).toEqual(
			bookings.map((_, i) => i),
		);

		const failed = output.filter(
			(item): item is INodeExecutionData => item.json.error !== undefined,
		);
		for (const item of failed) {
			const facts = item.json.dingTalk as Record<string, unknown>;
			expect(facts).toBeDefined();
			expect(facts.tries).toBeGreaterThan(1);
			if (facts.httpStatus !== null) {
				expect(facts.requestId).toEqual(expect.any(String));
			}
		}
		// Six tries against 10 % faults: an item fails only with six faults in a row.
		expect(failed.length).toBeLessThanOrEqual(1);

		// Each event holds exactly the room its item booked, once, whatever the faults did.
		const { events } = (await dingtalk.http.get('/__sandbox/events')).data as {
			events: SandboxEvent[];
		};
		const byId = new Map(events.map((event) => [event.eventId, event]));
		bookings.forEach((booking, index) => {
			const rooms = byId.get(booking.eventId)!.meetingRooms.map((room) => room.roomId);
			if (output[index].json.error === undefined) expect(rooms).toEqual(booking.rooms);
			else expect(rooms.length).toBeLessThanOrEqual(1);
		});

		const stats = (await dingtalk.stats()) as unknown as {
			tokenRequests: number;
			faultsInjected: number;
		};
		expect(stats.faultsInjected).toBeGreaterThan(ITEMS * 0.05);
		if (process.env.FAULTS_DEBUG) console.log(JSON.stringify(stats));
		// The first token, and one renewal after the revocation for all calls in flight.
		expect(stats.tokenRequests).toBe(2);
	}, 120000);
});
