/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { readFileSync } from 'node:fs';

/**
 * What running an example workflow must produce (examples/<name>.expected.json). The demo, the jest
 * suite and the real-n8n e2e script all check the same file.
 */
export interface ExampleExpectation {
	/** The node whose output is checked. */
	node: string;
	/** One entry per output item, in order: a subset of its json, or a substring of its error. */
	items: Array<{ json: Record<string, unknown> } | { error: string }>;
	/**
	 * State the sandbox must be in afterwards: the rooms each event holds (exactly). `events` names events
	 * by ID; `eventsFromOutput` names events the run created (IDs unknown in advance) by where the checked
	 * node's output holds their ID: output item `item`, at the dotted path `field` of its json.
	 */
	sandbox?: {
		events?: Record<string, { roomIds: string[] }>;
		eventsFromOutput?: Array<{ item: number; field: string; roomIds: string[] }>;
	};
	/**
	 * A trigger-started example (test/harness/triggerExample.ts): the trigger node polls once (its
	 * baseline), `steps` change the sandbox (and may poll in between), it polls again, and each poll that
	 * emits runs the workflow on its items, as in an active workflow; the last such run is checked. Not run by `n8n execute` (it runs no poll): real n8n runs it activated in
	 * test/e2e/triggerCheck.ts.
	 */
	setup?: { trigger: string; steps: SetupStep[] };
}

/**
 * A sandbox change made after the trigger's baseline poll (bookRooms and respondRoom act on the last
 * event created), or `poll`: the trigger polls here too. After the last step it polls once more.
 */
export type SetupStep =
	| { poll: Record<string, never> }
	| {
			createEvent: {
				organizer: string;
				summary: string;
				startInHours: number;
				durationHours: number;
				attendees?: string[];
			};
	  }
	| { bookRooms: { roomIds: string[] } }
	| { respondRoom: { roomId: string; responseStatus: 'accepted' | 'declined' | 'tentative' } };

/** The value at a dotted path (`roomBooking.status`) of an item's json. */
function valueAt(json: Record<string, unknown> | undefined, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(value, key) =>
				value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
			json,
		);
}

export function readExpectation(path: string): ExampleExpectation {
	return JSON.parse(readFileSync(path, 'utf8')) as ExampleExpectation;
}

/** Why `actual` does not contain `expected` (a deep subset; arrays element by element), or undefined. */
export function subsetMismatch(actual: unknown, expected: unknown, path = ''): string | undefined {
	if (expected === null || typeof expected !== 'object') {
		return Object.is(actual, expected)
			? undefined
			: `${path || 'value'}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
	}
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual)) return `${path}: expected an array, got ${JSON.stringify(actual)}`;
		if (actual.length !== expected.length) {
			return `${path}: expected ${expected.length} elements, got ${actual.length} (${JSON.stringify(actual)})`;
		}
		for (let i = 0; i < expected.length; i++) {
			const mismatch = subsetMismatch(actual[i], expected[i], `${path}[${i}]`);
			if (mismatch) return mismatch;
		}
		return undefined;
	}
	if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
		return `${path || 'value'}: expected an object, got ${JSON.stringify(actual)}`;
	}
	for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
		const mismatch = subsetMismatch(
			(actual as Record<string, unknown>)[key],
			value,
			path ? `${path}.${key}` : key,
		);
		if (mismatch) return mismatch;
	}
	return undefined;
}

/** Lists every way the output and the sandbox differ from the expectation; empty means it matches. */
export async function checkExpectation(
	expectation: ExampleExpectation,
	items: Array<{ json: Record<string, unknown> }>,
	roomsOf: (eventId: string) => Promise<string[]>,
): Promise<string[]> {
	const problems: string[] = [];
	if (items.length !== expectation.items.length) {
		problems.push(
			`${expectation.node}: expected ${expectation.items.length} output items, got ${items.length}`,
		);
	}
	expectation.items.forEach((expected, index) => {
		const actual = items[index]?.json;
		if (!actual) return;
		if ('error' in expected) {
			if (typeof actual.error !== 'string' || !actual.error.includes(expected.error)) {
				problems.push(
					`item ${index}: expected an error containing "${expected.error}", got ${JSON.stringify(actual).slice(0, 400)}`,
				);
			}
			return;
		}
		if (actual.error !== undefined) {
			problems.push(`item ${index}: expected a result, got the error "${String(actual.error)}"`);
			return;
		}
		const mismatch = subsetMismatch(actual, expected.json);
		if (mismatch) problems.push(`item ${index}: ${mismatch}`);
	});
	const events = Object.entries(expectation.sandbox?.events ?? {}).map(
		([eventId, { roomIds }]) => ({ eventId, roomIds }),
	);
	for (const { item, field, roomIds } of expectation.sandbox?.eventsFromOutput ?? []) {
		const eventId = valueAt(items[item]?.json, field);
		if (typeof eventId === 'string' && eventId !== '') events.push({ eventId, roomIds });
		else
			problems.push(`sandbox.eventsFromOutput: output item ${item} has no event ID at "${field}"`);
	}
	for (const { eventId, roomIds } of events) {
		const actual = (await roomsOf(eventId)).sort();
		const wanted = [...roomIds].sort();
		if (JSON.stringify(actual) !== JSON.stringify(wanted)) {
			problems.push(
				`sandbox event ${eventId}: expected rooms ${JSON.stringify(wanted)}, found ${JSON.stringify(actual)}`,
			);
		}
	}
	return problems;
}
