/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import type {
	ICredentialType,
	INodeProperties,
	INodePropertyCollection,
	INodeTypeDescription,
} from 'n8n-workflow';

import { ERROR_CATALOGUE } from '../../nodes/shared/transport/errors/catalogue';
import { ERRORS } from '../../sandbox/errors';

/**
 * README.zh-CN.md is the Chinese twin of README.md. What README.md names, README.zh-CN.md must name too,
 * in the same (English) words n8n shows: every node, resource → operation, field and option of every
 * node and credential the package declares (read from the nodes' own descriptions, so nothing drifts),
 * every DingTalk permission code, every DingTalk error code the node explains, every `npm run` command
 * and every environment variable.
 */
const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const en = read('README.md');
const zh = read('README.zh-CN.md');
const pkg = JSON.parse(read('package.json')) as { n8n: { nodes: string[]; credentials: string[] } };

/** `dist/nodes/X/X.node.js` → the source it is built from. */
const sourceOf = (distPath: string) =>
	join(root, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));

type Constructor = new () => unknown;
async function instances(distPaths: string[]): Promise<unknown[]> {
	const found: unknown[] = [];
	for (const path of distPaths) {
		const exports = (await import(sourceOf(path))) as Record<string, unknown>;
		for (const value of Object.values(exports)) {
			if (typeof value !== 'function' || !/^class\b/.test(Function.prototype.toString.call(value)))
				continue;
			try {
				found.push(new (value as Constructor)());
			} catch {
				// An exported class that needs arguments (an error type, say) is neither a node nor a credential.
			}
		}
	}
	return found;
}

/** A node's descriptions: one, or one per version of a versioned node. */
function nodeDescriptions(instance: unknown): INodeTypeDescription[] {
	const node = instance as {
		description?: INodeTypeDescription;
		nodeVersions?: Record<string, { description: INodeTypeDescription }>;
	};
	if (node.nodeVersions)
		return Object.values(node.nodeVersions).map((version) => ({
			...node.description,
			...version.description,
		}));
	return node.description ? [node.description] : [];
}

/** Without n8n's lint-mandated suffix: "Rooms Names or IDs" is "Rooms" in the docs. */
const plain = (displayName: string) => displayName.replace(/ Names? or IDs?$/, '');

