/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error */
/**
 * Step 1: build, `npm pack`, and check the tarball the way a user's n8n and n8n's verification see it:
 * - every path in package.json `n8n.nodes` / `n8n.credentials` is in the tarball;
 * - each of those files loads, exports a node/credential class, and every `file:` icon it names is in
 *   the tarball next to it;
 * - the official lint (`n8n-node lint`) on an unpacked copy of the tarball (it lints the packed
 *   package.json with the community rules; the template config ignores `dist/`);
 * - the lint n8n's verification scanner (`@n8n/scan-community-package`) runs on a published tarball:
 *   community-nodes `recommended` + `no-console` over the tarball's `**\/*.js` and package.json, with
 *   inline `eslint-disable` comments ignored.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

import { lastLines } from './install';
import { openLog, run } from './proc';

export interface PackResult {
	tarball: string;
	/** The tarball unpacked (`<workDir>/tarball/package`). */
	unpacked: string;
	files: string[];
	nodeTypes: Array<{ file: string; name: string; displayName: string }>;
	credentialTypes: Array<{ file: string; name: string }>;
	/** What is wrong with the tarball (empty: nothing). The run stops on these unless told to go on. */
	problems: string[];
}

export class PackError extends Error {}

export async function buildAndPack(repo: string, workDir: string): Promise<PackResult> {
	const logPath = join(workDir, 'pack.log');
	const log = openLog(logPath);
	try {
		const build = await run('npm', ['run', 'build'], { cwd: repo, log, timeoutMs: 10 * 60_000 });
		if (build.code !== 0) {
			throw new PackError(
				`npm run build failed:\n    ${lastLines(build.stdout + build.stderr, 15)}\n    log: ${logPath}`,
			);
		}
		const packDir = join(workDir, 'tarball');
		mkdirSync(packDir, { recursive: true });
		const pack = await run(
			'npm',
			['pack', '--json', `--pack-destination=${packDir}`, '--ignore-scripts'],
			{
				cwd: repo,
				log,
				timeoutMs: 5 * 60_000,
			},
		);
		if (pack.code !== 0)
			throw new PackError(
				`npm pack failed:\n    ${lastLines(pack.stderr, 10)}\n    log: ${logPath}`,
			);
		const packed = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{
			filename: string;
			files: Array<{ path: string }>;
		}>;
		const tarball = join(packDir, packed[0].filename);
		const files = packed[0].files.map((f) => f.path).sort();

		const unpacked = join(packDir, 'package');
		const untar = await run('tar', ['-xzf', tarball, '-C', packDir], { log });
		if (untar.code !== 0) throw new PackError(`could not unpack ${tarball}: ${untar.stderr}`);

		const problems: string[] = [];
		const listed = checkFileList(unpacked, files);
		if (listed.length) problems.push(`the tarball is broken:\n    - ${listed.join('\n    - ')}`);

		// The unpacked copy resolves n8n-workflow, eslint and node-cli from the repo's node_modules.
		symlinkSync(join(repo, 'node_modules'), join(unpacked, 'node_modules'), 'dir');
		const loaded = await loadTypes(unpacked, log, logPath);
		if (loaded.problems.length) {
			problems.push(
				`the packed package does not load cleanly:\n    - ${loaded.problems.join('\n    - ')}`,
			);
		}
		problems.push(...(await lintTarball(repo, unpacked, log, logPath)));
		return {
			tarball,
			unpacked,
			files,
			nodeTypes: loaded.nodeTypes,
			credentialTypes: loaded.credentialTypes,
			problems,
		};
	} finally {
		log.end();
	}
}

interface Manifest {
	name: string;
	version: string;
	main?: string;
	n8n?: { nodes?: string[]; credentials?: string[]; n8nNodesApiVersion?: number };
}

