import type { DingTalkClient } from '../../../shared/transport/client';

/**
 * What one node run already read and will not change within the run (the room directory, room
 * details, room groups), kept per client, i.e. per run, so that every item of the run shares it.
 */
const runCache = new WeakMap<DingTalkClient, Map<string, Promise<unknown>>>();

/** The values already loaded, for readers that must not wait or call (e.g. to name a room in a message). */
const loaded = new WeakMap<DingTalkClient, Map<string, unknown>>();

/** What the run already loaded under keys starting with `prefix`; never calls DingTalk. */
export function loadedForRun(client: DingTalkClient, prefix: string): unknown[] {
	return [...(loaded.get(client)?.entries() ?? [])]
		.filter(([key]) => key.startsWith(prefix))
		.map(([, value]) => value);
}

export async function cachedForRun<T>(
	client: DingTalkClient,
	key: string,
	load: () => Promise<T>,
): Promise<T> {
	let cache = runCache.get(client);
	if (!cache) {
		cache = new Map();
		runCache.set(client, cache);
	}
	let entry = cache.get(key) as Promise<T> | undefined;
	if (!entry) {
		const store = cache;
		entry = load();
		store.set(key, entry);
		entry.then(
			(value) => {
				if (!loaded.has(client)) loaded.set(client, new Map());
				loaded.get(client)!.set(key, value);
			},
			() => undefined,
		);
		// A failure is not kept: the next item asks DingTalk again.
		entry.catch(() => store.delete(key));
	}
	return await entry;
}
