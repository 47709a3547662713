import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_REQUEST_SETTINGS,
	type RequestSettings,
} from '../../shared/transport/requestSettings';

/** Node-wide settings (defaults as in DEFAULT_REQUEST_SETTINGS; the lint wants literals here) for how calls reach DingTalk: concurrency, pacing, retries, timeout. */
export const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Calls per Second',
			name: 'callsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 1 },
			default: 20,
			description:
				"Most calls per second to each DingTalk API for this app, shared by every run of this node in this n8n process (in queue mode: per worker). When DingTalk answers with a rate limit, the node goes slower on its own and speeds up again. DingTalk's standard edition allows 20; 0 turns pacing off.",
		},
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 5,
			description:
				'How many items are processed at the same time. Output order always follows input order. With On Error = Stop Workflow every item is checked before the first request, so a mistake in any item sends nothing; when DingTalk refuses an item, no further item starts, items already running finish, and the error lists what they changed.',
		},
		{
			displayName: 'Max Tries',
			name: 'maxTries',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 5,
			description:
				'Tries per call when DingTalk is rate-limiting, has a server error or the connection fails (with growing waits between tries). Business errors such as a busy room are never retried.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeoutMs',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 30000,
			description: 'How long one call may take before it counts as failed (and is tried again)',
		},
	],
};

/** Reads Request Options once per run (they apply to the whole node, not per item). */
export function readRequestSettings(context: IExecuteFunctions): RequestSettings {
	const options = context.getNodeParameter('requestOptions', 0, {}) as Partial<RequestSettings>;
	const number = (value: unknown, fallback: number, min: number, max: number) =>
		typeof value === 'number' && Number.isFinite(value)
			? Math.min(max, Math.max(min, value))
			: fallback;
	return {
		concurrency: Math.floor(
			number(options.concurrency, DEFAULT_REQUEST_SETTINGS.concurrency, 1, 50),
		),
		callsPerSecond: number(
			options.callsPerSecond,
			DEFAULT_REQUEST_SETTINGS.callsPerSecond,
			0,
			10000,
		),
		maxTries: Math.floor(number(options.maxTries, DEFAULT_REQUEST_SETTINGS.maxTries, 1, 10)),
		timeoutMs: number(options.timeoutMs, DEFAULT_REQUEST_SETTINGS.timeoutMs, 1000, 600000),
	};
}
