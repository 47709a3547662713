/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
/**
 * npm run demo: starts the DingTalk sandbox on a free port, runs every example workflow in this folder
 * through n8n's engine (n8n-core's WorkflowExecute, as the tests do), prints what happened to each item,
 * and checks the result against the example's .expected.json. Exits 0 when every example matches.
 * A trigger-started example (rebook-declined-room) runs as when active: the DingTalk Calendar Trigger
 * polls, the sandbox changes (an approval room booked, then declined), it polls again, and each poll
 * that emits starts an execution; the demo prints each step.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineExamples } from '../test/e2e/expectations';

// n8n-core writes its settings into N8N_USER_FOLDER when first loaded: keep the demo's out of ~/.n8n.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-dingtalk-demo-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';
// A fixed key for the throw-away settings file, so n8n-core does not announce generating one.
process.env.N8N_ENCRYPTION_KEY ??= 'dingtalk-calendar-demo-only-key';

interface Row {
	item: number;
	event: string;
	rooms: string;
	outcome: string;
}

/** Terminal columns a text takes: CJK characters are two wide. */
const width = (text: string) =>
	[...text].reduce(
		(sum, ch) =>
			sum +
			(/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/.test(ch)
				? 2
				: 1),
		0,
	);

function fit(text: string, columns: number): string {
	if (width(text) <= columns) return text + ' '.repeat(columns - width(text));
	let out = '';
	for (const ch of text) {
		if (width(out + ch) > columns - 1) break;
		out += ch;
	}
	return `${out}…${' '.repeat(columns - 1 - width(out))}`;
}

function table(rows: Row[]): string {
	const headers: Row = { item: -1, event: 'Event', rooms: 'Rooms', outcome: 'Outcome' };
	const cells = (row: Row) => [
		row.item < 0 ? '#' : String(row.item),
		row.event,
		row.rooms,
		row.outcome,
	];
	const all = [headers, ...rows].map(cells);
	const limits = [4, 34, 30, 90];
	const widths = all[0].map((_, column) =>
		Math.min(limits[column], Math.max(...all.map((r) => width(r[column])))),
	);
	const line = (r: string[]) =>
		r
			.map((cell, i) => fit(cell, widths[i]))
			.join(' | ')
			.trimEnd();
	return [
		line(all[0]),
		widths.map((w) => '-'.repeat(w)).join('-+-'),
		...all.slice(1).map(line),
	].join('\n');
}

const shorten = (id: unknown) => {
	const text = typeof id === 'string' ? id : JSON.stringify(id ?? '');
	return text.length > 14 ? `${text.slice(0, 6)}…${text.slice(-6)}` : text;
};

/** Room and event names from the seed, so the table reads like a calendar rather than a list of IDs. */
function namer(seed: {
	rooms: Array<{ roomId: string; roomName: string }>;
	events: Array<{ eventId: string; summary?: string }>;
}) {
	const rooms = new Map(seed.rooms.map((room) => [room.roomId, room.roomName]));
	const events = new Map(
		seed.events.map((event) => [event.eventId, event.summary ?? event.eventId]),
	);
	return {
		room: (id: string) => rooms.get(id) ?? shorten(id),
		event: (id: unknown) => (typeof id === 'string' && events.get(id)) || shorten(id),
	};
}

/** What a successful item did: Add to Event's result, or Find and Book's rooms and what it passed over. */
function outcomeOf(json: Record<string, unknown>, room: (id: string) => string): string {
	if (json.found === false) return `– nothing booked: ${String(json.reason)}`;
	if (!Array.isArray(json.rooms)) return `✓ booked (result: ${String(json.result)})`;
	const statuses = (json.rooms as Array<{ responseStatus: unknown }>)
		.map((entry) => String(entry.responseStatus))
		.join(', ');
	const passed = ((json.passedOver ?? []) as Array<{ roomId: string; reason: string }>).map(
		(entry) => `${room(entry.roomId)} ${entry.reason}`,
	);
	return `✓ booked (${statuses})${passed.length ? `; passed over ${passed.join(', ')}` : ''}`;
}

