/**
 * Structural validation of a seed (from a file, the control API or code): a bad seed is a clear error,
 * never a half-built sandbox.
 */
import { appId, type SandboxSeed, type SeedRoomGroup } from './types';
import { isObject, isSafeId } from './validate';

export class SeedError extends Error {
	constructor(message: string) {
		super(`Invalid sandbox seed: ${message}`);
		this.name = 'SeedError';
	}
}

function need(cond: unknown, message: string): asserts cond {
	if (!cond) throw new SeedError(message);
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** Structural validation of a seed (from a file, the control API or code). Throws SeedError. */
export function validateSeed(input: unknown): SandboxSeed {
	need(isObject(input), 'expected an object {apps, users, roomGroups, rooms, events}');
	for (const key of ['apps', 'users', 'roomGroups', 'rooms', 'events']) {
		need(Array.isArray(input[key]), `"${key}" must be an array`);
	}
	const seed = input as unknown as SandboxSeed;
	need(seed.apps.length > 0, 'at least one app is required');
	const appIds = new Set<string>();
	seed.apps.forEach((app, i) => {
		need(isObject(app), `apps[${i}] must be an object`);
		if (app.type === 'internal') {
			need(isStr(app.appKey) && isStr(app.appSecret), `apps[${i}] needs appKey and appSecret`);
		} else if (app.type === 'thirdParty') {
			need(
				isStr(app.suiteKey) && isStr(app.suiteSecret) && isStr(app.suiteTicket),
				`apps[${i}] needs suiteKey, suiteSecret and suiteTicket`,
			);
		} else {
			throw new SeedError(`apps[${i}].type must be "internal" or "thirdParty"`);
		}
		need(isStr(app.corpId), `apps[${i}].corpId is required`);
		need(typeof app.name === 'string', `apps[${i}].name must be a string`);
		need(
			app.permissions === undefined ||
				(Array.isArray(app.permissions) && app.permissions.every(isStr)),
			`apps[${i}].permissions must be an array of strings`,
		);
		const id = appId(app);
		need(!appIds.has(id), `duplicate app key ${id}`);
		appIds.add(id);
	});
	const defaultCorp = seed.apps[0].corpId;
	const corpOf = (x: { corpId?: string }): string => x.corpId ?? defaultCorp;

	const users = new Set<string>();
	seed.users.forEach((u, i) => {
		need(isObject(u), `users[${i}] must be an object`);
		need(
			isStr(u.unionId) && isSafeId(u.unionId),
			`users[${i}].unionId must be a non-empty id without / ? # %`,
		);
		need(isStr(u.userId), `users[${i}].userId is required`);
		need(typeof u.name === 'string', `users[${i}].name must be a string`);
		const key = `${corpOf(u)}|${u.unionId}`;
		need(!users.has(key), `duplicate user ${u.unionId}`);
		users.add(key);
	});

	const groups = new Map<string, SeedRoomGroup>();
	seed.roomGroups.forEach((g, i) => {
		need(isObject(g), `roomGroups[${i}] must be an object`);
		need(isInt(g.groupId) && g.groupId > 0, `roomGroups[${i}].groupId must be a positive integer`);
		need(isInt(g.parentId) && g.parentId >= 0, `roomGroups[${i}].parentId must be an integer >= 0`);
		need(typeof g.groupName === 'string', `roomGroups[${i}].groupName must be a string`);
		const key = `${corpOf(g)}|${g.groupId}`;
		need(!groups.has(key), `duplicate group ${g.groupId}`);
		groups.set(key, g);
	});
	for (const g of seed.roomGroups) {
		need(
			g.parentId === 0 || groups.has(`${corpOf(g)}|${g.parentId}`),
			`group ${g.groupId} has unknown parent ${g.parentId}`,
		);
	}

	const rooms = new Set<string>();
	seed.rooms.forEach((r, i) => {
		need(isObject(r), `rooms[${i}] must be an object`);
		need(
			isStr(r.roomId) && isSafeId(r.roomId),
			`rooms[${i}].roomId must be a non-empty id without / ? # %`,
		);
		need(typeof r.roomName === 'string', `rooms[${i}].roomName must be a string`);
		need(
			isInt(r.roomCapacity) && r.roomCapacity >= 0,
			`rooms[${i}].roomCapacity must be an integer`,
		);
		need(isInt(r.groupId), `rooms[${i}].groupId must be an integer`);
		need(
			r.groupId === 0 || groups.has(`${corpOf(r)}|${r.groupId}`),
			`room ${r.roomId} has unknown group ${r.groupId}`,
		);
		need(
			Array.isArray(r.labels) && r.labels.every((l) => typeof l === 'string'),
			`rooms[${i}].labels must be strings`,
		);
		need(typeof r.needsApproval === 'boolean', `rooms[${i}].needsApproval must be a boolean`);
		need(typeof r.open === 'boolean', `rooms[${i}].open must be a boolean`);
		need(
			r.closeReason === undefined || typeof r.closeReason === 'string',
			`rooms[${i}].closeReason must be a string`,
		);
		need(
			r.roomStatus === undefined || [0, 1, 2].includes(r.roomStatus),
			`rooms[${i}].roomStatus must be 0, 1 or 2`,
		);
		const key = `${corpOf(r)}|${r.roomId}`;
		need(!rooms.has(key), `duplicate room ${r.roomId}`);
		rooms.add(key);
	});

	const events = new Set<string>();
	seed.events.forEach((e, i) => {
		need(isObject(e), `events[${i}] must be an object`);
		need(
			isStr(e.eventId) && isSafeId(e.eventId),
			`events[${i}].eventId must be a non-empty id without / ? # %`,
		);
		need(!events.has(e.eventId), `duplicate event ${e.eventId}`);
		events.add(e.eventId);
		need(
			users.has(`${corpOf(e)}|${e.organizerUnionId}`),
			`event ${e.eventId}: unknown organizer ${e.organizerUnionId}`,
		);
		need(isStr(e.summary), `event ${e.eventId}: summary is required`);
		need(
			isStr(e.start) && isStr(e.end),
			`event ${e.eventId}: start and end are required ISO-8601 strings`,
		);
		need(Array.isArray(e.roomIds), `event ${e.eventId}: roomIds must be an array`);
		need(e.roomIds.length <= 5, `event ${e.eventId}: at most 5 rooms`);
		for (const roomId of e.roomIds) {
			need(rooms.has(`${corpOf(e)}|${roomId}`), `event ${e.eventId}: unknown room ${roomId}`);
		}
		for (const a of e.attendeeUnionIds ?? []) {
			need(users.has(`${corpOf(e)}|${a}`), `event ${e.eventId}: unknown attendee ${a}`);
		}
	});
	return seed;
}