/** Field names (display names) and option names, through collections and fixed collections. */
function namesIn(
	properties: Array<INodeProperties | INodePropertyCollection>,
	fields: Set<string>,
	options: Set<string>,
) {
	for (const property of properties) {
		fields.add(plain(property.displayName));
		if ('values' in property) {
			namesIn(property.values, fields, options);
			continue;
		}
		for (const option of property.options ?? []) {
			if ('displayName' in option)
				namesIn([option as INodeProperties | INodePropertyCollection], fields, options);
			else if ('name' in option && typeof option.name === 'string') options.add(option.name);
		}
	}
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether `text` names `name` as a phrase of its own: not inside a longer word, and not only as part of
 * a longer name that contains it ("Get" is not named by "Get Many", "Event" not by "Add to Event").
 */
function names(text: string, name: string, allNames: Iterable<string>): boolean {
	let masked = text;
	const longer = [...allNames].filter(
		(other) => other.length > name.length && other.includes(name),
	);
	for (const other of longer.sort((a, b) => b.length - a.length))
		masked = masked.split(other).join('\u0000');
	return new RegExp(`(^|[^A-Za-z0-9])${escape(name)}(?=$|[^A-Za-z0-9])`).test(masked);
}

/** The markdown headings of a text. */
const headings = (text: string) => text.split('\n').filter((line) => /^#{2,6} /.test(line));

/** Every ts file under a folder. */
function tsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) return tsFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

interface Catalogue {
	nodes: INodeTypeDescription[];
	credentials: ICredentialType[];
	/** Resource display name → operation display names ('' when a node has no resources). */
	operations: Array<{ node: string; resource: string; operation: string }>;
	fields: Set<string>;
	options: Set<string>;
	all: Set<string>;
}

async function catalogue(): Promise<Catalogue> {
	const nodes = (await instances(pkg.n8n.nodes)).flatMap(nodeDescriptions);
	const credentials = (await instances(pkg.n8n.credentials)).filter(
		(instance): instance is ICredentialType =>
			Array.isArray((instance as ICredentialType).properties),
	);
	const fields = new Set<string>();
	const options = new Set<string>();
	const operations: Catalogue['operations'] = [];
	for (const node of nodes) {
		namesIn(node.properties, fields, options);
		const resource = node.properties.find((p) => p.name === 'resource' && p.type === 'options');
		const resourceName = (value: unknown) =>
			resource?.options?.find((o) => 'value' in o && o.value === value)?.name ?? '';
		for (const property of node.properties.filter(
			(p) => p.name === 'operation' && p.type === 'options',
		)) {
			const shownFor = (property.displayOptions?.show?.resource as unknown[] | undefined) ?? [
				undefined,
			];
			for (const value of shownFor) {
				for (const option of property.options ?? []) {
					if ('value' in option)
						operations.push({
							node: node.displayName,
							resource: resourceName(value),
							operation: option.name,
						});
				}
			}
		}
	}
	for (const credential of credentials) namesIn(credential.properties, fields, options);
	const all = new Set([
		...nodes.map((n) => n.displayName),
		...credentials.map((c) => c.displayName),
		...fields,
		...options,
	]);
	return { nodes, credentials, operations, fields, options, all };
}

describe('README.zh-CN.md mirrors README.md', () => {
	let docs: Catalogue;
	beforeAll(async () => {
		docs = await catalogue();
	});

	it('each links to the other, README.md from its top', () => {
		expect(en.split('\n').slice(0, 5).join('\n')).toContain('(README.zh-CN.md)');
		expect(zh.split('\n').slice(0, 5).join('\n')).toContain('(README.md)');
	});

	it('reads the nodes and credentials package.json declares', () => {
		expect(docs.nodes.length).toBeGreaterThanOrEqual(pkg.n8n.nodes.length);
		expect(docs.credentials.length).toBe(pkg.n8n.credentials.length);
		expect(docs.operations.length).toBeGreaterThan(0);
	});

	it('both name every node and credential', () => {
		const missing = [
			...docs.nodes.map((n) => n.displayName),
			...docs.credentials.map((c) => c.displayName),
		].flatMap((name) => [
			...(names(en, name, docs.all) ? [] : [`README.md: ${name}`]),
			...(names(zh, name, docs.all) ? [] : [`README.zh-CN.md: ${name}`]),
		]);
		expect(missing).toEqual([]);
	});

	it('both have a heading "<Resource> → …" naming every operation of every node', () => {
		const missing: string[] = [];
		for (const { node, resource, operation } of docs.operations) {
			for (const [file, text] of [
				['README.md', en],
				['README.zh-CN.md', zh],
			]) {
				const found = headings(text).some((heading) => {
					if (!resource) return names(heading, operation, docs.all);
					const at = heading.indexOf(`${resource} →`);
					return at >= 0 && names(heading.slice(at + resource.length + 2), operation, docs.all);
				});
				if (!found)
					missing.push(`${file}: ${node} ${resource ? `${resource} → ` : ''}${operation}`);
			}
		}
		expect(missing).toEqual([]);
	});

	it('names every field and option that README.md names, as n8n shows it', () => {
		const named = [...docs.fields, ...docs.options].filter((name) => names(en, name, docs.all));
		expect(named.length).toBeGreaterThan(40);
		expect(named.filter((name) => !names(zh, name, docs.all))).toEqual([]);
	});

	it('names every DingTalk permission code of README.md and of the node transports', () => {
		const inReadme = en.match(/\b[A-Z][A-Za-z]*(?:\.[A-Z][A-Za-z]*){2,}/g) ?? [];
		const declared = tsFiles(join(root, 'nodes')).flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(/\bpermission: '([^']+)'/g)].map((m) => m[1]),
		);
		expect(declared.length).toBeGreaterThan(0);
		const missing = [
			...new Set(inReadme.filter((code) => !zh.includes(code))),
			...new Set(
				declared.filter((code) => !en.includes(`\`${code}\``)).map((code) => `README.md: ${code}`),
			),
			...new Set(
				declared
					.filter((code) => !zh.includes(`\`${code}\``))
					.map((code) => `README.zh-CN.md: ${code}`),
			),
		];
		expect(missing).toEqual([]);
	});

	it("has every DingTalk error code the node explains, and the sandbox catalogue's documented codes", () => {
		const cases = ERROR_CATALOGUE.flatMap((entry) =>
			entry.code === undefined ? [] : ([] as string[]).concat(entry.code),
		);
		const prefixes = ERROR_CATALOGUE.flatMap((entry) => entry.codePrefix ?? []);
		const credential = read('credentials/DingTalkApi.credentials.ts');
		const hints = credential.slice(credential.indexOf('const TOKEN_ERROR_HINTS'));
		const tokenCodes = [...hints.slice(0, hints.indexOf('};')).matchAll(/^\t(\w+):/gm)].map(
			(m) => m[1],
		);
		const sandbox = Object.values(ERRORS)
			.filter((error) => !('invented' in error))
			.map((error) => error.code);
		expect(cases.length).toBeGreaterThan(10);
		expect(tokenCodes).toEqual(expect.arrayContaining(['invalidClientIdOrSecret']));
		const codes = new Set([...cases, ...tokenCodes, ...sandbox]);
		expect([...codes].filter((code) => !zh.includes(`\`${code}`))).toEqual([]);
		expect(prefixes.filter((prefix) => !zh.includes(`\`${prefix}`))).toEqual([]);
	});

	it('names every npm command and environment variable of README.md', () => {
		const commands = en.match(/\bnpm (?:run [\w:.-]+|test|ci|pack)\b/g) ?? [];
		const variables = [...en.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+)/g)].map((m) => m[1]);
		expect(commands).toContain('npm run sandbox');
		expect([...new Set([...commands, ...variables])].filter((term) => !zh.includes(term))).toEqual(
			[],
		);
	});

	it("walks through the DingTalk developer console's Chinese menus", () => {
		for (const menu of ['应用开发', '凭证与基础信息', '权限管理', '版本管理与发布'])
			expect(zh).toContain(menu);
	});
});
