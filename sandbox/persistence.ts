/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-restricted-globals */
/**
 * `--state FILE`: the sandbox state survives restarts. Writes are debounced and asynchronous (no
 * per-request disk I/O) and atomic (write a temp file in the same directory, then rename over the target).
 * A file that cannot be read back is a start-up error and is never overwritten.
 */
import { existsSync, readFileSync } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';

import type { StateFile } from './runtime';

export class StateFileError extends Error {
	constructor(path: string, reason: string) {
		super(
			`Cannot use sandbox state file ${path}: ${reason}. The file was left untouched; ` +
				'fix or delete it, or pass another --state path.',
		);
		this.name = 'StateFileError';
	}
}

/** Read a state file; `undefined` when it does not exist. Throws StateFileError when it is unusable. */
export function readStateFile(path: string): StateFile | undefined {
	if (!existsSync(path)) return undefined;
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (e) {
		throw new StateFileError(path, `it cannot be read (${(e as Error).message})`);
	}
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (e) {
		throw new StateFileError(path, `it is not valid JSON (${(e as Error).message})`);
	}
	const s = data as Partial<StateFile> | null;
	if (!s || typeof s !== 'object' || s.format !== 'dingtalk-sandbox-state') {
		throw new StateFileError(path, 'it is not a DingTalk sandbox state file');
	}
	if (s.version !== 1) throw new StateFileError(path, `unsupported version ${String(s.version)}`);
	if (!s.seed || !s.model || typeof s.clockOffsetMs !== 'number' || !Array.isArray(s.idempotency)) {
		throw new StateFileError(path, 'it is missing seed, model, clockOffsetMs or idempotency');
	}
	return s as StateFile;
}

export class StatePersister {
	private timer: NodeJS.Timeout | undefined;
	private writing: Promise<void> | undefined;
	private dirty = false;
	private counter = 0;
	lastError: Error | undefined;

	constructor(
		readonly path: string,
		private readonly snapshot: () => StateFile,
		private readonly debounceMs = 200,
	) {}

	/** Note a change; a write follows within `debounceMs`. */
	schedule(): void {
		this.dirty = true;
		if (this.timer) return;
		this.timer = setTimeout(() => {
			this.timer = undefined;
			void this.drain();
		}, this.debounceMs);
		this.timer.unref();
	}

	/** Write until nothing is dirty; one write at a time. */
	private async drain(): Promise<void> {
		while (this.dirty) {
			if (this.writing) {
				await this.writing;
				continue;
			}
			this.dirty = false;
			this.writing = this.writeOnce().finally(() => {
				this.writing = undefined;
			});
			await this.writing;
		}
	}

	private async writeOnce(): Promise<void> {
		const tmp = `${this.path}.${process.pid}.${++this.counter}.tmp`;
		try {
			await writeFile(tmp, JSON.stringify(this.snapshot()), 'utf8');
			await rename(tmp, this.path);
			this.lastError = undefined;
		} catch (e) {
			this.lastError = e as Error;
			await unlink(tmp).catch(() => undefined);
		}
	}

	/** Write the current state now (after any write in progress). */
	async flush(): Promise<void> {
		if (this.timer) {
			clearTimeout(this.timer);
			this.timer = undefined;
		}
		this.dirty = true;
		await this.drain();
		if (this.writing) await this.writing;
		if (this.lastError) throw this.lastError;
	}
}
