/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console */
/**
 * npm run demo: starts the DingTalk sandbox on a free port, runs every example workflow in this folder
 * through n8n's engine (n8n-core's WorkflowExecute, as the tests do), prints what happened to each item,
 * and checks the result against the example's .expected.json. Exits 0 when every example matches.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes its settings into N8N_USER_FOLDER when first loaded: keep the demo's out of ~/.n8n.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-dingtalk-demo-'));
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS ??= 'false';

interface Row {
	item: number;
	event: string;
	rooms: string;
	outcome: string;
}

function table(rows: Row[]): string {
	const headers: Row = { item: -1, event: 'Event', rooms: 'Rooms', outcome: 'Outcome' };
	const cells = (row: Row) => [row.item < 0 ? '#' : String(row.item), row.event, row.rooms, row.outcome];
	const all = [headers, ...rows].map(cells);
	const widths = all[0].map((_, column) => Math.min(60, Math.max(...all.map((r) => r[column].length))));
	const line = (r: string[]) => r.map((cell, i) => (cell.length > widths[i] ? `${cell.slice(0, widths[i] - 1)}…` : cell.padEnd(widths[i]))).join(' | ');
	return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('-+-'), ...all.slice(1).map(line)].join('\n');
}

const shorten = (id: unknown) => {
	const text = typeof id === 'string' ? id : JSON.stringify(id ?? '');
	return text.length > 14 ? `${text.slice(0, 6)}…${text.slice(-6)}` : text;
};

async function main(): Promise<number> {
	const { startSandbox } = await import('../sandbox');
	const { credentialsHelperWith, runWorkflow, shutdownN8nCore } = await import('../test/harness/engine');
	const { SandboxClient } = await import('../test/harness/sandboxClient');
	const { checkExpectation, readExpectation } = await import('../test/harness/expectations');

	const sandbox = await startSandbox({ port: 0 });
	const dingtalk = new SandboxClient(sandbox.url);
	console.log(`DingTalk sandbox running at ${sandbox.url}\n`);
	let failures = 0;
	try {
		const examples = readdirSync(__dirname).filter((name) => name.endsWith('.workflow.json')).sort();
		for (const file of examples) {
			await dingtalk.reset();
			const workflow = JSON.parse(readFileSync(join(__dirname, file), 'utf8'));
			const expectation = readExpectation(join(__dirname, file.replace('.workflow.json', '.expected.json')));
			const credentialRef = workflow.nodes.find((n: { credentials?: { dingTalkApi?: object } }) => n.credentials?.dingTalkApi)
				.credentials.dingTalkApi as { id: string; name: string };
			const credential = { ...(await dingtalk.internalCredential()), ...credentialRef };
			const started = Date.now();
			const result = await runWorkflow(workflow, { credentialsHelper: credentialsHelperWith(credential) });
			const seconds = ((Date.now() - started) / 1000).toFixed(2);

			const output = result.output(expectation.node);
			const inputNode = Object.entries(workflow.connections as Record<string, { main: Array<Array<{ node: string }>> }>).find(
				([, c]) => c.main.some((targets) => targets.some((t) => t.node === expectation.node)),
			)?.[0];
			const inputs = inputNode ? result.output(inputNode) : [];
			const rows: Row[] = output.map((item, index) => {
				const paired = item.pairedItem as { item: number } | undefined;
				const input = inputs[paired?.item ?? index]?.json ?? {};
				const json = item.json;
				const rooms = (json.roomIds as string[] | undefined) ?? input.rooms;
				return {
					item: paired?.item ?? index,
					event: `${input.label ?? ''} ${shorten(json.eventId ?? input.eventId)}`.trim(),
					rooms: Array.isArray(rooms) ? rooms.map(shorten).join(', ') : shorten(rooms),
					outcome: json.error ? `✗ ${String(json.error)}` : `✓ booked (result: ${String(json.result)})`,
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
				console.log(`\n✗ does not match ${file.replace('.workflow.json', '.expected.json')}:\n  - ${problems.join('\n  - ')}\n`);
			} else {
				console.log(`\n✓ output and sandbox state match ${file.replace('.workflow.json', '.expected.json')}\n`);
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
