/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console */
/**
 * `npm run test:e2e`: the packed package in real n8n 1.x and 2.x, headless.
 *
 *   1. build, `npm pack`, check and lint the tarball (pack.ts);
 *   2. install each pinned n8n line into the cache (install.ts, versions.ts);
 *   3. per line, in a throw-away N8N_USER_FOLDER: install the tarball as a community package, start the
 *      sandbox, import a credential pointing at it and every `examples/*.workflow.json`;
 *   4. `n8n start`: owner account over REST, check n8n loaded our node, credential and icons, and drive
 *      the editor in headless Chromium (editor.ts), screenshots to docs/images/;
 *   5. `n8n execute --id … --rawOutput` per example, checking the output items and the sandbox state
 *      (expectations.ts);
 * then a table line × step × outcome, and exit 1 naming what failed and where the logs are.
 *
 * Options: --line 1.x|2.x (repeatable; default both), --no-editor, --keep (keep the work folder on
 * success too), --hold (leave n8n running after the editor check until Ctrl-C, for poking at it),
 * --past-pack-problems (go on to n8n when the tarball checks fail, to see what n8n itself says).
 * Environment: N8N_E2E_CACHE (cache folder), N8N_E2E_CHROMIUM (browser binary, default /usr/bin/chromium).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

import { startSandbox, type RunningSandbox } from '../../sandbox';
import { editorCheck, findChromium, type NodeDescriptionLike } from './editor';
import { checkExpectation } from '../harness/expectations';
import {
	credentialRefs,
	loadExamples,
	nodeItems,
	type Example,
	type WorkflowJson,
} from './expectations';
import { checkHttpRequestNode, httpRequestWorkflow } from './httpRequestCheck';
import { checkOnError, onErrorWorkflows } from './onErrorCheck';
import {
	checkTrigger,
	forActivation,
	isTriggerExample,
	TRIGGER_WORKFLOW_ID,
	triggerWorkflow,
} from './triggerCheck';
import { cacheRoot, ensureN8n, pruneCache } from './install';
import {
	AGENT_WORKFLOW_ID,
	agentCredentials,
	agentWorkflow,
	checkAgentRun,
	startScriptedModel,
} from './agentCheck';
import { isMcpExample, mcpCheck, mcpCredentials } from './mcpCheck';
import {
	activateWorkflows,
	createInstance,
	describeCliFailure,
	executeWorkflow,
	getJson,
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	OWNER,
	PACKAGE_NAME,
	setupOwner,
	startN8n,
	type N8nInstance,
} from './n8n';
import { buildAndPack, type PackResult } from './pack';
import { StepTable, type Row } from './steps';
import { cleanupAll, installSignalHandlers, onCleanup, runMain, seconds } from './proc';
import { N8N_LINES, type N8nLine } from './versions';

const REPO = resolve(__dirname, '..', '..');
const CREDENTIAL_TYPE = 'dingTalkApi';

const steps = new StepTable('e2e');
const rows = steps.rows;
const record = (row: Row): Row => steps.record(row);
const timed = steps.timed.bind(steps) as StepTable['timed'];
const NOT_LOADED = 'not run: n8n did not load the package (see above)';

interface Options {
	lines: N8nLine[];
	editor: boolean;
	keep: boolean;
	hold: boolean;
	/** Go on to n8n even when the tarball checks fail (to see what n8n itself says). */
	pastPackProblems: boolean;
}

function parseArgs(argv: string[]): Options {
	const wanted: string[] = [];
	let editor = true;
	let keep = false;
	let hold = false;
	let pastPackProblems = false;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--line') wanted.push(argv[++i]);
		else if (arg.startsWith('--line=')) wanted.push(arg.slice('--line='.length));
		else if (arg === '--no-editor') editor = false;
		else if (arg === '--keep') keep = true;
		else if (arg === '--hold') hold = true;
		else if (arg === '--past-pack-problems') pastPackProblems = true;
		else if (arg === '--help' || arg === '-h') {
			console.log(
				'usage: npm run test:e2e -- [--line 1.x|2.x]... [--no-editor] [--keep] [--hold] [--past-pack-problems]',
			);
			process.exit(0);
		} else throw new Error(`unknown option ${arg}`);
	}
	const lines = wanted.length ? N8N_LINES.filter((l) => wanted.includes(l.line)) : N8N_LINES;
	if (wanted.length && lines.length !== wanted.length) {
		throw new Error(`unknown --line; known: ${N8N_LINES.map((l) => l.line).join(', ')}`);
	}
	return { lines, editor, keep, hold, pastPackProblems };
}

