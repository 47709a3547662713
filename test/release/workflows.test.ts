/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

/**
 * The GitHub Actions workflows cannot run here: these tests read them as GitHub does (YAML) and check
 * what matters for a release: when each runs, what it may do, and that every command it calls exists.
 */
const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const packageJson = JSON.parse(read('package.json')) as {
	version: string;
	scripts: Record<string, string>;
	devDependencies: Record<string, string>;
};

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	'runs-on': string;
	permissions?: Record<string, string>;
	strategy?: { matrix?: Record<string, unknown[]> };
	container?: string | { image: string };
	steps: Step[];
}
interface Workflow {
	name: string;
	on: Record<string, { branches?: string[]; tags?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

const ci = parse(read('.github/workflows/ci.yml')) as Workflow;
const publish = parse(read('.github/workflows/publish.yml')) as Workflow;

const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);
const runText = (workflow: Workflow) =>
	steps(workflow)
		.map((step) => step.run ?? '')
		.join('\n');
/** `npm run X` and `npm run-script X` in a shell text. */
const npmScriptsCalled = (text: string) =>
	[...text.matchAll(/\bnpm run(?:-script)? ([\w:.-]+)/g)].map((m) => m[1]);

/** GitHub's filter globs for tags: `*` is any run of characters but `/`. */
function globMatches(glob: string, name: string): boolean {
	const literal = (part: string) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
	const pattern = glob
		.split('**')
		.map((part) => part.split('*').map(literal).join('[^/]*'))
		.join('.*');
	return new RegExp(`^${pattern}$`).test(name);
}

describe('.github/workflows/ci.yml', () => {
	it('runs on every push to main and on every pull request', () => {
		expect(ci.on.push?.branches).toContain('main');
		expect(Object.keys(ci.on)).toContain('pull_request');
	});

	it('tests on Node 20 and 22', () => {
		const [job] = Object.values(ci.jobs);
		expect(job.strategy?.matrix?.node).toEqual(expect.arrayContaining([20, 22]));
		const image = typeof job.container === 'string' ? job.container : job.container?.image;
		expect(image).toContain('${{ matrix.node }}');
	});

	it('runs .ci/run, which exists and is executable', () => {
		expect(runText(ci)).toMatch(/(^|\s)(bash )?\.ci\/run\b/);
		expect(() => accessSync(join(root, '.ci', 'run'), constants.X_OK)).not.toThrow();
	});

	it('only reads the repository', () => {
		expect(ci.permissions).toEqual({ contents: 'read' });
	});

	it('calls only npm scripts that exist (its own steps and .ci/run)', () => {
		const called = [...npmScriptsCalled(runText(ci)), ...npmScriptsCalled(read('.ci/run'))];
		expect(called.length).toBeGreaterThan(0);
		for (const script of called) expect(packageJson.scripts).toHaveProperty([script]);
	});
});

describe('.github/workflows/publish.yml', () => {
	it('runs on version tags only, with or without a leading v', () => {
		expect(Object.keys(publish.on)).toEqual(['push']);
		const { tags, branches } = publish.on.push ?? {};
		expect(branches).toBeUndefined();
		const matches = (name: string) => (tags ?? []).some((glob) => globMatches(glob, name));
		expect(matches('v0.2.0')).toBe(true);
		expect(matches('0.2.0')).toBe(true);
		expect(matches('v1.0.0-rc.1')).toBe(true);
		expect(matches('main')).toBe(false);
		expect(matches('release-candidate')).toBe(false);
	});

	it('may mint an OIDC token (provenance, trusted publishing) and only read the repository', () => {
		const [job] = Object.values(publish.jobs);
		expect({ ...publish.permissions, ...job.permissions }).toEqual({
			'id-token': 'write',
			contents: 'read',
		});
	});

	it('publishes with npm run release, falling back to an NPM_TOKEN secret when one is set', () => {
		const release = steps(publish).find((step) => /\bnpm run release\b/.test(step.run ?? ''));
		expect(release).toBeDefined();
		expect(release?.env?.NPM_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
		expect(release?.run).toMatch(
			/if \[ -n "\$NPM_TOKEN" \]; then npm config set \/\/registry\.npmjs\.org\/:_authToken "\$NPM_TOKEN"; fi/,
		);
	});

	it('installs with npm ci and tests before it publishes', () => {
		const runs = steps(publish).map((step) => step.run ?? '');
		const at = (pattern: RegExp) => runs.findIndex((run) => pattern.test(run));
		expect(at(/\bnpm ci\b/)).toBeGreaterThanOrEqual(0);
		expect(at(/\bnpm test\b/)).toBeGreaterThan(at(/\bnpm ci\b/));
		expect(at(/\bnpm run release\b/)).toBeGreaterThan(at(/\bnpm test\b/));
	});

	it('uses npm 11 (trusted publishing needs npm >= 11.5.1) on a Node line CI tests', () => {
		expect(runText(publish)).toMatch(/npm install --global npm@11\b/);
		const setup = steps(publish).find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(Object.values(ci.jobs)[0].strategy?.matrix?.node).toContain(
			setup?.with?.['node-version'],
		);
	});

	it('calls only npm scripts that exist', () => {
		for (const script of npmScriptsCalled(runText(publish)))
			expect(packageJson.scripts).toHaveProperty([script]);
	});
});

describe('npm run release', () => {
	const script = join(root, 'scripts', 'release.js');
	/** The release script with the given CI variables and none of the runner's own. */
	const runRelease = (env: Record<string, string>) => {
		const clean = Object.fromEntries(
			Object.entries(process.env).filter(([key]) => !key.startsWith('GITHUB_')),
		);
		return spawnSync(process.execPath, [script], {
			cwd: root,
			env: { ...clean, ...env },
			encoding: 'utf8',
		});
	};

	it('is scripts/release.js, which hands over to n8n-node release (lint, build, publish with provenance)', () => {
		expect(packageJson.scripts.release).toBe('node scripts/release.js');
		expect(read('scripts/release.js')).toMatch(/\[cli, 'release'\]/);
		// n8n-node release publishes with provenance from 0.23 on.
		const [major, minor] = packageJson.devDependencies['@n8n/node-cli'].split('.').map(Number);
		expect(major > 0 || minor >= 23).toBe(true);
	});

	it('outside GitHub Actions runs nothing and says how to cut a release', () => {
		const result = runRelease({});
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('GitHub Actions only');
		expect(result.stderr).toContain('README.md, "Releasing"');
	});

	it('refuses a tag that does not name package.json version, before anything runs', () => {
		const result = runRelease({
			GITHUB_ACTIONS: 'true',
			GITHUB_REF_TYPE: 'tag',
			GITHUB_REF_NAME: 'v999.0.0',
		});
		expect(result.status).toBe(1);
		expect(result.stderr).toContain(`does not name package.json's version ${packageJson.version}`);
	});

	it('CHANGELOG.md has a section for package.json version and an Unreleased section', () => {
		const changelog = read('CHANGELOG.md');
		expect(changelog).toMatch(/^## \[Unreleased\]/m);
		expect(changelog).toContain(`## [${packageJson.version}]`);
	});
});
