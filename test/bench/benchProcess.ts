/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports */
/**
 * One bench process "as a worker": runs the node through n8n's engine on the bookings it is given, in a
 * Node process of its own (its own pacing state, as each n8n worker has). Driven by multiProcess.ts over
 * stdin/stdout, one JSON line each way:
 *   parent → child (argv[2]): a JSON file { sandboxUrl, credential, bookings, requestOptions, adaptive }
 *   child → parent: {"ready":true} once the engine is loaded; parent → child: "go"; child → parent:
 *   {"seconds":…, "items":…, "errors":…, "firstError":…}.
 * `adaptive: false` switches the pacing's adaptation off (rateLimiter.setAdaptivePacing), which is not a
 * user option: the bench shows with it what adaptation gains.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-dingtalk-bench-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
process.env.N8N_ENCRYPTION_KEY ??= 'dingtalk-calendar-bench-only-key';

export interface BenchProcessInput {
	credential: import('../harness/credentialsHelper').StoredCredential;
	bookings: Array<{ organizer: string; eventId: string; rooms: string[] }>;
	requestOptions: Record<string, number>;
	adaptive: boolean;
}

export interface BenchProcessResult {
	seconds: number;
	items: number;
	errors: number;
	firstError?: string;
}

async function main() {
	const input = JSON.parse(readFileSync(process.argv[2], 'utf8')) as BenchProcessInput;
	const engine = await import('../harness/engine');
	const { addToEventParameters, itemsToNode } = await import('../harness/workflows');
	const { setAdaptivePacing } = await import('../../nodes/shared/transport/rateLimiter');
	setAdaptivePacing(input.adaptive);
	const credentialsHelper = engine.credentialsHelperWith(input.credential);
	const workflow = itemsToNode(
		input.bookings as never,
		addToEventParameters({ requestOptions: input.requestOptions }),
		{
			onError: 'continueRegularOutput',
		},
	);
	const lines = createInterface({ input: process.stdin });
	const go = new Promise<void>((resolve) =>
		lines.on('line', (line) => line.trim() === 'go' && resolve()),
	);
	process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
	await go;
	const started = performance.now();
	const result = await engine.runWorkflow(workflow, { credentialsHelper });
	const seconds = (performance.now() - started) / 1000;
	const output = result.output('DingTalk Calendar');
	const failed = output.filter((item) => item.json.error !== undefined);
	const report: BenchProcessResult = {
		seconds,
		items: output.length,
		errors:
			failed.length + (result.error ? 1 : 0) + Math.max(0, input.bookings.length - output.length),
		firstError: failed[0] ? String(failed[0].json.error) : result.error?.message,
	};
	process.stdout.write(`${JSON.stringify(report)}\n`);
	engine.shutdownN8nCore();
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
		process.exit(1);
	},
);