/** The sandbox credential, in the plain form `n8n import:credentials` encrypts on import. */
function sandboxCredentials(examples: Example[], sandbox: RunningSandbox): unknown[] {
	const app = sandbox.seed.apps[0];
	if (app.type !== 'internal') throw new Error('the sandbox seed apps[0] is not an internal app');
	const refs = credentialRefs(examples, CREDENTIAL_TYPE);
	if (!refs.length) refs.push({ id: 'dingtalkSandbox1', name: 'DingTalk Sandbox' });
	return refs.map((ref) => ({
		id: ref.id,
		name: ref.name,
		type: CREDENTIAL_TYPE,
		data: {
			appType: 'internal',
			clientId: app.appKey,
			clientSecret: app.appSecret,
			region: 'custom',
			baseUrl: sandbox.url,
			accessToken: '',
		},
	}));
}

async function resetSandbox(sandbox: RunningSandbox): Promise<void> {
	const response = await fetch(`${sandbox.url}/__sandbox/reset`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '{}',
	});
	if (!response.ok) throw new Error(`POST /__sandbox/reset answered ${response.status}`);
}

interface NodeTypeDescription extends NodeDescriptionLike {
	displayName?: string;
	iconUrl?: string | { light?: string; dark?: string };
}

/** What `n8n start` printed while starting, minus the routine lines: where load errors show up. */
function startupMessages(output: string): string {
	// Packages load early: before n8n reports its server (1.x) or task broker (2.x) ready.
	const marker = /^(n8n ready on|n8n Task Broker ready|Editor is now accessible)/m.exec(output);
	const end = marker ? marker.index : -1;
	const routine = [
		/^Initializing n8n process/,
		/^n8n ready on/,
		/^There are deprecations/,
		/^ - [A-Z0-9_]+ -> /,
		/^\[license SDK\]/,
		/^Version: /,
		/^(Starting|Finished) migration/,
		/^Migrations in progress/,
		/^Building workflow dependency index/,
		// Stack traces (n8n 2.x prints them), Node's require stack and source excerpts: not the message.
		/^Require stack:/,
		/^- \/.*\/node_modules\/(n8n|n8n-core|@n8n)\//,
		/^\s+at /,
		/^node:internal\//,
		/^\s*\^+\s*$/,
		/^\s+throw /,
	];
	const lines = (end >= 0 ? output.slice(0, end) : output)
		.split('\n')
		.map((l) => l.trimEnd())
		.filter((l) => l.trim() && !routine.some((r) => r.test(l)));
	return [...new Set(lines)].slice(0, 15).join('\n    ');
}

/**
 * What n8n itself loaded: our node and credential types in the editor's type files, icons served.
 * Expected: what the tarball check loaded, plus our node types the examples use and our credential.
 */
