/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error */
/**
 * Step 4: our node as a user sees it, in n8n's editor, in headless Chromium (Debian's `chromium`,
 * driven by playwright-core; no browser download).
 *
 * 1. the example workflow on the canvas, our node's icon loaded             → <line>-workflow.png
 * 2. our node opened; the Operation list shows the node's operations        → <line>-operations.png
 * 3. in the editor-check copy of the example (Organizer User ID set to the sandbox's first user):
 *    the Rooms picker lists the sandbox's rooms (loadOptions `getRooms`)    → <line>-rooms.png
 * 4. and the Event picker, From List, lists the user's events (listSearch) → <line>-events.png
 *
 * Any console error or uncaught exception in the page fails the check, except the known-benign
 * noise listed in BENIGN_CONSOLE_ERRORS (n8n asking for things a fresh, offline, unlicensed
 * instance does not have).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

import type { SandboxSeed } from '../../sandbox';
import type { Example } from './expectations';
import { aptInstall, onCleanup } from './proc';

export interface NodeDescriptionLike {
	name: string;
	properties?: Array<{
		name: string;
		type?: string;
		options?: Array<{ name: string; value: unknown }>;
		displayOptions?: { show?: Record<string, unknown[]> };
	}>;
}

export interface EditorCheckOptions {
	browserPath: string;
	url: string;
	/** The owner's auth cookie (`n8n-auth=…`) from the REST API. */
	cookie: string;
	line: string;
	example: Example;
	editorWorkflowId: string;
	nodeType: string;
	/** Our node as n8n serves it in /types/nodes.json. */
	description: NodeDescriptionLike;
	seed: SandboxSeed;
	screenshotsDir: string;
	workDir: string;
	logPath: string;
	/** A workflow started by the DingTalk Calendar Trigger, and that node's name: shown and screenshotted. */
	trigger?: { workflowId: string; nodeName: string };
}

/** Chromium flags these machines need (closed network, root, no GPU). */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

/**
 * Console errors that are not about our node: a fresh community-edition n8n without network access
 * logs these on every page. Matched against the message text plus the URL it refers to.
 */
export const BENIGN_CONSOLE_ERRORS: Array<{ pattern: RegExp; why: string }> = [
	{
		pattern: /\/rest\/ai\/sessions\/metadata|Failed to fetch sessions metadata|Plan lacks license/,
		why: 'the AI assistant asks for its sessions: 403, a licensed feature (n8n 1.x)',
	},
	{
		pattern: /\/executions\/last-successful/,
		why: 'the editor asks for the last successful run of a workflow never run in the editor: 404',
	},
	{
		pattern: /https:\/\/[a-z0-9.-]*n8n\.(io|cloud)\/|ERR_NAME_NOT_RESOLVED|Can't connect to n8n/,
		why: "n8n's own online services (banners, templates, community node list) are unreachable offline",
	},
];

export interface ChromiumLookup {
	path?: string;
	why: string;
}

/** The sandbox's rooms have Chinese names: without a CJK font the screenshots show boxes. */
const CJK_FONT_PACKAGE = 'fonts-wqy-microhei';

function hasCjkFont(): boolean {
	const fc = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
	return fc.status === 0 && fc.stdout.trim().length > 0;
}

/**
 * Debian's chromium (or $N8N_E2E_CHROMIUM), and a CJK font for readable screenshots. What is missing
 * is installed when we are root with apt-get (`apt-get update` once, then `apt-get install -y`);
 * otherwise the message says how.
 */
