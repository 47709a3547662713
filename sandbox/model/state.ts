/**
 * What every entity module of the model works on: the orgs, the clock, the token store, the limits and
 * the change hook. `SandboxModel` is one and passes itself (moto's split backends share `self` the same
 * way), so a limit or `strictTimestamps` changed at run time is seen by every module at once.
 */
import type { SandboxClock } from './clock';
import type { Org } from './orgs';
import type { TokenStore } from './tokens';
import type { EventRecord } from './types';

export interface ModelLimits {
	/** CreateEvent quota per organizer per (Asia/Shanghai) day → 400 flowLimit. */
	eventsPerUserPerDay: number;
	/** Rooms per event (existing + new) for AddMeetingRooms. */
	maxRoomsPerEvent: number;
	/** roomIds per GetMeetingRoomsSchedule call (the real limit is unpublished; reference §4.16). */
	roomScheduleMaxRooms: number;
	/** userIds per GetSchedule call. */
	userScheduleMaxUsers: number;
	/** Free/busy window cap, in days. */
	scheduleMaxDays: number;
}

export const DEFAULT_LIMITS: ModelLimits = {
	eventsPerUserPerDay: 100,
	maxRoomsPerEvent: 5,
	roomScheduleMaxRooms: 5,
	userScheduleMaxUsers: 20,
	scheduleMaxDays: 90,
};

export interface ModelState {
	readonly orgs: Map<string, Org>;
	readonly clock: SandboxClock;
	readonly tokens: TokenStore;
	limits: ModelLimits;
	/**
	 * Opt-in: reject filter times (ListEvents timeMin/timeMax, free/busy startTime/endTime) without
	 * milliseconds, as a community report says the live API does (reference §2.8, UNCERTAIN).
	 */
	strictTimestamps: boolean;
	/** Called after every state change (persistence hooks in here). */
	onChange?: () => void;
}

export function changed(m: ModelState): void {
	m.onChange?.();
}

/** Record a change to an event: it moves to the end of the org's change order (sync tokens). */
export function touch(m: ModelState, org: Org, ev: EventRecord): void {
	ev.seq = ++org.seq;
	ev.updatedMs = m.clock.now();
	changed(m);
}