async function checkLoaded(
	instance: N8nInstance,
	url: string,
	cookie: string,
	pack: PackResult,
	examples: Example[],
	serverOutput: () => string,
) {
	const problems: string[] = [];
	const nodes = await getJson<NodeTypeDescription[]>(`${url}/types/nodes.json`, cookie);
	const credentials = await getJson<
		Array<{ name: string; iconUrl?: string | { light?: string; dark?: string } }>
	>(`${url}/types/credentials.json`, cookie);
	const iconUrls: string[] = [];
	const collectIcons = (icon: NodeTypeDescription['iconUrl']) => {
		if (typeof icon === 'string') iconUrls.push(icon);
		else if (icon) iconUrls.push(...[icon.light, icon.dark].filter((u): u is string => !!u));
	};
	const nodeTypes = new Map<string, string>();
	for (const type of pack.nodeTypes)
		nodeTypes.set(`${PACKAGE_NAME}.${type.name}`, `from ${type.file}`);
	for (const example of examples) {
		for (const node of example.workflow.nodes) {
			if (node.type.startsWith(`${PACKAGE_NAME}.`) && !nodeTypes.has(node.type)) {
				nodeTypes.set(node.type, `used by examples/${example.name}.workflow.json`);
			}
		}
	}
	const credentialTypes = new Map<string, string>([[CREDENTIAL_TYPE, 'used by the examples']]);
	for (const type of pack.credentialTypes) credentialTypes.set(type.name, `from ${type.file}`);
	for (const [fullName, origin] of nodeTypes) {
		const found = nodes.find((n) => n.name === fullName);
		if (!found) {
			problems.push(`n8n did not load node type ${fullName} (${origin})`);
			continue;
		}
		if (!found.iconUrl) problems.push(`n8n has no icon for ${fullName}`);
		collectIcons(found.iconUrl);
	}
	for (const [name, origin] of credentialTypes) {
		const found = credentials.find((c) => c.name === name);
		if (!found) {
			problems.push(`n8n did not load credential type ${name} (${origin})`);
			continue;
		}
		collectIcons(found.iconUrl);
	}
	for (const icon of iconUrls) {
		const response = await fetch(`${url}/${icon.replace(/^\//, '')}`, {
			headers: { cookie },
		}).catch((error: Error) => {
			throw new Error(
				`GET ${icon}: ${error.message}${error.cause ? ` (${String((error.cause as Error).message ?? error.cause)})` : ''}`,
			);
		});
		const type = response.headers.get('content-type') ?? '';
		if (!response.ok) problems.push(`n8n answers ${response.status} for icon ${icon}`);
		else if (!/svg|png/.test(type)) problems.push(`icon ${icon} is served as "${type}"`);
	}
	const ours = nodes.filter((n) => n.name.startsWith(`${PACKAGE_NAME}.`));
	if (problems.length) {
		const said = startupMessages(serverOutput());
		const error = new Error(
			`${problems.join('\n    ')}` +
				(said ? `\n    n8n said at startup:\n    ${said}` : '') +
				`\n    n8n log: ${instance.logPath}`,
		) as Error & { typesLoaded?: boolean; nodes?: NodeTypeDescription[] };
		error.typesLoaded = [...nodeTypes.keys()].every((t) => ours.some((n) => n.name === t));
		error.nodes = ours;
		throw error;
	}
	return { nodes: ours, icons: iconUrls.length };
}

/**
 * A copy of the first example that uses our node, for the editor check: same nodes, but the
 * Organizer User ID is a plain unionId (the Rooms picker and the Event list search need one), no
 * rooms are chosen yet and the Event is picked From List. (Switching the example's expressions to
 * fixed values in the editor works too, but n8n then shows "Error fetching options" for Rooms until
 * the node is reopened: not what we want to test here.)
 */
function editorWorkflow(example: Example, nodeType: string, unionId: string): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(example.workflow)) as WorkflowJson;
	copy.id = `${String(example.workflow.id).slice(0, 28)}Editor`;
	copy.name = `${example.workflow.name ?? example.name} (editor check)`;
	for (const node of copy.nodes) {
		if (node.type !== nodeType) continue;
		node.parameters = {
			...node.parameters,
			userId: unionId,
			roomIds: [],
			...(node.parameters && 'eventId' in node.parameters
				? { eventId: { __rl: true, mode: 'list', value: '' } }
				: {}),
		};
	}
	return copy;
}

