import type { DingTalkClient } from '../transport/client';

/**
 * What one node run already read and will not change within the run (the room directory, room
 * details, room groups), kept per client, i.e. per run, so that every item of the run shares it.
 */
const runCache = new WeakMap<DingTalkClient, Map<string, Promise<unknown>>>();

export async function cachedForRun<T>(client: DingTalkClient, key: string, load: () => Promise<T>): Promise<T> {
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
		// A failure is not kept: the next item asks DingTalk again.
		entry.catch(() => store.delete(key));
	}
	return await entry;
}
