/**
 * The model's part of the state file (`--state`): tokens and each org's events and counters. The
 * directory is never saved: it always comes from the seed.
 */
import type { Org } from './orgs';
import { reindex } from './roomHolds';
import type { ModelState } from './state';
import type { EventRecord, TokenRecord } from './types';
import { isObject } from './validate';

export interface OrgSnapshot {
	corpId: string;
	seq: number;
	/** Absent in state files written before sync tokens could be invalidated (= 0). */
	syncEpoch?: number;
	createdPerDay: Array<[string, number]>;
	events: EventRecord[];
}

export interface ModelSnapshot {
	tokens: TokenRecord[];
	orgs: OrgSnapshot[];
}

export function takeSnapshot(m: ModelState): ModelSnapshot {
	return {
		tokens: m.tokens.snapshot(),
		orgs: Array.from(m.orgs.values(), (org) => ({
			corpId: org.corpId,
			seq: org.seq,
			syncEpoch: org.syncEpoch,
			createdPerDay: Array.from(org.createdPerDay.entries()),
			events: Array.from(
				org.events.values(),
				(ev) => JSON.parse(JSON.stringify(ev)) as EventRecord,
			),
		})),
	};
}

/** Replace tokens and events with a snapshot's. */
export function restoreSnapshot(m: ModelState, snapshot: ModelSnapshot): void {
	if (!isObject(snapshot) || !Array.isArray(snapshot.tokens) || !Array.isArray(snapshot.orgs)) {
		throw new Error('snapshot must have "tokens" and "orgs" arrays');
	}
	m.tokens.restore(snapshot.tokens);
	for (const o of snapshot.orgs) {
		const org: Org | undefined = m.orgs.get(o.corpId);
		if (!org) throw new Error(`snapshot org ${o.corpId} is not in the seed`);
		if (!Array.isArray(o.events) || typeof o.seq !== 'number')
			throw new Error(`snapshot org ${o.corpId} is malformed`);
		org.events.clear();
		for (const ev of o.events) {
			if (!isObject(ev) || typeof ev.id !== 'string' || !Array.isArray(ev.meetingRooms)) {
				throw new Error(`snapshot org ${o.corpId} has a malformed event`);
			}
			org.events.set(ev.id, ev);
		}
		org.seq = o.seq;
		org.syncEpoch = typeof o.syncEpoch === 'number' ? o.syncEpoch : 0;
		org.createdPerDay = new Map(o.createdPerDay ?? []);
		reindex(org);
	}
}