async function runLine(
	line: N8nLine,
	pack: PackResult,
	examples: Example[],
	workDir: string,
	options: Options,
) {
	const tag = line.line;
	const installed = await timed(
		tag,
		`install n8n ${line.n8n}`,
		() => ensureN8n(line, workDir),
		(r) => (r.installed ? `installed into ${r.dir}` : `cached (${relative(cacheRoot(), r.dir)})`),
	);
	if (!installed) return;
	const lineDir = join(workDir, `n8n-${tag}`);
	mkdirSync(lineDir, { recursive: true });
	const instance = createInstance(line, installed, lineDir);
	onCleanup(`log of ${tag}`, () => new Promise<void>((done) => instance.log.end(done)));

	const packageOk = await timed(
		tag,
		'install packed package into <user folder>/.n8n/nodes',
		async () => {
			await installCommunityPackage(instance, pack.tarball);
			return true;
		},
	);
	if (!packageOk) return;

	const sandbox = await timed(
		tag,
		'start sandbox',
		async () => {
			const sb = await startSandbox({ port: 0 });
			onCleanup(`sandbox ${tag}`, () => sb.close());
			return sb;
		},
		(sb) => sb.url,
	);
	if (!sandbox) return;
	// The stand-in LLM of the AI Agent step (agentCheck.ts), on a free port.
	const model = await startScriptedModel();
	onCleanup(`scripted chat model ${tag}`, () => model.close());

	const nodeType = pack.nodeTypes.length
		? `${PACKAGE_NAME}.${pack.nodeTypes[0].name}`
		: (examples
				.flatMap((e) => e.workflow.nodes.map((n) => n.type))
				.find((t) => t.startsWith(`${PACKAGE_NAME}.`)) ?? `${PACKAGE_NAME}.?`);
	const editorExample = examples.find(
		(e) => e.workflow.nodes.some((n) => n.type === nodeType) && !e.problems.length,
	);
	const imported = await timed(
		tag,
		'import credential + workflows',
		async () => {
			await importCredentials(
				instance,
				[
					...sandboxCredentials(examples, sandbox),
					...mcpCredentials(examples),
					...agentCredentials(model),
				],
				lineDir,
			);
			// One `import:workflow --separate` for all of them: each n8n command takes seconds to start.
			const dir = join(lineDir, 'workflows');
			mkdirSync(dir, { recursive: true });
			const names: string[] = [];
			for (const example of examples) {
				if (example.problems.some((p) => p.startsWith(`${example.workflowFile} is not valid JSON`)))
					continue;
				// n8n wants `active` on import in some versions; the examples are never active (trigger examples
				// are activated below, with the CLI, polling every few seconds: triggerCheck.ts).
				const workflow = isTriggerExample(example) ? forActivation(example) : example.workflow;
				writeFileSync(
					join(dir, `${example.name}.json`),
					JSON.stringify({ active: false, ...workflow }, null, 2),
				);
				names.push(example.name);
			}
			const toActivate: string[] = [];
			if (hasTrigger(pack)) {
				const credential = credentialRefs(examples, CREDENTIAL_TYPE)[0] ?? {
					id: 'dingtalkSandbox1',
					name: 'DingTalk Sandbox',
				};
				const workflow = triggerWorkflow(credential, sandbox.seed.users[1].unionId);
				writeFileSync(
					join(dir, 'trigger-check.json'),
					JSON.stringify({ active: false, ...workflow }, null, 2),
				);
				names.push('trigger-check');
				toActivate.push(
					TRIGGER_WORKFLOW_ID,
					...examples.filter(isTriggerExample).map((e) => String(e.workflow.id)),
				);
			}
			const triggerEditor = triggerForEditor(examples);
			if (triggerEditor && line.editorCheck && options.editor) {
				// Inactive, with the example's own Poll Times: the trigger as a user sets it up.
				writeFileSync(
					join(dir, 'trigger-editor.json'),
					JSON.stringify(triggerEditor.workflow, null, 2),
				);
				names.push('trigger-editor');
			}
			if (editorExample && line.editorCheck && options.editor) {
				const unionId = sandbox.seed.users[0].unionId;
				const copy = editorWorkflow(editorExample, nodeType, unionId);
				writeFileSync(
					join(dir, 'editor-check.json'),
					JSON.stringify({ active: false, ...copy }, null, 2),
				);
				names.push('editor-check');
			}
			if (pack.nodeTypes.length) {
				const credential = credentialRefs(examples, CREDENTIAL_TYPE)[0] ?? {
					id: 'dingtalkSandbox1',
					name: 'DingTalk Sandbox',
				};
				const unionId = sandbox.seed.users[0].unionId;
				const workflow = httpRequestWorkflow({ sandboxUrl: sandbox.url, unionId, credential });
				writeFileSync(
					join(dir, 'http-request.json'),
					JSON.stringify({ active: false, ...workflow }, null, 2),
				);
				names.push('http-request');
				// Issue 12: On Error modes with Concurrency (onErrorCheck.ts).
				for (const [k, onError] of onErrorWorkflows(credential).entries()) {
					writeFileSync(
						join(dir, `on-error-${k}.json`),
						JSON.stringify({ active: false, ...onError }, null, 2),
					);
				}
				names.push('on-error (3)');
				writeFileSync(
					join(dir, 'ai-agent.json'),
					JSON.stringify({ active: false, ...agentWorkflow(credential) }, null, 2),
				);
				names.push('ai-agent');
			}
			await importWorkflows(instance, dir);
			// Trigger-started examples (the MCP server, the rebook trigger) run only when active: activated before n8n start.
			for (const example of examples.filter((e) => e.trigger && !e.problems.length)) {
				const id = String(example.workflow.id);
				if (!toActivate.includes(id)) toActivate.push(id);
			}
			if (toActivate.length) await activateWorkflows(instance, toActivate);
			return names;
		},
		(names) => names.join(', '),
	);
	if (!imported) return;

	// n8n start: what the editor sees.
	const loaded = await runServerChecks(
		instance,
		line,
		pack,
		examples,
		editorExample,
		sandbox,
		nodeType,
		lineDir,
		options,
	);

	for (const example of examples) {
		const step = `workflow ${example.name}`;
		if (example.problems.length) {
			record({
				line: tag,
				step,
				outcome: 'FAIL',
				ms: 0,
				note: example.problems[0],
				detail: example.problems.join('\n'),
			});
			continue;
		}
		if (loaded === false) {
			record({
				line: tag,
				step,
				outcome: 'SKIP',
				ms: 0,
				note: NOT_LOADED,
			});
			continue;
		}
		if (example.trigger || isTriggerExample(example)) {
			const where = isTriggerExample(example)
				? 'run activated in "trigger (activated, polling)"'
				: 'checked by its own step';
			record({
				line: tag,
				step,
				outcome: 'SKIP',
				ms: 0,
				note: `started by ${example.trigger ?? 'a trigger'}: not for n8n execute; ${where}`,
			});
			continue;
		}
		await timed(
			tag,
			step,
			async () => {
				await resetSandbox(sandbox);
				const { result, output } = await executeWorkflow(instance, String(example.workflow.id));
				const problems: string[] = [];
				const runError = output?.data?.resultData?.error;
				if (result.code !== 0 || !output || runError) {
					const why = runError
						? `${runError.message ?? ''} ${runError.description ?? ''}`.trim()
						: '';
					throw new Error(
						describeCliFailure(
							`n8n execute --id ${example.workflow.id}`,
							result,
							instance.logPath,
						) +
							(why ? `\n    workflow error: ${why}` : '') +
							(!output && result.code === 0 ? '\n    (no run JSON in its output)' : ''),
					);
				}
				const expected = example.expected!;
				const items = nodeItems(output, expected.node);
				if (!items) {
					const ran = Object.keys(output.data?.resultData?.runData ?? {});
					throw new Error(
						`node "${expected.node}" did not run (nodes that ran: ${ran.join(', ') || 'none'})`,
					);
				}
				problems.push(
					...(await checkExpectation(
						expected,
						items,
						async (eventId) => await roomsOf(sandbox.url, eventId),
					)),
				);
				if (problems.length)
					throw new Error(`${problems.join('\n    ')}\n    n8n log: ${instance.logPath}`);
				const errors = expected.items.filter((i) => 'error' in i).length;
				const events =
					Object.keys(expected.sandbox?.events ?? {}).length +
					(expected.sandbox?.eventsFromOutput?.length ?? 0);
				return `${items.length} items${errors ? ` (${errors} expected errors)` : ''}, ${events} sandbox event(s) checked, n8n ${seconds(result.ms)}`;
			},
			(note) => note,
		);
	}
	/** A check that needs our package loaded in n8n: skipped, and said so, when it was not. */
	const packageCheck = async (step: string, check: () => Promise<string>): Promise<void> => {
		if (loaded === false || !pack.nodeTypes.length) {
			record({ line: tag, step, outcome: 'SKIP', ms: 0, note: NOT_LOADED });
			return;
		}
		await timed(tag, step, check, (note) => note);
	};
	await packageCheck('HTTP Request node + DingTalk credential', async () => {
		await resetSandbox(sandbox);
		return await checkHttpRequestNode(instance, sandbox.url);
	});
	// Issue 12: what a failed item means per On Error mode (onErrorCheck.ts).
	await packageCheck(
		'On Error: Stop Workflow / error output, Concurrency 5',
		async () =>
			await checkOnError(instance, {
				url: sandbox.url,
				reset: async () => await resetSandbox(sandbox),
				roomsOf: async (eventId) => await roomsOf(sandbox.url, eventId),
			}),
	);
	await packageCheck('AI Agent + our tool (scripted chat model)', async () => {
		await resetSandbox(sandbox);
		model.requests.length = 0;
		const { result, output } = await executeWorkflow(instance, AGENT_WORKFLOW_ID);
		const runError = output?.data?.resultData?.error;
		if (result.code !== 0 || !output || runError) {
			const why = runError ? `${runError.message ?? ''} ${runError.description ?? ''}`.trim() : '';
			throw new Error(
				describeCliFailure(`n8n execute --id ${AGENT_WORKFLOW_ID}`, result, instance.logPath) +
					(why ? `\n    workflow error: ${why}` : ''),
			);
		}
		return await checkAgentRun(nodeItems(output, 'AI Agent'), model, sandbox);
	});
	await model.close();
	await sandbox.close();
}