/** What must hold for n8n to find our code in the tarball, checked on the file list. */
function checkFileList(unpacked: string, files: string[]): string[] {
	const problems: string[] = [];
	const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as Manifest;
	const have = new Set(files);
	const nodes = manifest.n8n?.nodes ?? [];
	const credentials = manifest.n8n?.credentials ?? [];
	if (!nodes.length) problems.push('package.json has no n8n.nodes: n8n would load nothing');
	for (const [kind, list, suffix] of [
		['n8n.nodes', nodes, '.node.js'],
		['n8n.credentials', credentials, '.credentials.js'],
	] as const) {
		for (const path of list) {
			const normalised = path.replace(/^\.\//, '');
			if (!have.has(normalised)) {
				const dir = normalised.split('/').slice(0, -1).join('/');
				const near = files.filter((f) => f.startsWith(`${dir}/`) && f.endsWith(suffix));
				const like = files.filter((f) => f.endsWith(suffix));
				problems.push(
					`package.json ${kind} lists "${path}", which is not in the tarball` +
						(near.length
							? ` (that folder has: ${near.join(', ')})`
							: like.length
								? ` (the tarball has: ${like.join(', ')})`
								: ''),
				);
			} else if (!normalised.endsWith(suffix)) {
				problems.push(`package.json ${kind} entry "${path}" does not end in ${suffix}`);
			}
		}
	}
	for (const file of files) {
		if (file.endsWith('tsconfig.tsbuildinfo'))
			problems.push(`the tarball ships ${file} (add "!${file}" to "files")`);
		if (/(^|\/)(test|__tests__)\//.test(file) || /\.test\.js$/.test(file))
			problems.push(`the tarball ships a test file: ${file}`);
	}
	if (manifest.main && !have.has(manifest.main.replace(/^\.\//, ''))) {
		problems.push(`package.json "main" is "${manifest.main}", which is not in the tarball`);
	}
	return problems;
}

/** Loads every node and credential file of the tarball in a fresh Node process, as n8n would. */
async function loadTypes(
	unpacked: string,
	log: ReturnType<typeof openLog>,
	logPath: string,
): Promise<Pick<PackResult, 'nodeTypes' | 'credentialTypes' | 'problems'>> {
	const script = `
const fs = require('node:fs');
const path = require('node:path');
const root = process.cwd();
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = { nodeTypes: [], credentialTypes: [], problems: [] };
function iconFiles(icon) {
	if (!icon) return [];
	if (typeof icon === 'string') return [icon];
	return [icon.light, icon.dark].filter(Boolean);
}
function checkIcons(kind, file, name, icon) {
	const list = iconFiles(icon);
	if (!list.length) out.problems.push(kind + ' "' + name + '" (' + file + ') has no icon');
	for (const entry of list) {
		if (!entry.startsWith('file:')) continue;
		const iconPath = path.join(path.dirname(path.join(root, file)), entry.slice(5));
		if (!fs.existsSync(iconPath)) {
			out.problems.push(kind + ' "' + name + '" (' + file + ') names icon "' + entry + '", but ' + path.relative(root, iconPath) + ' is not in the tarball');
		}
	}
}
function load(file) {
	let mod;
	try {
		mod = require(path.join(root, file));
	} catch (error) {
		const at = (error.stack || '').split('\\n').find((l) => l.includes(root)) || '';
		out.problems.push('loading ' + file + ' throws: ' + error.message.split('\\n')[0] + (at ? ' (' + at.trim() + ')' : ''));
		return [];
	}
	const instances = [];
	for (const [exportName, value] of Object.entries(mod)) {
		if (typeof value !== 'function') continue;
		try {
			instances.push([exportName, new value()]);
		} catch (error) {
			out.problems.push('new ' + exportName + '() from ' + file + ' throws: ' + error.message);
		}
	}
	return instances;
}
for (const file of (manifest.n8n && manifest.n8n.nodes) || []) {
	const found = load(file).filter(([, i]) => i && (i.description || i.nodeVersions));
	if (!found.length && !out.problems.some((p) => p.includes(file))) out.problems.push(file + ' exports no node class (a class with a description)');
	for (const [, node] of found) {
		const descriptions = node.nodeVersions ? Object.values(node.nodeVersions).map((v) => v.description) : [node.description];
		for (const d of descriptions) {
			out.nodeTypes.push({ file, name: d.name, displayName: d.displayName });
			checkIcons('node', file, d.name, d.icon || (node.description && node.description.icon));
		}
	}
}
for (const file of (manifest.n8n && manifest.n8n.credentials) || []) {
	const found = load(file).filter(([, i]) => i && typeof i.name === 'string' && Array.isArray(i.properties));
	if (!found.length && !out.problems.some((p) => p.includes(file))) out.problems.push(file + ' exports no credential class');
	for (const [, cred] of found) {
		out.credentialTypes.push({ file, name: cred.name });
		checkIcons('credential', file, cred.name, cred.icon);
	}
}
process.stdout.write(JSON.stringify(out));
`;
	const result = await run(process.execPath, ['-e', script], {
		cwd: unpacked,
		log,
		timeoutMs: 60_000,
	});
	let parsed: Pick<PackResult, 'nodeTypes' | 'credentialTypes'> & { problems: string[] };
	try {
		parsed = JSON.parse(result.stdout);
	} catch {
		throw new PackError(
			`loading the packed node files failed:\n    ${lastLines(result.stderr, 10)}\n    log: ${logPath}`,
		);
	}
	return parsed;
}

async function lintTarball(
	repo: string,
	unpacked: string,
	log: ReturnType<typeof openLog>,
	logPath: string,
): Promise<string[]> {
	const problems: string[] = [];
	// Official lint, strict mode: it needs the template's eslint.config.mjs and tsconfig.json.
	for (const file of ['eslint.config.mjs', 'tsconfig.json'])
		cpSync(join(repo, file), join(unpacked, file));
	const cli = join(repo, 'node_modules', '.bin', 'n8n-node');
	const official = await run(cli, ['lint'], {
		cwd: unpacked,
		log,
		timeoutMs: 5 * 60_000,
		env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
	});
	if (official.code !== 0) {
		problems.push(
			`n8n-node lint on the unpacked tarball failed:\n    ${lastLines(stripAnsi(official.stdout + official.stderr), 20)}\n    log: ${logPath}`,
		);
	}
	// The verification scanner's tarball lint.
	const scan = await run(process.execPath, ['-e', SCANNER_LINT], {
		cwd: unpacked,
		log,
		timeoutMs: 5 * 60_000,
	});
	if (scan.code !== 0) {
		problems.push(
			`the verification scanner's lint (community-nodes recommended + no-console on the tarball's .js, inline disables ignored) failed:\n    ` +
				`${lastLines(scan.stdout + scan.stderr, 20)}\n    log: ${logPath}`,
		);
	}
	return problems;
}

/** Runs in the unpacked tarball; eslint and the plugin come from node-cli's own dependency tree. */
const SCANNER_LINT = `
const { createRequire } = require('node:module');
const path = require('node:path');
const cliRequire = createRequire(path.join(process.cwd(), 'node_modules', '@n8n', 'node-cli', 'package.json'));
const { ESLint } = cliRequire('eslint');
const tseslint = cliRequire('typescript-eslint');
(async () => {
	const { n8nCommunityNodesPlugin } = await import(cliRequire.resolve('@n8n/eslint-plugin-community-nodes'));
	const recommended = n8nCommunityNodesPlugin.configs.recommended;
	const eslint = new ESLint({
		cwd: process.cwd(),
		overrideConfigFile: true,
		allowInlineConfig: false,
		overrideConfig: [
			{ ignores: ['node_modules/**'] },
			{ ...recommended, files: ['**/*.js'], rules: { ...recommended.rules, 'no-console': 'error' } },
			{
				...recommended,
				files: ['package.json'],
				languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
			},
		],
	});
	const results = await eslint.lintFiles(['**/*.js', 'package.json']);
	let errors = 0;
	for (const r of results) {
		for (const m of r.messages) {
			if (m.severity === 2) errors++;
			console.log(path.relative(process.cwd(), r.filePath) + ':' + m.line + ' ' + (m.severity === 2 ? 'error' : 'warning') + ' ' + m.message.split('\\n')[0] + ' (' + m.ruleId + ')');
		}
	}
	console.log(results.length + ' files linted, ' + errors + ' errors');
	process.exit(errors ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
`;

function stripAnsi(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** Files of a folder, relative (for messages). */
export function listFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	const out: string[] = [];
	const walk = (d: string) => {
		for (const entry of readdirSync(d, { withFileTypes: true })) {
			if (entry.name === 'node_modules') continue;
			const full = join(d, entry.name);
			if (entry.isDirectory()) walk(full);
			else out.push(relative(dir, full));
		}
	};
	walk(dir);
	return out;
}