export async function findChromium(workDir: string): Promise<ChromiumLookup> {
	const path = process.env.N8N_E2E_CHROMIUM || '/usr/bin/chromium';
	const how =
		'install it with `apt-get install chromium` (Debian), or set N8N_E2E_CHROMIUM to a Chromium binary';
	const missing: string[] = [];
	if (!existsSync(path)) {
		if (process.env.N8N_E2E_CHROMIUM) return { why: `no browser at ${path}: ${how}` };
		missing.push('chromium');
	}
	if (!hasCjkFont()) missing.push(CJK_FONT_PACKAGE);
	if (!missing.length) return { path, why: '' };
	const logPath = await aptInstall(missing, workDir, 'e2e');
	if (logPath) {
		if (!existsSync(path))
			return { why: `apt-get install chromium failed (log ${logPath}); ${how}` };
	} else if (!existsSync(path)) {
		return { why: `no browser at ${path}: ${how}` };
	}
	if (!hasCjkFont()) {
		process.stderr.write(
			`[e2e] no CJK font: Chinese room names show as boxes in screenshots (apt-get install ${CJK_FONT_PACKAGE})\n`,
		);
	}
	return { path, why: '' };
}

interface ConsoleProblem {
	text: string;
	where: string;
}

function isBenign(problem: ConsoleProblem): boolean {
	const haystack = `${problem.text} ${problem.where}`;
	return BENIGN_CONSOLE_ERRORS.some((b) => b.pattern.test(haystack));
}

function firstLine(text: string): string {
	return text.split('\n')[0].trim();
}