/**
 * For the editor's trigger screenshots: an inactive copy of the first trigger-started example (the
 * imported example itself is active and polls every few seconds for the trigger check).
 */
function triggerForEditor(
	examples: Example[],
): { workflowId: string; nodeName: string; workflow: WorkflowJson } | undefined {
	const example = examples.find(isTriggerExample);
	const node = example?.workflow.nodes.find(
		(n) => n.type === `${PACKAGE_NAME}.dingTalkCalendarTrigger`,
	);
	if (!example || !node) return undefined;
	const workflowId = `${String(example.workflow.id).slice(0, 28)}Editor`;
	const workflow = {
		...example.workflow,
		active: false,
		id: workflowId,
		name: `${example.workflow.name ?? example.name} (editor check)`,
	};
	return { workflowId, nodeName: node.name, workflow };
}

/** Whether the packed package has the DingTalk Calendar Trigger (then triggerCheck.ts runs). */
function hasTrigger(pack: PackResult): boolean {
	return pack.nodeTypes.some((type) => type.name === 'dingTalkCalendarTrigger');
}

/** The rooms an event holds now, from the sandbox's control API. */
async function roomsOf(sandboxUrl: string, eventId: string): Promise<string[]> {
	const response = await fetch(`${sandboxUrl}/__sandbox/events/${encodeURIComponent(eventId)}`);
	if (!response.ok)
		throw new Error(`sandbox: GET /__sandbox/events/${eventId} answered ${response.status}`);
	const event = (await response.json()) as { meetingRooms?: Array<{ roomId: string }> };
	return (event.meetingRooms ?? []).map((room) => room.roomId);
}

