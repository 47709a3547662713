// Checks what `npm pack` would publish: the files n8n loads (package.json's n8n section and their icons),
// and nothing that must not ship (sources, tests, the sandbox, build info).
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const [report] = JSON.parse(
	execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
	}),
);
const files = new Set(report.files.map((f) => f.path));
const problems = [];

for (const path of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
	if (!files.has(path)) problems.push(`missing ${path} (listed in package.json n8n section)`);
}
for (const path of files) {
	if (/\.(ts)$/.test(path) && !path.endsWith('.d.ts'))
		problems.push(`TypeScript source in tarball: ${path}`);
	if (/^(sandbox|test|examples|scripts)\//.test(path))
		problems.push(`dev-only file in tarball: ${path}`);
	if (path.endsWith('tsbuildinfo')) problems.push(`build info in tarball: ${path}`);
}
const icons = [...files].filter((p) => p.endsWith('.svg'));
if (icons.length < 4)
	problems.push(
		`expected light and dark icons for node and credential, found: ${icons.join(', ') || 'none'}`,
	);

if (problems.length) {
	console.error(`npm pack check failed:\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log(
	`npm pack check passed: ${files.size} files, ${(report.size / 1024).toFixed(1)} kB packed`,
);
