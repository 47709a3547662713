import { startSandbox, type RunningSandbox } from '../../sandbox';
import { cloneSeed } from '../../sandbox/seed';
import { shutdownN8nCore } from './engine';
import { SandboxClient } from './sandboxClient';

export interface SandboxSuite {
	/** The sandbox of this suite (available from beforeAll on). */
	readonly sandbox: RunningSandbox;
	/** Control API and DingTalk API set-up for the tests; usable right away, attached in beforeAll. */
	readonly dingtalk: SandboxClient;
}

/**
 * The life cycle every engine suite shares: one sandbox on a free port for the suite, reset to the
 * default seed before each test (a plain reset would keep the seed of the last reset, which a test may
 * have changed), and stopped after all, with n8n-core's timers, so jest exits cleanly.
 */
export function useSandbox(options: { resetBeforeEach?: boolean } = {}): SandboxSuite {
	let sandbox: RunningSandbox | undefined;
	const dingtalk = new SandboxClient('');
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		dingtalk.attach(sandbox.url);
	});
	afterAll(async () => {
		await sandbox?.close();
		shutdownN8nCore();
	});
	if (options.resetBeforeEach !== false) {
		beforeEach(async () => {
			await dingtalk.reset(cloneSeed());
		});
	}
	return {
		get sandbox() {
			if (!sandbox) throw new Error('the sandbox starts in beforeAll');
			return sandbox;
		},
		dingtalk,
	};
}