/** Returns false when n8n did not load our package (the workflows are then not run). */
async function runServerChecks(
	instance: N8nInstance,
	line: N8nLine,
	pack: PackResult,
	examples: Example[],
	editorExample: Example | undefined,
	sandbox: RunningSandbox,
	nodeType: string,
	lineDir: string,
	options: Options,
): Promise<boolean | undefined> {
	const tag = line.line;
	const server = await timed(
		tag,
		'n8n start + owner account',
		async () => {
			const s = await startN8n(instance);
			const cookie = await setupOwner(s.url);
			return { ...s, cookie };
		},
		(s) => s.url,
	);
	if (!server) return undefined;
	try {
		let typesLoaded = true;
		let ourNodes: NodeTypeDescription[] = [];
		const loaded = await timed(
			tag,
			'n8n loaded node, credential, icons',
			async () => {
				try {
					const result = await checkLoaded(
						instance,
						server.url,
						server.cookie,
						pack,
						examples,
						server.output,
					);
					ourNodes = result.nodes;
					return result;
				} catch (error) {
					typesLoaded = (error as { typesLoaded?: boolean }).typesLoaded ?? false;
					ourNodes = (error as { nodes?: NodeTypeDescription[] }).nodes ?? [];
					throw error;
				}
			},
			(r) => `${r.nodes.map((n) => n.name).join(', ')}; ${r.icons} icons served`,
		);
		// Only icons missing: the editor check and the workflows still run (and should be seen to).
		if (!loaded && !typesLoaded) return false;
		if (!line.editorCheck || !options.editor) {
			record({
				line: tag,
				step: 'editor (Chromium)',
				outcome: 'SKIP',
				ms: 0,
				note: options.editor ? 'not enabled for this line' : '--no-editor',
			});
		} else if (!editorExample) {
			record({
				line: tag,
				step: 'editor (Chromium)',
				outcome: 'FAIL',
				ms: 0,
				note: `no usable example workflow with ${nodeType}`,
			});
		} else {
			const chromium = await findChromium(lineDir);
			if (!chromium.path) {
				record({
					line: tag,
					step: 'editor (Chromium)',
					outcome: 'FAIL',
					ms: 0,
					note: chromium.why,
					detail: chromium.why,
				});
			} else {
				const description = ourNodes.find((n) => n.name === nodeType);
				await timed(
					tag,
					'editor (Chromium)',
					() =>
						editorCheck({
							browserPath: chromium.path!,
							url: server.url,
							cookie: server.cookie,
							line: tag,
							example: editorExample,
							editorWorkflowId: `${String(editorExample.workflow.id).slice(0, 28)}Editor`,
							nodeType,
							description: description!,
							seed: sandbox.seed,
							screenshotsDir: join(REPO, 'docs', 'images'),
							workDir: lineDir,
							logPath: instance.logPath,
							trigger: triggerForEditor(examples),
						}),
					(r) => r.summary,
				);
			}
		}
		// Examples served by the MCP Server Trigger, driven by the MCP SDK against this same n8n (mcpCheck.ts).
		for (const example of examples.filter((e) => isMcpExample(e) && !e.problems.length)) {
			await timed(
				tag,
				`MCP client (SDK): ${example.name}`,
				async () => {
					await resetSandbox(sandbox);
					const result = await mcpCheck({ n8nUrl: server.url, example, sandbox });
					writeFileSync(
						join(lineDir, `mcp-tools-${example.name}.json`),
						JSON.stringify(result, null, 2),
					);
					return result.summary;
				},
				(summary) => summary,
			);
		}
		if (hasTrigger(pack)) {
			// The workflows activated before `n8n start`: one execution per change, none twice (triggerCheck.ts).
			await timed(
				tag,
				'trigger (activated, polling)',
				() =>
					checkTrigger({
						instance,
						url: server.url,
						cookie: server.cookie,
						sandboxUrl: sandbox.url,
						unionId: sandbox.seed.users[1].unionId,
						examples,
					}),
				(note) => note,
			);
		}
		if (options.hold) {
			console.error(
				`[e2e] --hold: n8n ${tag} at ${server.url} (sign in as ${OWNER.email} / ${OWNER.password}), ` +
					`sandbox ${sandbox.url}. Ctrl-C to stop.`,
			);
			await new Promise<void>(() => undefined);
		}
		return loaded ? true : undefined;
	} finally {
		await server.stop();
	}
}