async function main(): Promise<number> {
	const { startSandbox } = await import('../sandbox');
	const { credentialsHelperWith, runWorkflow, shutdownN8nCore } = await import(
		'../test/harness/engine'
	);
	const { SandboxClient } = await import('../test/harness/sandboxClient');
	const { checkExpectation, readExpectation } = await import('../test/harness/expectations');
	const { runTriggerExample } = await import('../test/harness/triggerExample');

	const sandbox = await startSandbox({ port: 0 });
	const dingtalk = new SandboxClient(sandbox.url);
	const names = namer(sandbox.seed as never);
	console.log(`DingTalk sandbox running at ${sandbox.url}\n`);
	let failures = 0;
	try {
		const examples = engineExamples(__dirname);
		for (const file of examples) {
			await dingtalk.reset();
			const workflow = JSON.parse(readFileSync(join(__dirname, file), 'utf8'));
			const expectation = readExpectation(
				join(__dirname, file.replace('.workflow.json', '.expected.json')),
			);
			const credentialRef = workflow.nodes.find(
				(n: { credentials?: { dingTalkApi?: object } }) => n.credentials?.dingTalkApi,
			).credentials.dingTalkApi as { id: string; name: string };
			const credential = { ...(await dingtalk.internalCredential()), ...credentialRef };
			const started = Date.now();
			const credentialsHelper = credentialsHelperWith(credential);
			if (expectation.setup)
				console.log(`${workflow.name} (${file}): the trigger polls while the sandbox changes`);
			const result = expectation.setup
				? (
						await runTriggerExample(
							workflow,
							{ ...expectation, setup: expectation.setup },
							dingtalk,
							credentialsHelper,
							(line, execution) => {
								console.log(`  - ${line.replace(/[0-9a-f]{48}/g, (id) => names.room(id))}`);
								for (const { json } of execution?.emitted ?? []) {
									const room = json.room as
										| { roomName?: string; previousStatus?: string | null; status?: string }
										| undefined;
									const event = json.event as { summary?: string };
									console.log(
										`      ${String(json.change)}: "${event.summary}"${room ? `, ${room.roomName} ${room.previousStatus ?? '(new booking)'} → ${room.status}` : ''}`,
									);
								}
								if (execution?.result) {
									const booked = execution.result.output(expectation.node).length;
									console.log(
										`      execution: ${booked ? `${booked} item(s) reached "${expectation.node}"` : `the filter let nothing through to "${expectation.node}"`}`,
									);
								}
							},
						)
					).result
				: await runWorkflow(workflow, { credentialsHelper });
			const seconds = ((Date.now() - started) / 1000).toFixed(2);

			const output = result.output(expectation.node);
			const inputNode = Object.entries(
				workflow.connections as Record<string, { main: Array<Array<{ node: string }>> }>,
			).find(([, c]) =>
				c.main.some((targets) => targets.some((t) => t.node === expectation.node)),
			)?.[0];
			const inputs = inputNode ? result.output(inputNode) : [];
			const rows: Row[] = output.map((item, index) => {
				const paired = item.pairedItem as { item: number } | undefined;
				const input = inputs[paired?.item ?? index]?.json ?? {};
				const json = item.json;
				const rooms = (json.roomIds as string[] | undefined) ?? input.rooms;
				return {
					item: paired?.item ?? index,
					// Find and Book may create the event: its title says more than a fresh ID.
					event:
						typeof json.summary === 'string'
							? json.summary
							: names.event(json.eventId ?? input.eventId),
					rooms: Array.isArray(rooms)
						? rooms.map((id) => names.room(String(id))).join(', ')
						: String(rooms),
					outcome: json.error ? `✗ ${String(json.error)}` : outcomeOf(json, names.room),
				};
			});
			console.log(`${workflow.name} (${file}), ${seconds}s`);
			console.log(table(rows));
			if (result.error) console.log(`\nThe run stopped: ${result.error.message}`);

			const problems = await checkExpectation(expectation, output, async (eventId) =>
				Object.keys(await dingtalk.roomsOf(eventId)),
			);
			if (problems.length) {
				failures++;
				console.log(
					`\n✗ does not match ${file.replace('.workflow.json', '.expected.json')}:\n  - ${problems.join('\n  - ')}\n`,
				);
			} else {
				console.log(
					`\n✓ output and sandbox state match ${file.replace('.workflow.json', '.expected.json')}\n`,
				);
			}
		}
	} finally {
		await sandbox.close();
		shutdownN8nCore();
	}
	return failures ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