export async function editorCheck(options: EditorCheckOptions): Promise<{ summary: string }> {
	const profile = mkdtempSync(join(options.workDir, 'chromium-profile-'));
	const shots = join(options.workDir, 'screenshots');
	mkdirSync(shots, { recursive: true });
	const context: BrowserContext = await chromium.launchPersistentContext(profile, {
		executablePath: options.browserPath,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 900 },
		locale: 'en-US',
		timezoneId: 'Asia/Shanghai',
	});
	const stop = onCleanup(`chromium (${options.line})`, async () => {
		await context.close().catch(() => undefined);
		rmSync(profile, { recursive: true, force: true });
	});
	const consoleProblems: ConsoleProblem[] = [];
	const steps: string[] = [];
	const screenshotNames: string[] = [];
	try {
		const [name, ...rest] = options.cookie.split('=');
		await context.addCookies([{ name, value: rest.join('='), url: options.url }]);
		const page = context.pages()[0] ?? (await context.newPage());
		page.setDefaultTimeout(30_000);
		page.on('console', (message) => {
			if (message.type() !== 'error') return;
			consoleProblems.push({ text: message.text(), where: message.location().url ?? '' });
		});
		page.on('pageerror', (error) =>
			consoleProblems.push({ text: `uncaught: ${error.message}`, where: error.stack ?? '' }),
		);
		// Every call the editor makes to our node's methods (loadOptions, listSearch), with its answer.
		const methodCalls: Array<{ method: string; status: number; body: string }> = [];
		page.on('response', (response) => {
			if (!response.url().includes('/rest/dynamic-node-parameters/')) return;
			const request = response.request().postData() ?? '';
			const method = /"methodName":"([^"]+)"/.exec(request)?.[1] ?? response.url();
			void response
				.text()
				.catch(() => '')
				.then((body) => methodCalls.push({ method, status: response.status(), body }));
		});
		const waitForMethod = async (method: string) => {
			const deadline = Date.now() + 30_000;
			for (;;) {
				const call = methodCalls.find((c) => c.method === method);
				if (call) {
					if (call.status >= 400)
						throw new Error(`n8n answered ${call.status} to ${method}: ${call.body.slice(0, 400)}`);
					return call;
				}
				if (Date.now() > deadline) throw new Error(`the editor never called ${method}`);
				await page.waitForTimeout(200);
			}
		};

		let unchanged = 0;
		const shot = async (label: string) => {
			const file = `n8n-${options.line.replace('.', '')}-${label}.png`;
			const path = join(shots, file);
			await page.screenshot({ path });
			mkdirSync(options.screenshotsDir, { recursive: true });
			const committed = join(options.screenshotsDir, file);
			// Keep the committed picture when only a few pixels differ (a blinking caret), so runs do
			// not rewrite docs/images for nothing; a real change in what the user sees replaces it.
			const difference = existsSync(committed)
				? await pixelDifference(context, committed, path)
				: 1;
			if (difference > 0.002) copyFileSync(path, committed);
			else unchanged++;
			screenshotNames.push(file);
		};
		const step = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
			try {
				const value = await fn();
				steps.push(what);
				return value;
			} catch (error) {
				const file = `failed-${steps.length + 1}.png`;
				await page.screenshot({ path: join(shots, file) }).catch(() => undefined);
				throw new Error(
					`editor: ${what}: ${firstLine((error as Error).message)}\n    screenshot of the page: ${join(shots, file)}` +
						`\n    n8n log: ${options.logPath}`,
				);
			}
		};

		const ourNode = options.example.workflow.nodes.find((n) => n.type === options.nodeType)!;
		const canvasNode = (p: Page) =>
			p.locator(`[data-test-id="canvas-node"][data-node-name="${cssString(ourNode.name)}"]`);

		// 1. The example workflow, with our node and its icon.
		await step(`open the example workflow ${options.example.workflow.id}`, async () => {
			await page.goto(`${options.url}/workflow/${options.example.workflow.id}`);
			await canvasNode(page).waitFor({ state: 'visible' });
		});
		await step(`our node's icon shows on the canvas`, async () => {
			const icon = canvasNode(page).locator('img').first();
			await icon.waitFor({ state: 'visible' });
			const deadline = Date.now() + 15_000;
			const loaded = () =>
				icon.evaluate((img) => {
					// this project's TypeScript has no DOM types
					const image = img as unknown as { complete: boolean; naturalWidth: number };
					return image.complete && image.naturalWidth > 0;
				});
			while (!(await loaded())) {
				if (Date.now() > deadline)
					throw new Error(`the icon ${await icon.getAttribute('src')} did not load`);
				await page.waitForTimeout(200);
			}
			const src = (await icon.getAttribute('src')) ?? '';
			if (!src.includes('/icons/n8n-nodes-dingtalk-calendar/'))
				throw new Error(`the node's icon is ${src}, not ours`);
		});
		await settle(page);
		await shot('workflow');

		// 2. Our node's parameters: the Resource and Operation lists.
		await step(`open node "${ourNode.name}"`, async () => {
			await canvasNode(page).dblclick();
			await page
				.locator('[data-test-id="parameter-input-operation"]')
				.waitFor({ state: 'visible' });
		});
		const resource = String(ourNode.parameters?.resource ?? '');
		const expectedOperations = operationNames(options.description, resource);
		const shownOperations = await step('the Operation list shows our operations', async () => {
			await openDropdown(page, page.locator('[data-test-id="parameter-input-operation"]'));
			const shown = await visibleOptionTitles(page, expectedOperations.length);
			const missing = expectedOperations.filter((o) => !shown.includes(o));
			const extra = shown.filter((o) => !expectedOperations.includes(o));
			if (missing.length || extra.length) {
				throw new Error(
					`Operation list shows [${shown.join(', ')}]; expected [${expectedOperations.join(', ')}]` +
						(missing.length ? `; missing ${missing.join(', ')}` : ''),
				);
			}
			return shown;
		});
		await settle(page);
		await shot('operations');
		await page.keyboard.press('Escape');

		// 3. + 4. The pickers that call our node's methods, in the editor-check copy.
		await step(`open the editor-check workflow ${options.editorWorkflowId}`, async () => {
			await page.goto(`${options.url}/workflow/${options.editorWorkflowId}`);
			await canvasNode(page).waitFor({ state: 'visible' });
			await canvasNode(page).dblclick();
			await page.locator('[data-test-id="parameter-input-roomIds"]').waitFor({ state: 'visible' });
		});
		const roomNames = options.seed.rooms.map((r) => r.roomName);
		const rooms = await step('the Rooms picker lists the sandbox rooms (getRooms)', async () => {
			await openDropdown(page, page.locator('[data-test-id="parameter-input-roomIds"]'));
			await waitForMethod('getRooms');
			const shown = await visibleOptionTitles(page, 1);
			const unknown = shown.filter((label) => !roomNames.some((n) => label.startsWith(n)));
			if (!shown.length) throw new Error('the Rooms picker is empty');
			if (unknown.length)
				throw new Error(
					`the Rooms picker shows rooms the sandbox does not have: ${unknown.join(', ')}`,
				);
			return shown;
		});
		await page.locator('.el-select-dropdown__item:visible').first().hover();
		await settle(page);
		await shot('rooms');
		await page.keyboard.press('Escape');

		const eventLocator = page.locator('[data-test-id="resource-locator-eventId"]');
		let events: string[] = [];
		if ((await eventLocator.count()) > 0) {
			const summaries = options.seed.events.map((e) => e.summary);
			events = await step(
				"the Event picker (From List) lists the organizer's events (searchEvents)",
				async () => {
					await page.locator('[data-test-id="parameter-input-eventId"]').click();
					await waitForMethod('searchEvents');
					const items = page.locator('[data-test-id="rlc-item"]');
					await items.first().waitFor({ state: 'visible' });
					const shown = (await items.allInnerTexts()).map(firstLine);
					const unknown = shown.filter((label) => !summaries.some((s) => label.startsWith(s)));
					if (unknown.length)
						throw new Error(
							`the Event picker shows events the sandbox does not have: ${unknown.join(', ')}`,
						);
					return shown;
				},
			);
			await settle(page);
			await shot('events');
			await page.keyboard.press('Escape');
		}

		// 5. The DingTalk Calendar Trigger: a workflow it starts, and its parameters.
		if (options.trigger) {
			const trigger = options.trigger;
			const triggerNode = page.locator(
				`[data-test-id="canvas-node"][data-node-name="${cssString(trigger.nodeName)}"]`,
			);
			await step(`open the trigger workflow ${trigger.workflowId}`, async () => {
				await page.goto(`${options.url}/workflow/${trigger.workflowId}`);
				await triggerNode.waitFor({ state: 'visible' });
			});
			await settle(page);
			await shot('trigger-workflow');
			await step(`open node "${trigger.nodeName}": Trigger On shows`, async () => {
				await triggerNode.dblclick();
				await page.locator('[data-test-id="parameter-input-events"]').waitFor({ state: 'visible' });
			});
			// Poll Times renders a moment later ("Loading fields..."); no tooltip in the picture.
			await page
				.getByText('Loading fields')
				.first()
				.waitFor({ state: 'hidden', timeout: 15_000 })
				.catch(() => undefined);
			await page.mouse.move(0, 0);
			await settle(page);
			await shot('trigger');
			await page.keyboard.press('Escape');
		}

		const failedCalls = methodCalls.filter((c) => c.status >= 400);
		if (failedCalls.length) {
			throw new Error(
				`the editor's calls to our node's methods failed:\n    ` +
					failedCalls
						.map((c) => `${c.method}: ${c.status} ${c.body.slice(0, 300)}`)
						.join('\n    ') +
					`\n    n8n log: ${options.logPath}`,
			);
		}
		const real = consoleProblems.filter((p) => !isBenign(p));
		if (real.length) {
			throw new Error(
				`the editor logged ${real.length} console error(s):\n    ` +
					real.map((p) => `${firstLine(p.text)}${p.where ? ` (${p.where})` : ''}`).join('\n    ') +
					`\n    n8n log: ${options.logPath}`,
			);
		}
		const benign = consoleProblems.length;
		return {
			summary:
				`${shownOperations.length} operation(s), ${rooms.length} rooms, ${events.length} events; ` +
				`${screenshotNames.length} screenshots in docs/images${unchanged ? ` (${unchanged} unchanged)` : ''}` +
				(benign ? `; ${benign} known-benign console errors ignored` : ''),
		};
	} finally {
		await stop();
	}
}