const printTable = (): void => steps.print();

async function main(): Promise<number> {
	const options = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const workDir = mkdtempSync(join(tmpdir(), 'n8n-dingtalk-e2e-'));
	installSignalHandlers(() => {
		printTable();
		console.log(`\ninterrupted; logs and user folders kept in ${workDir}`);
	});
	console.error(`[e2e] work folder (logs, user folders): ${workDir}`);
	console.error(`[e2e] n8n cache: ${cacheRoot()}`);
	try {
		pruneCache(N8N_LINES);
		const pack = await timed(
			'-',
			'build, pack, check + lint tarball',
			async () => {
				const result = await buildAndPack(REPO, workDir);
				if (result.problems.length && !options.pastPackProblems)
					throw new Error(result.problems.join('\n'));
				return result;
			},
			(p) =>
				p.problems.length
					? `${p.problems.length} problem(s), going on (--past-pack-problems)`
					: `${p.files.length} files, ${p.nodeTypes.map((n) => n.name).join(', ')} + ${p.credentialTypes.map((c) => c.name).join(', ')}`,
		);
		if (pack?.problems.length) {
			// Still a failure, shown in full, but n8n gets to say what it makes of the package.
			rows[rows.length - 1].outcome = 'FAIL';
			rows[rows.length - 1].detail = pack.problems.join('\n');
		}
		const examples = loadExamples(join(REPO, 'examples'));
		if (!examples.length) {
			record({
				line: '-',
				step: 'examples',
				outcome: 'FAIL',
				ms: 0,
				note: 'no examples/*.workflow.json to run',
			});
		}
		if (pack) {
			for (const line of options.lines) await runLine(line, pack, examples, workDir, options);
		}
	} catch (error) {
		steps.recordCrash('e2e run', error);
	} finally {
		await cleanupAll();
	}
	if (!steps.printSummary(started, `logs and user folders kept in ${workDir}`)) return 1;
	if (options.keep) console.log(`work folder kept: ${workDir}`);
	else rmSync(workDir, { recursive: true, force: true });
	console.log('all e2e checks passed');
	return 0;
}

runMain(main);
