// `npm run release`: what .github/workflows/publish.yml runs on a version tag.
//
// In GitHub Actions it checks that the tag names package.json's version and that CHANGELOG.md has a
// dated section for it, then hands over to `n8n-node release` (@n8n/node-cli), which runs `npm run lint`,
// `npm run build` and `npm publish` with an npm provenance statement (n8n verifies only packages
// published that way).
//
// Anywhere else it runs nothing: `n8n-node release` on a workstation would fetch release-it and let
// auto-changelog rewrite CHANGELOG.md, and a package published from a workstation has no provenance.
// It prints the release steps (README.md, "Releasing") and exits 1.
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function fail(message) {
	console.error(message);
	process.exit(1);
}

if (process.env.GITHUB_ACTIONS !== 'true') {
	fail(
		[
			'npm run release publishes from GitHub Actions only (.github/workflows/publish.yml), with npm provenance.',
			'To cut a release: move the Unreleased notes of CHANGELOG.md under a new version heading, then',
			'  npm version <major|minor|patch>      # commits the version and tags it v<version>',
			'  git push --follow-tags               # the tag starts the Publish workflow',
			'See README.md, "Releasing".',
		].join('\n'),
	);
}

if (process.env.GITHUB_REF_TYPE === 'tag') {
	const tagVersion = (process.env.GITHUB_REF_NAME || '').replace(/^v/, '');
	if (tagVersion !== version) {
		fail(
			`Tag ${process.env.GITHUB_REF_NAME} does not name package.json's version ${version}: nothing published.`,
		);
	}
}

const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
const escaped = version.replace(/[.+]/g, '\\$&');
if (!new RegExp(`^## \\[${escaped}\\] - \\d{4}-\\d{2}-\\d{2}`, 'm').test(changelog)) {
	fail(
		`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section: describe and date the release before publishing it.`,
	);
}

// @n8n/node-cli exports no bin path, so its file is named directly.
const cli = join(root, 'node_modules', '@n8n', 'node-cli', 'bin', 'n8n-node.mjs');
const result = spawnSync(process.execPath, [cli, 'release'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