/** The operation names n8n shows for a resource (from the description n8n serves). */
function operationNames(description: NodeDescriptionLike, resource: string): string[] {
	const names: string[] = [];
	for (const property of description.properties ?? []) {
		if (property.name !== 'operation' || !property.options) continue;
		const resources = property.displayOptions?.show?.resource;
		if (resource && resources && !resources.includes(resource)) continue;
		names.push(...property.options.map((o) => o.name));
	}
	return names;
}

const DROPDOWN_OPTIONS =
	'.el-select-dropdown__item:visible, .el-select-dropdown li[role="option"]:visible';

/**
 * Clicks a select until its dropdown shows options: a click that lands while the node panel is
 * still animating open (n8n 2.x) focuses the field without opening it.
 */
async function openDropdown(page: Page, field: Locator): Promise<void> {
	for (let attempt = 1; ; attempt++) {
		await field.click();
		try {
			await page.locator(DROPDOWN_OPTIONS).first().waitFor({ state: 'visible', timeout: 5_000 });
			return;
		} catch (error) {
			if (attempt >= 4) throw error;
			await page.keyboard.press('Escape');
			await page.waitForTimeout(500);
		}
	}
}

/** Titles (first line) of the options of the open dropdown. */
async function visibleOptionTitles(page: Page, atLeast: number): Promise<string[]> {
	const options: Locator = page.locator(DROPDOWN_OPTIONS);
	await options.first().waitFor({ state: 'visible' });
	if (atLeast > 1) {
		await page
			.waitForFunction(
				`document.querySelectorAll('.el-select-dropdown__item').length >= ${atLeast}`,
			)
			.catch(() => undefined);
	}
	return [...new Set((await options.allInnerTexts()).map(firstLine).filter(Boolean))];
}

