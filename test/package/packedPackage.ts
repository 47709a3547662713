/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');

/**
 * Builds the package, packs it with npm and unpacks the tarball into a fresh node_modules, the way n8n
 * installs a community package. n8n-workflow and luxon are linked in from this repo: in n8n the host
 * provides them (n8n 1.x and 2.x put their own node_modules on NODE_PATH for community packages).
 * Returns the unpacked package's folder.
 */
export function buildAndUnpack(): string {
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'pipe' });
	const work = mkdtempSync(join(tmpdir(), 'dingtalk-pack-'));
	execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], {
		cwd: repoRoot,
		stdio: 'pipe',
	});
	const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack produced no tarball');
	const modules = join(work, 'node_modules');
	const target = join(modules, 'n8n-nodes-dingtalk-calendar');
	mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', target, '--strip-components=1']);
	symlinkSync(join(repoRoot, 'node_modules', 'n8n-workflow'), join(modules, 'n8n-workflow'), 'dir');
	symlinkSync(join(repoRoot, 'node_modules', 'luxon'), join(modules, 'luxon'), 'dir');
	return target;
}