/** Lets animations and lazy images finish before a screenshot. */
async function settle(page: Page): Promise<void> {
	await page.waitForLoadState('networkidle').catch(() => undefined);
	// The node panel slides in: wait until it stops moving.
	const panel = page.locator('[data-test-id="ndv"], [data-test-id="ndv-modal"]').first();
	if ((await panel.count()) > 0) {
		let last = '';
		for (let i = 0; i < 25; i++) {
			const box = JSON.stringify(await panel.boundingBox().catch(() => null));
			if (box === last) break;
			last = box;
			await page.waitForTimeout(120);
		}
	}
	await page.waitForTimeout(300);
}

/**
 * Share of pixels that differ between two PNG files (1 when their sizes differ), computed in a
 * scratch page of the same browser: no image library needed.
 */
async function pixelDifference(
	context: BrowserContext,
	fileA: string,
	fileB: string,
): Promise<number> {
	const page = await context.newPage();
	try {
		const a = `data:image/png;base64,${readFileSync(fileA).toString('base64')}`;
		const b = `data:image/png;base64,${readFileSync(fileB).toString('base64')}`;
		const script = `(async ([a, b]) => {
			const load = (src) => new Promise((resolve, reject) => { const i = new Image(); i.onload = () => resolve(i); i.onerror = reject; i.src = src; });
			const [ia, ib] = await Promise.all([load(a), load(b)]);
			if (ia.width !== ib.width || ia.height !== ib.height) return 1;
			const pixels = (img) => { const c = document.createElement('canvas'); c.width = img.width; c.height = img.height; const x = c.getContext('2d'); x.drawImage(img, 0, 0); return x.getImageData(0, 0, img.width, img.height).data; };
			const pa = pixels(ia), pb = pixels(ib);
			let diff = 0;
			for (let i = 0; i < pa.length; i += 4) if (pa[i] !== pb[i] || pa[i + 1] !== pb[i + 1] || pa[i + 2] !== pb[i + 2]) diff++;
			return diff / (pa.length / 4);
		})`;
		return (await page.evaluate(`${script}(${JSON.stringify([a, b])})`)) as number;
	} catch {
		return 1;
	} finally {
		await page.close();
	}
}

function cssString(value: string): string {
	return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
