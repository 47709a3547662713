/* eslint-disable @typescript-eslint/no-explicit-any, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * The state model alone (no HTTP): tokens, events, rooms, free/busy, paging, recurrence, limits, seed
 * validation, and the idempotency / rate-limit / fault building blocks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	DingTalkError,
	cloneSeed,
	defaultSeed,
	ERRORS,
	EVENT_IDS,
	ROOM_IDS,
	SandboxModel,
	USER_IDS,
	validateSeed,
} from '../../sandbox';
import { SandboxClock } from '../../sandbox/model/clock';
import { FaultEngine, mulberry32 } from '../../sandbox/gateway/faults';
import { IdempotencyCache } from '../../sandbox/gateway/idempotency';
import { RateLimiter } from '../../sandbox/gateway/rateLimit';
import { occurrencesIn, seriesOverlap } from '../../sandbox/model/recurrence';
import { formatInZone, parseInstant } from '../../sandbox/model/time';
import type { AuthContext } from '../../sandbox/model/types';

const A = USER_IDS.alice;
const B = USER_IDS.bob;
const app = defaultSeed.apps[0] as { appKey: string; appSecret: string };

function fresh(now = Date.parse('2029-12-20T00:00:00Z')) {
	const clock = new SandboxClock(0, () => now);
	const model = new SandboxModel(cloneSeed(), clock);
	const { accessToken } = model.getAccessToken({ appKey: app.appKey, appSecret: app.appSecret });
	const auth = model.authenticate(accessToken);
	return { model, auth, clock, token: accessToken, advance: (s: number) => clock.advance(s) };
}

function expectError(fn: () => unknown, code: string, message?: string, status?: number): void {
	let err: unknown;
	try {
		fn();
	} catch (e) {
		err = e;
	}
	expect(err).toBeInstanceOf(DingTalkError);
	const de = err as DingTalkError;
	expect(de.code).toBe(code);
	if (message !== undefined) expect(de.message).toBe(message);
	if (status !== undefined) expect(de.status).toBe(status);
}

const at = (h: number, m = 0, day = '2030-01-20') =>
	`${day}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`;
const timed = (s: number, e: number, summary = 'x', day?: string) => ({
	summary,
	start: { dateTime: at(s, 0, day), timeZone: 'Asia/Shanghai' },
	end: { dateTime: at(e, 0, day), timeZone: 'Asia/Shanghai' },
});

function create(model: SandboxModel, auth: AuthContext, body: unknown, user: string = A): string {
	return model.createEvent(auth, user, 'primary', body).id as string;
}

describe('tokens', () => {
	it('returns the same internal-app token while valid, a new one after 7200 s of sandbox time', () => {
		const { model, token, advance } = fresh();
		expect(model.getAccessToken({ appKey: app.appKey, appSecret: app.appSecret })).toEqual({
			accessToken: token,
			expireIn: 7200,
		});
		expect(token).toMatch(/^[0-9a-f]{32}$/);
		advance(7199);
		expect(() => model.authenticate(token)).not.toThrow();
		// Re-fetching renewed it: 7199 s later it is still valid.
		model.getAccessToken({ appKey: app.appKey, appSecret: app.appSecret });
		advance(7199);
		expect(() => model.authenticate(token)).not.toThrow();
		advance(1);
		expectError(
			() => model.authenticate(token),
			'InvalidAuthentication',
			'不合法的access_token',
			400,
		);
		const next = model.getAccessToken({ appKey: app.appKey, appSecret: app.appSecret }).accessToken;
		expect(next).not.toBe(token);
		expect(model.tokensIssued).toBe(2);
	});

	it('rejects wrong keys and missing headers with the documented codes', () => {
		const { model } = fresh();
		expectError(
			() => model.getAccessToken({ appKey: app.appKey, appSecret: 'nope' }),
			'invalidClientIdOrSecret',
			'无效的clientId或者clientSecret',
		);
		expectError(
			() => model.getAccessToken({ appKey: 'unknown', appSecret: app.appSecret }),
			'invalidClientIdOrSecret',
		);
		expectError(() => model.getAccessToken({ appKey: 123 }), 'invalidParameter');
		expectError(
			() => model.authenticate(undefined),
			'AuthenticationFailed.MissingParameter',
			'缺少参数：x-acs-dingtalk-access-token',
		);
		expectError(() => model.authenticate(''), 'AuthenticationFailed.MissingParameter');
		expectError(() => model.authenticate('deadbeef'), 'InvalidAuthentication');
	});

	it('issues corp tokens for the authorized corp of a third-party app', () => {
		const { model } = fresh();
		const tp = defaultSeed.apps[1] as {
			suiteKey: string;
			suiteSecret: string;
			suiteTicket: string;
			corpId: string;
		};
		const body = {
			suiteKey: tp.suiteKey,
			suiteSecret: tp.suiteSecret,
			suiteTicket: tp.suiteTicket,
			authCorpId: tp.corpId,
		};
		const t1 = model.getCorpAccessToken(body);
		const t2 = model.getCorpAccessToken(body);
		expect(t1.expireIn).toBe(7200);
		expect(t1.accessToken).not.toBe(t2.accessToken);
		expect(model.authenticate(t1.accessToken)).toMatchObject({
			appType: 'thirdParty',
			corpId: tp.corpId,
		});
		expectError(
			() => model.getCorpAccessToken({ ...body, suiteKey: 'x' }),
			'invalidSuiteKey',
			'suitekey不合法',
		);
		expectError(
			() => model.getCorpAccessToken({ ...body, suiteSecret: 'x' }),
			'invalidClientIdOrSecret',
		);
		expectError(
			() => model.getCorpAccessToken({ ...body, suiteTicket: 'x' }),
			'invalidSuiteTicket',
			'suiteTicket无效',
		);
		expectError(
			() => model.getCorpAccessToken({ ...body, authCorpId: 'dingother' }),
			'invalidAuthInfo',
			'授权关系不存在',
		);
	});

	it('expires and revokes tokens on demand', () => {
		const { model, token } = fresh();
		expect(model.expireTokens(token)).toBe(1);
		expectError(() => model.authenticate(token), 'InvalidAuthentication');
		const t2 = model.getAccessToken({ appKey: app.appKey, appSecret: app.appSecret }).accessToken;
		expect(t2).not.toBe(token);
		expect(model.revokeTokens()).toBeGreaterThanOrEqual(1);
		expectError(() => model.authenticate(t2), 'InvalidAuthentication');
	});
});

describe('events', () => {
	it('creates an event with DingTalk types and defaults', () => {
		const { model, auth } = fresh();
		const ev = model.createEvent(auth, A, 'primary', {
			...timed(10, 11, 'Sync'),
			attendees: [{ id: B, isOptional: true }],
			reminders: [{ method: 'dingtalk', minutes: 30 }],
			location: { displayName: 'HQ' },
		});
		expect(ev.id).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(ev).toMatchObject({
			summary: 'Sync',
			isAllDay: false,
			start: { dateTime: '2030-01-20T10:00:00+08:00', timeZone: 'Asia/Shanghai' },
			attendees: [
				{
					id: B,
					displayName: 'Bob Li',
					responseStatus: 'needsAction',
					self: false,
					isOptional: true,
				},
			],
			organizer: { id: A, displayName: 'Alice Wang', responseStatus: 'accepted', self: true },
			location: { displayName: 'HQ' },
			reminders: [{ method: 'dingtalk', minutes: '30' }],
		});
		expect(ev).not.toHaveProperty('meetingRooms');
		const def = model.createEvent(auth, A, 'primary', timed(12, 13));
		expect(def.reminders).toEqual([{ method: 'dingtalk', minutes: '15' }]);
		expect(
			model.createEvent(auth, A, 'primary', { ...timed(12, 13), reminders: [] }).reminders,
		).toEqual([]);
	});

	it('normalizes dateTime into the event time zone', () => {
		const { model, auth } = fresh();
		const ev = model.createEvent(auth, A, 'primary', {
			summary: 'utc',
			start: { dateTime: '2030-01-20T02:00:00.000Z', timeZone: 'Asia/Shanghai' },
			end: { dateTime: '2030-01-20T03:00Z', timeZone: 'Asia/Shanghai' },
		});
		expect(ev.start).toEqual({ dateTime: '2030-01-20T10:00:00+08:00', timeZone: 'Asia/Shanghai' });
		expect(ev.end).toEqual({ dateTime: '2030-01-20T11:00:00+08:00', timeZone: 'Asia/Shanghai' });
	});

	it('creates all-day events with an exclusive end date', () => {
		const { model, auth } = fresh();
		const ev = model.createEvent(auth, A, 'primary', {
			summary: '团建',
			isAllDay: true,
			start: { date: '2030-06-01' },
			end: { date: '2030-06-02' },
		});
		expect(ev).toMatchObject({
			isAllDay: true,
			start: { date: '2030-06-01' },
			end: { date: '2030-06-02' },
		});
		expectError(
			() =>
				model.createEvent(auth, A, 'primary', {
					summary: 'x',
					isAllDay: true,
					start: { date: '2030-06-01' },
					end: { date: '2030-06-01' },
				}),
			'invalidParameter',
		);
		expectError(
			() =>
				model.createEvent(auth, A, 'primary', {
					summary: 'x',
					isAllDay: true,
					start: { dateTime: at(1) },
					end: { date: '2030-06-02' },
				}),
			'invalidParameter',
			'Event start time not set.',
		);
		// §2.8: all-day start/end carry only date; dateTime or timeZone next to it is refused.
		const allDayMsg = 'An all-day event takes only a date: dateTime and timeZone must be empty';
		for (const [start, end] of [
			[{ date: '2030-06-01', timeZone: 'Asia/Shanghai' }, { date: '2030-06-02' }],
			[{ date: '2030-06-01' }, { date: '2030-06-02', timeZone: 'UTC' }],
			[{ date: '2030-06-01', dateTime: at(1) }, { date: '2030-06-02' }],
		]) {
			expectError(
				() => model.createEvent(auth, A, 'primary', { summary: 'x', isAllDay: true, start, end }),
				'invalidParameter',
				allDayMsg,
				400,
			);
		}
		expectError(
			() =>
				model.patchEvent(auth, A, 'primary', ev.id as string, {
					id: ev.id,
					start: { date: '2030-06-01', timeZone: 'UTC' },
				}),
			'invalidParameter',
			allDayMsg,
		);
		// An empty timeZone is "empty".
		expect(
			model.createEvent(auth, A, 'primary', {
				summary: 'y',
				isAllDay: true,
				start: { date: '2030-06-01', timeZone: '' },
				end: { date: '2030-06-02' },
			}),
		).toMatchObject({ start: { date: '2030-06-01' } });
	});

	it('validates CreateEvent with the verbatim messages', () => {
		const { model, auth } = fresh();
		const c = (body: unknown) => () => model.createEvent(auth, A, 'primary', body);
		expectError(c(null), 'invalidParameter', 'Event must be provided.');
		expectError(c([]), 'invalidParameter', 'Event must be provided.');
		expectError(
			c({ ...timed(1, 2), summary: '   ' }),
			'invalidParameter',
			'Event summary cannot be blank',
		);
		expectError(
			c({ start: timed(1, 2).start, end: timed(1, 2).end }),
			'invalidParameter',
			'Event summary cannot be blank',
		);
		expectError(
			c({ summary: 's', end: timed(1, 2).end }),
			'invalidParameter',
			'Event start time not set.',
		);
		expectError(
			c({ summary: 's', start: timed(1, 2).start }),
			'invalidParameter',
			'Event end time not set.',
		);
		expectError(
			c({ summary: 's', start: {}, end: timed(1, 2).end }),
			'invalidParameter',
			'Event start time not set.',
		);
		expectError(c({ ...timed(1, 2), start: { dateTime: 'tomorrow' } }), 'invalidParameter');
		expectError(c({ ...timed(3, 2) }), 'invalidParameter');
		expectError(
			c({ ...timed(1, 2), start: { dateTime: at(1), timeZone: 'Mars/Olympus' } }),
			'invalidParameter',
		);
		expectError(c({ ...timed(1, 2), summary: 'x'.repeat(2049) }), 'invalidParameter');
		expectError(c({ ...timed(1, 2), description: 'x'.repeat(5001) }), 'invalidParameter');
		expectError(
			c({
				...timed(1, 2),
				recurrence: { pattern: { type: 'daily', interval: 0 }, range: { type: 'noEnd' } },
			}),
			'invalidParameter',
			'Recurrence interval must between [1, 365]',
		);
		expectError(
			c({ ...timed(1, 2), recurrence: { pattern: { type: 'daily', interval: 366 } } }),
			'invalidParameter',
			'Recurrence interval must between [1, 365]',
		);
		expectError(
			c({
				...timed(1, 2),
				recurrence: {
					pattern: { type: 'daily', interval: 1 },
					range: { type: 'numbered', numberOfOccurrences: 100 },
				},
			}),
			'invalidParameter',
			'Recurrence range numberOfOccurrences must between [1, 99]',
		);
		expectError(
			c({
				...timed(1, 2),
				recurrence: {
					pattern: { type: 'daily', interval: 1 },
					range: { type: 'numbered', numberOfOccurrences: 0 },
				},
			}),
			'invalidParameter',
			'Recurrence range numberOfOccurrences must between [1, 99]',
		);
		expectError(
			c({
				...timed(1, 2),
				recurrence: {
					pattern: { type: 'daily' },
					range: { type: 'endDate', endDate: '2030-02-01', numberOfOccurrences: 3 },
				},
			}),
			'invalidParameter',
		);
		expectError(
			c({ ...timed(1, 2), recurrence: { pattern: { type: 'hourly' } } }),
			'invalidParameter',
		);
		expectError(
			() => model.createEvent(auth, A, '', timed(1, 2)),
			'invalidParameter',
			'CalendarId cannot be blank',
		);
		expectError(
			() => model.createEvent(auth, 'nobody', 'primary', timed(1, 2)),
			'permissionDeny',
			'permissionDeny',
		);
	});

	it('rejects wrong JSON types instead of coercing them', () => {
		const { model, auth } = fresh();
		const c = (extra: Record<string, unknown>) => () =>
			model.createEvent(auth, A, 'primary', { ...timed(1, 2), ...extra });
		expectError(c({ summary: 42 }), 'invalidParameter');
		expectError(c({ isAllDay: 'true' }), 'invalidParameter');
		expectError(c({ start: 'tomorrow' }), 'invalidParameter');
		expectError(c({ reminders: [{ method: 'dingtalk', minutes: '15' }] }), 'invalidParameter');
		expectError(c({ attendees: { id: B } }), 'invalidParameter');
		expectError(c({ attendees: [{ id: B, isOptional: 'false' }] }), 'invalidParameter');
		expectError(c({ attendees: [{}] }), 'invalidParameter');
		expectError(c({ extra: { noPushNotification: true } }), 'invalidParameter');
		expectError(
			c({ recurrence: { pattern: { type: 'daily', interval: '1' } } }),
			'invalidParameter',
		);
	});

	it('limits event creation to 100 per organizer per day (flowLimit)', () => {
		const { model, auth, advance } = fresh();
		for (let i = 0; i < 100; i++) create(model, auth, timed(1, 2));
		expectError(
			() => create(model, auth, timed(1, 2)),
			'flowLimit',
			'current user can not create events exceed 100 per day',
		);
		expect(() => create(model, auth, timed(1, 2), B)).not.toThrow();
		advance(86_400);
		expect(() => create(model, auth, timed(1, 2))).not.toThrow();
	});

	it('gets, patches (partial) and deletes events', () => {
		const { model, auth, advance } = fresh();
		const id = create(model, auth, {
			...timed(9, 10, 'Before'),
			description: 'keep me',
			attendees: [{ id: B }],
		});
		advance(60);
		const patched = model.patchEvent(auth, A, 'primary', id, { id, summary: 'After' });
		expect(patched).toMatchObject({
			id,
			summary: 'After',
			description: 'keep me',
			start: { dateTime: at(9) },
		});
		expect(patched.updateTime).not.toBe(patched.createTime);
		expect(patched.location).toEqual({ meetingRooms: [] });
		const moved = model.patchEvent(auth, A, 'primary', id, {
			id,
			start: { dateTime: at(8), timeZone: 'Asia/Shanghai' },
		});
		expect(moved).toMatchObject({ start: { dateTime: at(8) }, end: { dateTime: at(10) } });
		expectError(
			() => model.patchEvent(auth, A, 'primary', id, { summary: 'no id' }),
			'invalidParameter',
			'Event id summary cannot be blank',
		);
		expectError(
			() => model.patchEvent(auth, A, 'primary', id, { id: 'other' }),
			'invalidParameter',
		);
		expectError(
			() => model.patchEvent(auth, A, 'primary', id, { id, summary: '' }),
			'invalidParameter',
			'Event summary cannot be blank',
		);
		expectError(
			() => model.patchEvent(auth, B, 'primary', id, { id, summary: 'hijack' }),
			'forbidden.accessDenied',
			undefined,
			403,
		);
		expectError(
			() => model.patchEvent(auth, A, 'primary', 'missing', { id: 'missing' }),
			'itemNotFound',
			undefined,
			404,
		);
		const got = model.getEvent(auth, B, 'primary', id);
		expect(got).toMatchObject({
			id,
			status: 'confirmed',
			meetingRooms: [],
			location: { meetingRooms: [] },
		});
		// §4.0: seriesMasterId is empty for a single event; extendedProperties.sharedProperties as in the GetEvent example.
		expect(got.seriesMasterId).toBe('');
		expect(got.extendedProperties).toEqual({
			sharedProperties: { sourceOpenCid: '', belongCorpId: defaultSeed.apps[0].corpId },
		});
		expect(patched).not.toHaveProperty('seriesMasterId'); // not in the Create/Patch response models
		expect(patched).not.toHaveProperty('extendedProperties');
		expect(model.deleteEvent(auth, A, 'primary', id)).toBeUndefined();
		expectError(
			() => model.getEvent(auth, A, 'primary', id),
			'itemNotFound',
			'无法找到指定日程',
			404,
		);
		expectError(() => model.deleteEvent(auth, A, 'primary', id), 'itemNotFound');
	});

	it('an attendee deleting only removes the event from their own calendar', () => {
		const { model, auth } = fresh();
		const id = create(model, auth, { ...timed(9, 10), attendees: [{ id: B }] });
		model.deleteEvent(auth, B, 'primary', id);
		expectError(() => model.getEvent(auth, B, 'primary', id), 'itemNotFound');
		expect(model.getEvent(auth, A, 'primary', id).attendees).toEqual([
			expect.objectContaining({ id: B, responseStatus: 'declined' }),
		]);
	});

	it('adds, removes, lists attendees and records responses', () => {
		const { model, auth } = fresh();
		const id = create(model, auth, timed(9, 10));
		expect(
			model.addAttendees(auth, A, 'primary', id, {
				attendeesToAdd: [{ id: B }, { id: USER_IDS.carol, isOptional: true }],
			}),
		).toBeUndefined();
		model.addAttendees(auth, A, 'primary', id, { attendeesToAdd: [{ id: B }] }); // duplicate: no-op
		expect(model.listAttendees(auth, A, 'primary', id).attendees).toHaveLength(2);
		const page = model.listAttendees(auth, A, 'primary', id, { maxResults: '1' });
		expect(page.attendees).toHaveLength(1);
		expect(typeof page.nextToken).toBe('string');
		const page2 = model.listAttendees(auth, A, 'primary', id, {
			maxResults: '1',
			nextToken: page.nextToken as string,
		});
		expect(page2.attendees).toEqual([
			expect.objectContaining({ id: USER_IDS.carol, isOptional: true }),
		]);
		expect(page2).not.toHaveProperty('nextToken');
		expectError(
			() => model.listAttendees(auth, A, 'primary', id, { maxResults: '501' }),
			'invalidParameter.maxResults',
			'maxResults size must within range [0,500]',
		);
		model.respondEvent(auth, B, 'primary', id, { responseStatus: 'tentative' });
		expect(model.listAttendees(auth, A, 'primary', id).attendees).toContainEqual(
			expect.objectContaining({ id: B, responseStatus: 'tentative' }),
		);
		expectError(
			() => model.respondEvent(auth, B, 'primary', id, { responseStatus: 'maybe' }),
			'invalidParameter',
		);
		model.removeAttendees(auth, A, 'primary', id, { attendeesToRemove: [{ id: B }] });
		expect(
			(model.listAttendees(auth, A, 'primary', id).attendees as Array<{ id: string }>).map(
				(a: { id: string }) => a.id,
			),
		).toEqual([USER_IDS.carol]);
		expectError(
			() => model.addAttendees(auth, B, 'primary', id, { attendeesToAdd: [{ id: B }] }),
			'itemNotFound',
		);
		expectError(
			() => model.addAttendees(auth, A, 'primary', id, { attendeesToAdd: [] }),
			'invalidParameter',
		);
		expectError(
			() =>
				model.addAttendees(auth, A, 'primary', id, {
					attendeesToAdd: Array.from({ length: 501 }, (_, i) => ({ id: `u${i}` })),
				}),
			'invalidParameter',
			'attendees batch size too large. Maximum allowed:500',
		);
	});

	it('lists events by start time with opaque string paging, showDeleted and syncToken', () => {
		const { model, auth } = fresh();
		const ids = [8, 9, 10, 11, 12].map((h) =>
			create(model, auth, timed(h, h + 1, `e${h}`, '2030-03-01')),
		);
		const q = {
			timeMin: '2030-03-01T00:00:00.000Z',
			timeMax: '2030-03-02T00:00:00.000Z',
			maxResults: '2',
		};
		const p1 = model.listEvents(auth, A, 'primary', q);
		expect((p1.events as Array<{ id: string }>).map((e) => e.id)).toEqual(ids.slice(0, 2));
		expect(typeof p1.nextToken).toBe('string');
		expect(p1.nextToken).toMatch(/^[A-Za-z0-9_-]+$/);
		const p2 = model.listEvents(auth, A, 'primary', { ...q, nextToken: p1.nextToken as string });
		const p3 = model.listEvents(auth, A, 'primary', { ...q, nextToken: p2.nextToken as string });
		expect(
			[...(p2.events as Array<{ id: string }>), ...(p3.events as Array<{ id: string }>)].map(
				(e) => e.id,
			),
		).toEqual(ids.slice(2));
		expect(p3).not.toHaveProperty('nextToken');
		expect(p3).not.toHaveProperty('syncToken'); // timeMax given
		expectError(
			() => model.listEvents(auth, A, 'primary', { ...q, nextToken: 'garbage!' }),
			'invalidParameter',
		);
		expectError(
			() => model.listEvents(auth, A, 'primary', { ...q, maxResults: '101' }),
			'invalidParameter',
		);
		expectError(
			() => model.listEvents(auth, A, 'primary', { timeMin: 'yesterday' }),
			'invalidParameter',
		);
		expectError(
			() =>
				model.listEvents(auth, A, 'primary', {
					timeMin: '2030-01-01T00:00:00Z',
					timeMax: '2031-06-01T00:00:00Z',
				}),
			'invalidParameter',
		);
		// timeMin/timeMax filter on the START time only, both ends inclusive (§4.3: timeMax is the maximum start):
		// the 10:00–11:00 event overlaps the window but starts before timeMin; the 11:00 one starts at timeMax.
		const window = model.listEvents(auth, A, 'primary', {
			timeMin: '2030-03-01T10:30:00+08:00',
			timeMax: '2030-03-01T11:00:00+08:00',
		});
		expect((window.events as Array<{ id: string }>).map((e) => e.id)).toEqual([ids[3]]);
		const beforeEleven = model.listEvents(auth, A, 'primary', {
			timeMin: '2030-03-01T10:30:00+08:00',
			timeMax: '2030-03-01T10:59:59.999+08:00',
		});
		expect(beforeEleven.events).toEqual([]);
		const atTen = model.listEvents(auth, A, 'primary', {
			timeMin: '2030-03-01T10:00:00+08:00',
			timeMax: '2030-03-01T10:00:00+08:00',
		});
		expect((atTen.events as Array<{ id: string }>).map((e) => e.id)).toEqual([ids[2]]);
		model.deleteEvent(auth, A, 'primary', ids[0]);
		const visible = model.listEvents(auth, A, 'primary', {
			timeMin: q.timeMin,
			timeMax: q.timeMax,
		});
		expect((visible.events as unknown[]).length).toBe(4);
		const withDeleted = model.listEvents(auth, A, 'primary', {
			timeMin: q.timeMin,
			timeMax: q.timeMax,
			showDeleted: 'true',
		});
		expect(withDeleted.events).toContainEqual(
			expect.objectContaining({ id: ids[0], status: 'cancelled' }),
		);
		// Sync: the last page without timeMax carries a syncToken; later changes come back through it.
		const all = model.listEvents(auth, A, 'primary', { timeMin: q.timeMin });
		expect(typeof all.syncToken).toBe('string');
		model.patchEvent(auth, A, 'primary', ids[1], { id: ids[1], summary: 'changed' });
		const delta = model.listEvents(auth, A, 'primary', { syncToken: all.syncToken as string });
		expect(
			(delta.events as Array<{ id: string; summary: string }>).map((e) => [e.id, e.summary]),
		).toEqual([[ids[1], 'changed']]);
		expectError(
			() =>
				model.listEvents(auth, A, 'primary', {
					syncToken: all.syncToken as string,
					timeMax: q.timeMax,
				}),
			'invalidParameter',
		);
	});

	it('invalidated sync tokens are refused (400 invalidParameter "syncToken invalid"), also after a snapshot round trip', () => {
		const { model, auth } = fresh();
		const id = create(model, auth, timed(9, 10));
		const { syncToken } = model.listEvents(auth, A, 'primary', {}) as { syncToken: string };
		expectError(
			() => model.listEvents(auth, A, 'primary', { syncToken: 'bm9wZQ' }),
			'invalidParameter',
			'syncToken invalid',
			400,
		);
		expectError(
			() => model.listEvents(auth, B, 'primary', { syncToken }),
			'invalidParameter',
			'syncToken invalid',
			400,
		);
		expect(model.invalidateSyncTokens()).toBe(1);
		expectError(
			() => model.listEvents(auth, A, 'primary', { syncToken }),
			'invalidParameter',
			'syncToken invalid',
			400,
		);
		const fresher = (model.listEvents(auth, A, 'primary', {}) as { syncToken: string }).syncToken;
		model.deleteEvent(auth, A, 'primary', id);
		const restored = new SandboxModel(
			cloneSeed(),
			new SandboxClock(0, () => Date.parse('2029-12-20T00:00:00Z')),
		);
		restored.restore(JSON.parse(JSON.stringify(model.snapshot())));
		const delta = restored.listEvents(
			restored.authenticate(
				model.getAccessToken({ appKey: app.appKey, appSecret: app.appSecret }).accessToken,
			),
			A,
			'primary',
			{ syncToken: fresher },
		);
		expect(
			(delta.events as Array<{ id: string; status: string }>).map((e) => [e.id, e.status]),
		).toEqual([[id, 'cancelled']]);
		expectError(
			() => restored.listEvents(auth, A, 'primary', { syncToken }),
			'invalidParameter',
			'syncToken invalid',
			400,
		);
	});

	it('lists calendars wrapped in "response"', () => {
		const { model, auth } = fresh();
		expect(model.listCalendars(auth, A)).toEqual({
			response: {
				calendars: [
					expect.objectContaining({
						type: 'primary',
						eTag: '0',
						privilege: 'owner',
						summary: 'Alice Wang',
					}),
				],
			},
		});
	});
});

describe('AddMeetingRooms and room conflicts', () => {
	it('books a room (accepted), or tentative for approval rooms, and shows it on the event', () => {
		const { model, auth } = fresh();
		const id = create(model, auth, timed(9, 10));
		expect(
			model.addMeetingRooms(auth, A, 'primary', id, {
				meetingRoomsToAdd: [{ roomId: ROOM_IDS.xixi }, { roomId: ROOM_IDS.boardroom }],
			}),
		).toEqual({ result: true });
		const ev = model.getEvent(auth, A, 'primary', id);
		expect(ev.meetingRooms).toEqual([
			{ roomId: ROOM_IDS.xixi, responseStatus: 'accepted', displayName: '西溪 Xixi' },
			{
				roomId: ROOM_IDS.boardroom,
				responseStatus: 'tentative',
				displayName: 'Boardroom 董事会议室',
			},
		]);
		expect(ev.location).toEqual({ meetingRooms: ['西溪 Xixi', 'Boardroom 董事会议室'] });
		// Re-adding a room the event already holds is a no-op.
		expect(
			model.addMeetingRooms(auth, A, 'primary', id, {
				meetingRoomsToAdd: [{ roomId: ROOM_IDS.xixi }],
			}),
		).toEqual({ result: true });
		expect((model.getEvent(auth, A, 'primary', id).meetingRooms as unknown[]).length).toBe(2);
	});

	it('answers every documented error', () => {
		const { model, auth } = fresh();
		const id = create(model, auth, timed(9, 10));
		const add =
			(body: unknown, eventId = id, user: string = A) =>
			() =>
				model.addMeetingRooms(auth, user, 'primary', eventId, body);
		expectError(add({}), 'invalidParameter', 'roomId must be provided.', 400);
		expectError(add({ meetingRoomsToAdd: [] }), 'invalidParameter', 'roomId must be provided.');
		expectError(add({ meetingRoomsToAdd: [{}] }), 'invalidParameter', 'roomId must be provided.');
		expectError(
			add({ meetingRoomsToAdd: [{ roomId: '' }] }),
			'invalidParameter',
			'roomId must be provided.',
		);
		expectError(add({ meetingRoomsToAdd: 'abc' }), 'invalidParameter');
		expectError(add({ meetingRoomsToAdd: [{ roomId: 7 }] }), 'invalidParameter');
		const six = [
			ROOM_IDS.phoneBoothA,
			ROOM_IDS.phoneBoothB,
			ROOM_IDS.xixi,
			ROOM_IDS.qiantang,
			ROOM_IDS.bund,
			ROOM_IDS.lujiazui,
		];
		expectError(
			add({ meetingRoomsToAdd: six.map((roomId) => ({ roomId })) }),
			'invalidParameter',
			'attendees batch size too large. Maximum allowed:5',
		);
		model.addMeetingRooms(auth, A, 'primary', id, {
			meetingRoomsToAdd: six.slice(0, 4).map((roomId) => ({ roomId })),
		});
		expectError(
			add({ meetingRoomsToAdd: six.slice(4).map((roomId) => ({ roomId })) }),
			'invalidParameter',
			'attendees batch size too large. Maximum allowed:5',
		);
		expect(
			model.addMeetingRooms(auth, A, 'primary', id, { meetingRoomsToAdd: [{ roomId: six[4] }] }),
		).toEqual({ result: true });
		const id2 = create(model, auth, timed(9, 10));
		expectError(
			add({ meetingRoomsToAdd: [{ roomId: 'f'.repeat(48) }] }, id2),
			'invalidParameter',
			'roomId invalid',
		);
		expectError(
			add({ meetingRoomsToAdd: [{ roomId: ROOM_IDS.xixi }] }, id2),
			'meetingRoomNotAvailable',
			'room busy',
			400,
		);
		expectError(
			add({ meetingRoomsToAdd: [{ roomId: ROOM_IDS.oldLab }] }, id2),
			'meetingRoomNotAvailable',
		);
		expectError(
			add({ meetingRoomsToAdd: [{ roomId: ROOM_IDS.huangpu }] }, 'nope'),
			'itemNotFound',
			undefined,
			404,
		);
		expectError(add({ meetingRoomsToAdd: [{ roomId: ROOM_IDS.huangpu }] }, id2, B), 'itemNotFound');
		// All-or-nothing: one busy room blocks the whole request.
		expectError(
			add({ meetingRoomsToAdd: [{ roomId: ROOM_IDS.huangpu }, { roomId: ROOM_IDS.xixi }] }, id2),
			'meetingRoomNotAvailable',
		);
		expect(model.getEvent(auth, A, 'primary', id2).meetingRooms).toEqual([]);
	});

	it('conflicts with tentative bookings and with seeded events, but not back-to-back ones', () => {
		const { model, auth } = fresh();
		// Seed: Boardroom held tentative 2030-01-15 14:00–16:00 by the board meeting.
		const id = create(model, auth, timed(15, 17, 'clash', '2030-01-15'));
		expectError(
			() =>
				model.addMeetingRooms(auth, A, 'primary', id, {
					meetingRoomsToAdd: [{ roomId: ROOM_IDS.boardroom }],
				}),
			'meetingRoomNotAvailable',
		);
		// Seed: West Lake 10:00–12:00.
		const after = create(model, auth, timed(12, 13, 'after', '2030-01-15'));
		expect(
			model.addMeetingRooms(auth, A, 'primary', after, {
				meetingRoomsToAdd: [{ roomId: ROOM_IDS.westLake }],
			}),
		).toEqual({ result: true });
		const before = create(model, auth, timed(9, 10, 'before', '2030-01-15'));
		expect(
			model.addMeetingRooms(auth, A, 'primary', before, {
				meetingRoomsToAdd: [{ roomId: ROOM_IDS.westLake }],
			}),
		).toEqual({ result: true });
	});

	it('frees rooms on delete, on removal and when approval is declined', () => {
		const { model, auth } = fresh();
		const a = create(model, auth, timed(9, 10));
		const b = create(model, auth, timed(9, 10));
		model.addMeetingRooms(auth, A, 'primary', a, {
			meetingRoomsToAdd: [{ roomId: ROOM_IDS.xixi }, { roomId: ROOM_IDS.executiveLounge }],
		});
		expectError(
			() =>
				model.addMeetingRooms(auth, A, 'primary', b, {
					meetingRoomsToAdd: [{ roomId: ROOM_IDS.executiveLounge }],
				}),
			'meetingRoomNotAvailable',
		);
		model.meetingRoomRespond(auth, A, 'primary', a, ROOM_IDS.executiveLounge, {
			responseStatus: 'declined',
		});
		expect(model.getEvent(auth, A, 'primary', a).meetingRooms).toContainEqual(
			expect.objectContaining({ roomId: ROOM_IDS.executiveLounge, responseStatus: 'declined' }),
		);
		expect(
			model.addMeetingRooms(auth, A, 'primary', b, {
				meetingRoomsToAdd: [{ roomId: ROOM_IDS.executiveLounge }],
			}),
		).toEqual({ result: true });
		// Declined room cannot be re-accepted while someone else holds it.
		expectError(
			() =>
				model.meetingRoomRespond(auth, A, 'primary', a, ROOM_IDS.executiveLounge, {
					responseStatus: 'accepted',
				}),
			'meetingRoomNotAvailable',
		);
		model.meetingRoomRespond(auth, A, 'primary', b, ROOM_IDS.executiveLounge, {
			responseStatus: 'accepted',
		});
		expect(model.getEvent(auth, A, 'primary', b).meetingRooms).toEqual([
			expect.objectContaining({ responseStatus: 'accepted' }),
		]);
		expectError(
			() =>
				model.meetingRoomRespond(auth, A, 'primary', b, ROOM_IDS.xixi, {
					responseStatus: 'accepted',
				}),
			'invalidParameter',
			'roomId invalid',
		);
		expectError(
			() =>
				model.meetingRoomRespond(auth, A, 'primary', b, ROOM_IDS.executiveLounge, {
					responseStatus: 'maybe',
				}),
			'invalidParameter',
		);
		// Remove (batchRemove) frees the room; removing an absent room is a no-op.
		expectError(
			() => model.removeMeetingRooms(auth, A, 'primary', a, {}),
			'invalidParameter',
			'Meeting rooms to remove must be provided.',
		);
		expectError(
			() => model.removeMeetingRooms(auth, A, 'primary', a, { meetingRoomsToRemove: [] }),
			'invalidParameter',
			'Meeting rooms to remove must be provided.',
		);
		expectError(
			() => model.removeMeetingRooms(auth, A, 'primary', a, { meetingRoomsToRemove: [{}] }),
			'invalidParameter',
			'Meeting rooms to remove must be provided.',
		);
		expect(
			model.removeMeetingRooms(auth, A, 'primary', a, {
				meetingRoomsToRemove: [{ roomId: ROOM_IDS.xixi }, { roomId: ROOM_IDS.bund }],
			}),
		).toEqual({ result: true });
		expect(
			model.addMeetingRooms(auth, A, 'primary', b, {
				meetingRoomsToAdd: [{ roomId: ROOM_IDS.xixi }],
			}),
		).toEqual({ result: true });
		model.deleteEvent(auth, A, 'primary', b);
		const cancelled = model.eventState(model.findEvent(b)!);
		expect(cancelled).toMatchObject({ status: 'cancelled', roomIds: [] });
		expect(cancelled.meetingRooms.map((r) => r.roomId)).toContain(ROOM_IDS.xixi);
		expect(
			model.addMeetingRooms(auth, A, 'primary', a, {
				meetingRoomsToAdd: [{ roomId: ROOM_IDS.xixi }],
			}),
		).toEqual({ result: true });
	});

	it('moving an event onto a booked slot is "Meeting room invalid"', () => {
		const { model, auth } = fresh();
		const a = create(model, auth, timed(9, 10));
		const b = create(model, auth, timed(11, 12));
		model.addMeetingRooms(auth, A, 'primary', a, {
			meetingRoomsToAdd: [{ roomId: ROOM_IDS.xixi }],
		});
		model.addMeetingRooms(auth, A, 'primary', b, {
			meetingRoomsToAdd: [{ roomId: ROOM_IDS.xixi }],
		});
		expectError(
			() =>
				model.patchEvent(auth, A, 'primary', b, {
					id: b,
					start: { dateTime: at(9, 30), timeZone: 'Asia/Shanghai' },
				}),
			'invalidParameter',
			'Meeting room invalid',
		);
		expect(model.getEvent(auth, A, 'primary', b).start).toEqual({
			dateTime: at(11),
			timeZone: 'Asia/Shanghai',
		});
	});

	it('booking is atomic: of many events racing for one room exactly one wins', () => {
		const { model, auth } = fresh();
		const ids = Array.from({ length: 12 }, (_, i) =>
			create(model, auth, timed(14, 15, `race ${i}`)),
		);
		const results = ids.map((id) => {
			try {
				return model.addMeetingRooms(auth, A, 'primary', id, {
					meetingRoomsToAdd: [{ roomId: ROOM_IDS.bund }],
				}).result;
			} catch (e) {
				return (e as DingTalkError).code;
			}
		});
		expect(results.filter((r) => r === true)).toHaveLength(1);
		expect(results.filter((r) => r === 'meetingRoomNotAvailable')).toHaveLength(11);
	});

	it('a recurring booking blocks the room on every occurrence', () => {
		const { model, auth } = fresh();
		const weekly = create(model, auth, {
			...timed(9, 10, 'weekly', '2030-02-04'), // a Monday
			recurrence: {
				pattern: { type: 'weekly', interval: 1, daysOfWeek: 'monday' },
				range: { type: 'numbered', numberOfOccurrences: 4 },
			},
		});
		model.addMeetingRooms(auth, A, 'primary', weekly, {
			meetingRoomsToAdd: [{ roomId: ROOM_IDS.lujiazui }],
		});
		expect(model.getEvent(auth, A, 'primary', weekly).seriesMasterId).toBe(weekly); // the master stands for its series
		const third = create(model, auth, timed(9, 10, 'third monday', '2030-02-18'));
		expectError(
			() =>
				model.addMeetingRooms(auth, A, 'primary', third, {
					meetingRoomsToAdd: [{ roomId: ROOM_IDS.lujiazui }],
				}),
			'meetingRoomNotAvailable',
		);
		const tuesday = create(model, auth, timed(9, 10, 'tuesday', '2030-02-19'));
		expect(
			model.addMeetingRooms(auth, A, 'primary', tuesday, {
				meetingRoomsToAdd: [{ roomId: ROOM_IDS.lujiazui }],
			}),
		).toEqual({ result: true });
		const fifth = create(model, auth, timed(9, 10, 'fifth monday', '2030-03-04'));
		expect(
			model.addMeetingRooms(auth, A, 'primary', fifth, {
				meetingRoomsToAdd: [{ roomId: ROOM_IDS.lujiazui }],
			}),
		).toEqual({ result: true });
		const sched = model.getMeetingRoomsSchedule(auth, A, {
			roomIds: [ROOM_IDS.lujiazui],
			startTime: '2030-02-01T00:00:00Z',
			endTime: '2030-03-10T00:00:00Z',
		});
		const items = (
			sched.scheduleInformation as Array<{ scheduleItems: Array<{ eventId: string }> }>
		)[0].scheduleItems;
		expect(items.map((i) => i.eventId)).toEqual([weekly, weekly, weekly, tuesday, weekly, fifth]);
	});
});

describe('free/busy', () => {
	it('room schedule: overlap rule, empty = free, TENTATIVE for approval rooms, limits', () => {
		const { model, auth } = fresh();
		const q = (roomIds: string[], startTime: string, endTime: string) =>
			model.getMeetingRoomsSchedule(auth, A, { roomIds, startTime, endTime });
		const day = q(
			[ROOM_IDS.westLake, ROOM_IDS.boardroom, ROOM_IDS.huangpu],
			'2030-01-15T00:00:00+08:00',
			'2030-01-16T00:00:00+08:00',
		);
		expect(day).toEqual({
			scheduleInformation: [
				{
					roomId: ROOM_IDS.westLake,
					scheduleItems: [
						{
							status: 'BUSY',
							eventId: EVENT_IDS.quarterlyPlanning,
							organizer: { id: A },
							start: { dateTime: '2030-01-15T10:00:00+08:00', timeZone: 'Asia/Shanghai' },
							end: { dateTime: '2030-01-15T12:00:00+08:00', timeZone: 'Asia/Shanghai' },
						},
					],
				},
				{
					roomId: ROOM_IDS.boardroom,
					scheduleItems: [
						expect.objectContaining({ status: 'TENTATIVE', eventId: EVENT_IDS.boardMeeting }),
					],
				},
				{ roomId: ROOM_IDS.huangpu, scheduleItems: [] },
			],
		});
		// Touching intervals do not overlap: [12:00, 13:00) vs [10:00, 12:00).
		expect(
			q([ROOM_IDS.westLake], '2030-01-15T12:00:00+08:00', '2030-01-15T13:00:00+08:00')
				.scheduleInformation,
		).toEqual([{ roomId: ROOM_IDS.westLake, scheduleItems: [] }]);
		expect(
			(
				q([ROOM_IDS.westLake], '2030-01-15T11:59:00+08:00', '2030-01-15T13:00:00+08:00')
					.scheduleInformation as Array<{ scheduleItems: unknown[] }>
			)[0].scheduleItems,
		).toHaveLength(1);
		const s = '2030-01-01T00:00:00Z';
		expectError(
			() => q([], s, '2030-01-02T00:00:00Z'),
			'invalidParameter',
			'query ids cannot be empty',
		);
		expectError(
			() =>
				q(
					[
						ROOM_IDS.xixi,
						ROOM_IDS.bund,
						ROOM_IDS.huangpu,
						ROOM_IDS.everest,
						ROOM_IDS.qiantang,
						ROOM_IDS.lujiazui,
					],
					s,
					'2030-01-02T00:00:00Z',
				),
			'invalidParameter',
			'Cannot get schedule information for more than limit.',
		);
		expectError(
			() => q([ROOM_IDS.xixi], s, '2030-04-02T00:00:00Z'),
			'invalidParameter',
			'Cannot query schedule for more than 90 days.',
		);
		expect(() => q([ROOM_IDS.xixi], s, '2030-04-01T00:00:00Z')).not.toThrow(); // exactly 90 days
		expectError(
			() => q(['f'.repeat(48)], s, '2030-01-02T00:00:00Z'),
			'invalidParameter',
			'roomId invalid',
		);
		expectError(() => q([ROOM_IDS.xixi], 'soon', '2030-01-02T00:00:00Z'), 'invalidParameter');
		expectError(
			() => model.getMeetingRoomsSchedule(auth, A, { roomIds: 'abc', startTime: s, endTime: s }),
			'invalidParameter',
		);
	});

	it('user schedule: BUSY / TENTATIVE items without event ids, at most 20 users', () => {
		const { model, auth } = fresh();
		model.respondEvent(auth, B, 'primary', EVENT_IDS.quarterlyPlanning, {
			responseStatus: 'tentative',
		});
		const r = model.getSchedule(auth, A, {
			userIds: [A, B, 'stranger'],
			startTime: '2030-01-15T00:00:00+08:00',
			endTime: '2030-01-16T00:00:00+08:00',
		});
		const info = r.scheduleInformation as Array<{
			userId: string;
			error?: string;
			scheduleItems: Array<Record<string, unknown>>;
		}>;
		expect(info[0].userId).toBe(A);
		expect(info[0].scheduleItems.map((i) => i.status)).toEqual(['BUSY', 'BUSY', 'BUSY']); // planning, board (attendee), 1:1
		expect(info[0].scheduleItems[0]).toEqual({
			status: 'BUSY',
			start: { dateTime: '2030-01-15T10:00:00+08:00', timeZone: 'Asia/Shanghai' },
			end: { dateTime: '2030-01-15T12:00:00+08:00', timeZone: 'Asia/Shanghai' },
		});
		expect(info[1].scheduleItems[0].status).toBe('TENTATIVE');
		expect(info[2]).toEqual({ userId: 'stranger', error: '无权限', scheduleItems: [] });
		const many = Array.from({ length: 21 }, (_, i) => `u${i}`);
		expectError(
			() =>
				model.getSchedule(auth, A, {
					userIds: many,
					startTime: '2030-01-15T00:00:00Z',
					endTime: '2030-01-16T00:00:00Z',
				}),
			'invalidParameter',
			'Cannot get schedule information for more than limit.',
		);
		expectError(
			() => model.getSchedule(auth, A, { userIds: [A] }),
			'paramIllegal',
			'PARAM ILLEGAL',
		);
		expectError(
			() => model.getSchedule(auth, A, { userIds: [], startTime: 'a', endTime: 'b' }),
			'paramIllegal',
		);
	});

	it('opt-in strict mode rejects filter times without milliseconds', () => {
		const { model, auth } = fresh();
		const body = (startTime: string) => ({
			roomIds: [ROOM_IDS.xixi],
			startTime,
			endTime: '2030-01-16T00:00:00.000Z',
		});
		expect(() => model.getMeetingRoomsSchedule(auth, A, body('2030-01-15T00:00Z'))).not.toThrow();
		model.strictTimestamps = true;
		expectError(
			() => model.getMeetingRoomsSchedule(auth, A, body('2030-01-15T00:00Z')),
			'InvalidParameter.ParsedISO8601TimestampError',
		);
		expectError(
			() => model.listEvents(auth, A, 'primary', { timeMin: '2030-01-15T00:00:00+08:00' }),
			'InvalidParameter.ParsedISO8601TimestampError',
		);
		expect(() =>
			model.getMeetingRoomsSchedule(auth, A, body('2030-01-15T00:00:00.000Z')),
		).not.toThrow();
		expect(() =>
			model.listEvents(auth, A, 'primary', { timeMin: '2030-01-15T00:00:00.000+08:00' }),
		).not.toThrow();
	});

	it('all-day events report UTC days', () => {
		const { model, auth } = fresh();
		const id = create(model, auth, {
			summary: 'offsite',
			isAllDay: true,
			start: { date: '2030-05-01' },
			end: { date: '2030-05-02' },
		});
		model.addMeetingRooms(auth, A, 'primary', id, {
			meetingRoomsToAdd: [{ roomId: ROOM_IDS.trainingRoom }],
		});
		const r = model.getMeetingRoomsSchedule(auth, A, {
			roomIds: [ROOM_IDS.trainingRoom],
			startTime: '2030-05-01T00:00:00Z',
			endTime: '2030-05-03T00:00:00Z',
		});
		expect(
			(r.scheduleInformation as Array<{ scheduleItems: unknown[] }>)[0].scheduleItems[0],
		).toMatchObject({
			start: { dateTime: '2030-05-01T00:00:00+00:00', timeZone: 'UTC' },
			end: { dateTime: '2030-05-02T00:00:00+00:00', timeZone: 'UTC' },
		});
		const u = model.getSchedule(auth, A, {
			userIds: [A],
			startTime: '2030-05-01T00:00:00Z',
			endTime: '2030-05-03T00:00:00Z',
		});
		expect(
			(u.scheduleInformation as Array<{ scheduleItems: unknown[] }>)[0].scheduleItems[0],
		).toMatchObject({ start: { date: '2030-05-01', timeZone: 'UTC' } });
	});
});

describe('room directory (rooms_1_0)', () => {
	it('pages with a numeric nextToken and hasMore; maxResults default 20, max 100', () => {
		const { model, auth } = fresh();
		const p1 = model.queryMeetingRoomList(auth, { unionId: A, maxResults: '5' });
		expect(p1.hasMore).toBe(true);
		expect(p1.nextToken).toBe(5);
		const p2 = model.queryMeetingRoomList(auth, { unionId: A, maxResults: '5', nextToken: '5' });
		const p3 = model.queryMeetingRoomList(auth, {
			unionId: A,
			maxResults: '5',
			nextToken: String(p2.nextToken),
		});
		expect(p3.hasMore).toBe(false);
		const all = [
			...(p1.result as unknown[]),
			...(p2.result as unknown[]),
			...(p3.result as unknown[]),
		];
		expect(all).toHaveLength(defaultSeed.rooms.length);
		expect((model.queryMeetingRoomList(auth, { unionId: A }).result as unknown[]).length).toBe(
			Math.min(20, defaultSeed.rooms.length),
		);
		expectError(() => model.queryMeetingRoomList(auth, {}), 'param.error', 'Param Error');
		expectError(
			() => model.queryMeetingRoomList(auth, { unionId: 'stranger' }),
			'user.not.employee',
			'User Not Employee',
		);
		expectError(
			() => model.queryMeetingRoomList(auth, { unionId: A, maxResults: '101' }),
			'param.error',
		);
		expectError(
			() => model.queryMeetingRoomList(auth, { unionId: A, nextToken: 'abc' }),
			'param.error',
		);
		const room = (p1.result as Array<Record<string, any>>)[0];
		expect(room).toMatchObject({
			roomId: ROOM_IDS.phoneBoothA,
			roomCapacity: 2,
			roomStatus: 0,
			roomLabels: [{ labelId: 2, labelName: 'Phone' }],
			roomGroup: { groupId: 102, groupName: 'HQ · 5F', parentId: 101 },
		});
	});

	it('room detail is wrapped in result and carries openReservation; groups', () => {
		const { model, auth } = fresh();
		const closed = model.queryMeetingRoom(auth, ROOM_IDS.oldLab, { unionId: A });
		expect((closed.result as any).extensionConfig.openReservation).toBe(false);
		// Closed indefinitely (no taskEndTime) since the seed's creation time, in epoch milliseconds.
		expect((closed.result as any).extensionConfig.reservationCloseDetail).toEqual({
			taskStartTime: Date.parse('2029-12-01T09:00:00+08:00'),
			closeReason: 'Closed for renovation',
		});
		const open = (model.queryMeetingRoom(auth, ROOM_IDS.boardroom, { unionId: A }).result as any)
			.extensionConfig;
		expect(open).toMatchObject({ openReservation: true, approvalSwitch: true });
		expect(open).not.toHaveProperty('reservationCloseDetail');
		expectError(
			() => model.queryMeetingRoom(auth, 'f'.repeat(48), { unionId: A }),
			'room.not.found',
			'Room Not Found',
		);
		expect(model.queryMeetingRoomGroupList(auth, { unionId: A }).result).toEqual(
			defaultSeed.roomGroups,
		);
		expect(model.queryMeetingRoomGroup(auth, '102', { unionId: A })).toEqual({
			groupId: 102,
			groupName: 'HQ · 5F',
			parentId: 101,
		});
		expectError(() => model.queryMeetingRoomGroup(auth, '999', { unionId: A }), 'group.not.found');
		expectError(() => model.queryMeetingRoomGroup(auth, 'abc', { unionId: A }), 'param.error');
	});

	it('orgs are isolated: another corp sees none of these rooms or users', () => {
		const seed = cloneSeed();
		seed.apps.push({
			type: 'internal',
			appKey: 'other',
			appSecret: 's',
			corpId: 'dingother',
			name: 'Other corp',
		});
		seed.users.push({ unionId: 'otherUser', userId: 'o1', name: 'Olga', corpId: 'dingother' });
		const model = new SandboxModel(seed);
		const auth = model.authenticate(
			model.getAccessToken({ appKey: 'other', appSecret: 's' }).accessToken,
		);
		expect(model.queryMeetingRoomList(auth, { unionId: 'otherUser' })).toEqual({
			hasMore: false,
			result: [],
		});
		expectError(() => model.createEvent(auth, A, 'primary', timed(1, 2)), 'permissionDeny');
		expectError(
			() => model.getEvent(auth, 'otherUser', 'primary', EVENT_IDS.allHands),
			'itemNotFound',
		);
	});
});

describe('seed', () => {
	it('the default seed meets the documented shape', () => {
		expect(() => validateSeed(cloneSeed())).not.toThrow();
		expect(defaultSeed.apps.map((a) => a.type)).toEqual(['internal', 'thirdParty']);
		expect(defaultSeed.users.length).toBeGreaterThanOrEqual(3);
		expect(defaultSeed.rooms.length).toBeGreaterThanOrEqual(12);
		expect(defaultSeed.roomGroups.length).toBeGreaterThanOrEqual(3);
		expect(defaultSeed.roomGroups.some((g) => g.parentId !== 0)).toBe(true);
		for (const r of defaultSeed.rooms) expect(r.roomId).toMatch(/^[0-9a-f]{48}$/);
		const caps = defaultSeed.rooms.map((r) => r.roomCapacity);
		expect(Math.min(...caps)).toBe(2);
		expect(Math.max(...caps)).toBe(30);
		const labels = new Set(defaultSeed.rooms.flatMap((r) => r.labels));
		for (const l of ['TV', 'Projector', 'Whiteboard', 'Video Conference'])
			expect(labels.has(l)).toBe(true);
		expect(defaultSeed.rooms.filter((r) => r.needsApproval)).toHaveLength(2);
		expect(defaultSeed.rooms.filter((r) => !r.open)).toHaveLength(1);
		expect(defaultSeed.events.filter((e) => e.roomIds.length > 0).length).toBeGreaterThanOrEqual(3);
		for (const e of defaultSeed.events) expect(e.start.startsWith('2030-')).toBe(true);
	});

	it('rejects bad seeds with a clear message', () => {
		const bad = (mutate: (s: ReturnType<typeof cloneSeed>) => void, msg: RegExp) => {
			const s = cloneSeed();
			mutate(s);
			expect(() => new SandboxModel(s)).toThrow(msg);
		};
		bad((s) => (s.apps = []), /at least one app/);
		bad((s) => (s.rooms[0].roomId = 'a/b'), /roomId/);
		bad((s) => (s.rooms[1].roomId = s.rooms[0].roomId), /duplicate room/);
		bad((s) => (s.roomGroups[1].parentId = 999), /unknown parent/);
		bad((s) => (s.events[0].roomIds = ['nope']), /unknown room/);
		bad((s) => (s.events[1].roomIds = [ROOM_IDS.westLake]), /both hold room/);
		bad((s) => (s.events[0].start = 'soon'), /event/);
		expect(() => validateSeed('x')).toThrow(/Invalid sandbox seed/);
	});

	it('is deterministic: two fresh models render the same seeded events', () => {
		const a = fresh().model.allEvents();
		const b = fresh(Date.parse('2031-01-01T00:00:00Z')).model.allEvents();
		expect(a).toEqual(b);
		expect(a.find((e) => e.eventId === EVENT_IDS.boardMeeting)?.meetingRooms).toEqual([
			{
				roomId: ROOM_IDS.boardroom,
				displayName: 'Boardroom 董事会议室',
				responseStatus: 'tentative',
			},
		]);
	});

	it('snapshots and restores events and tokens', () => {
		const { model, auth, token } = fresh();
		const id = create(model, auth, timed(9, 10));
		model.addMeetingRooms(auth, A, 'primary', id, {
			meetingRoomsToAdd: [{ roomId: ROOM_IDS.xixi }],
		});
		const snap = JSON.parse(JSON.stringify(model.snapshot()));
		const other = new SandboxModel(cloneSeed(), model.clock);
		other.restore(snap);
		const auth2 = other.authenticate(token);
		expect(other.getEvent(auth2, A, 'primary', id).meetingRooms).toHaveLength(1);
		const id2 = create(other, auth2, timed(9, 10));
		expectError(
			() =>
				other.addMeetingRooms(auth2, A, 'primary', id2, {
					meetingRoomsToAdd: [{ roomId: ROOM_IDS.xixi }],
				}),
			'meetingRoomNotAvailable',
		);
	});
});

describe('building blocks', () => {
	it('time parsing accepts RFC 3339 forms and rejects junk', () => {
		expect(parseInstant('2022-07-29T14:55Z')).toBe(Date.UTC(2022, 6, 29, 14, 55));
		expect(parseInstant('2020-01-01T10:15:30+08:00')).toBe(Date.UTC(2020, 0, 1, 2, 15, 30));
		expect(parseInstant('2020-01-01T10:15:30.123+0800')).toBe(Date.UTC(2020, 0, 1, 2, 15, 30, 123));
		expect(parseInstant('2020-02-30T00:00:00Z')).toBeNull();
		expect(parseInstant('2020-01-01T10:15:30')).toBeNull();
		expect(parseInstant('2020-01-01')).toBeNull();
		expect(formatInZone(Date.UTC(2030, 0, 1, 0, 0), 'America/New_York')).toBe(
			'2029-12-31T19:00:00-05:00',
		);
		// DST starts 2030-03-10 02:00 local (07:00Z) in New York.
		expect(formatInZone(Date.UTC(2030, 2, 10, 6, 59, 59), 'America/New_York')).toBe(
			'2030-03-10T01:59:59-05:00',
		);
		expect(formatInZone(Date.UTC(2030, 2, 10, 7, 0, 0), 'America/New_York')).toBe(
			'2030-03-10T03:00:00-04:00',
		);
		expect(formatInZone(Date.UTC(2030, 0, 15, 2, 0), 'Asia/Kolkata')).toBe(
			'2030-01-15T07:30:00+05:30',
		);
	});

	it('recurrence expansion', () => {
		const start = Date.UTC(2030, 0, 31, 1); // Thu 31 Jan 2030 09:00 +08:00
		const monthly = {
			startMs: start,
			endMs: start + 3_600_000,
			isAllDay: false,
			timeZone: 'Asia/Shanghai',
			recurrence: {
				pattern: { type: 'absoluteMonthly' as const, interval: 1, dayOfMonth: 31 },
				range: { type: 'numbered' as const, numberOfOccurrences: 3 },
			},
		};
		// Months without a 31st are skipped: Jan, Mar, May.
		expect(
			occurrencesIn(monthly, 0, Number.POSITIVE_INFINITY).map(([s]) =>
				new Date(s).toISOString().slice(0, 10),
			),
		).toEqual(['2030-01-31', '2030-03-31', '2030-05-31']);
		const lastFriday = {
			...monthly,
			recurrence: {
				pattern: {
					type: 'relativeMonthly' as const,
					interval: 1,
					index: 'last',
					daysOfWeek: 'friday',
				},
				range: { type: 'endDate' as const, endDate: '2030-04-30' },
			},
		};
		expect(
			occurrencesIn(lastFriday, 0, Number.POSITIVE_INFINITY).map(([s]) =>
				new Date(s).toISOString().slice(0, 10),
			),
		).toEqual(['2030-02-22', '2030-03-29', '2030-04-26']);
		const daily = {
			...monthly,
			recurrence: {
				pattern: { type: 'daily' as const, interval: 2 },
				range: { type: 'noEnd' as const },
			},
		};
		expect(
			seriesOverlap(daily, {
				startMs: start + 4 * 86_400_000,
				endMs: start + 4 * 86_400_000 + 1,
				isAllDay: false,
				timeZone: 'UTC',
			}),
		).toBe(true);
		expect(
			seriesOverlap(daily, {
				startMs: start + 3 * 86_400_000,
				endMs: start + 3 * 86_400_000 + 1,
				isAllDay: false,
				timeZone: 'UTC',
			}),
		).toBe(false);
	});

	it('idempotency cache: new → processing → replay, 24 h TTL', () => {
		let now = 0;
		const clock = new SandboxClock(0, () => now);
		const cache = new IdempotencyCache(clock);
		const k = IdempotencyCache.key('app', 'corp', 'POST', '/p', 't1');
		expect(cache.begin(k)).toEqual({ state: 'new' });
		expect(cache.begin(k)).toEqual({ state: 'processing' });
		cache.complete(k, 200, '{"result":true}', 'RID-1');
		expect(cache.begin(k)).toMatchObject({
			state: 'replay',
			response: { status: 200, body: '{"result":true}', requestId: 'RID-1' },
		});
		now += 24 * 3_600_000;
		expect(cache.begin(k)).toEqual({ state: 'new' });
		// A state file from before request ids were stored: the error body's requestid is reused.
		const old = {
			status: 400,
			body: '{"code":"x","requestid":"RID-OLD","message":"m"}',
			expiresAtMs: now + 1000,
		} as any;
		cache.restore([[k, old]]);
		expect(cache.begin(k)).toMatchObject({ state: 'replay', response: { requestId: 'RID-OLD' } });
	});

	it('rate limiter: per app and API, fixed one-second windows', () => {
		let now = 10_000;
		const rl = new RateLimiter(20, () => now);
		const ok = Array.from({ length: 25 }, () => rl.allow('app', 'CreateEvent'));
		expect(ok.filter(Boolean)).toHaveLength(20);
		expect(rl.allow('app', 'GetEvent')).toBe(true);
		expect(rl.allow('other', 'CreateEvent')).toBe(true);
		now += 1000;
		expect(rl.allow('app', 'CreateEvent')).toBe(true);
		rl.qps = null;
		expect(Array.from({ length: 100 }, () => rl.allow('app', 'x')).every(Boolean)).toBe(true);
	});

	it('fault rules: glob/regex/action matching, everyNth, count, seeded probability', () => {
		const f = new FaultEngine();
		f.setRules([
			{ route: 'POST /v1.0/calendar/*/meetingRooms', kind: 'http503', everyNth: 2, count: 2 },
		]);
		const path = '/v1.0/calendar/users/u/calendars/primary/events/e/meetingRooms';
		const hits = Array.from({ length: 8 }, () => f.decide('POST', path, 'AddMeetingRooms')?.kind);
		expect(hits).toEqual([
			undefined,
			'http503',
			undefined,
			'http503',
			undefined,
			undefined,
			undefined,
			undefined,
		]);
		expect(f.decide('GET', path, 'AddMeetingRooms')).toBeUndefined();
		f.setRules([{ route: 'AddMeetingRooms', kind: 'reset' }]);
		expect(f.decide('POST', '/x', 'AddMeetingRooms')?.kind).toBe('reset');
		expect(f.decide('POST', '/x', 'CreateEvent')).toBeUndefined();
		f.setRules([{ route: '^GET /v1\\.0/rooms/', kind: 'http500' }]);
		expect(f.decide('GET', '/v1.0/rooms/groupLists', 'QueryMeetingRoomGroupList')?.kind).toBe(
			'http500',
		);
		const run = () => {
			const e = new FaultEngine();
			e.setRules([{ kind: 'http500', probability: 0.3, seed: 42 }]);
			return Array.from({ length: 50 }, () => !!e.decide('GET', '/a', 'A'));
		};
		expect(run()).toEqual(run());
		const fired = run().filter(Boolean).length;
		expect(fired).toBeGreaterThan(5);
		expect(fired).toBeLessThan(30);
		expect(() => f.setRules([{ kind: 'explode' }])).toThrow(/kind must be one of/);
		expect(() => f.setRules([{ kind: 'http500', probability: 2 }])).toThrow(/probability/);
		expect(() => f.setRules([{ kind: 'http500', route: '^(' }])).toThrow(/regex/);
		expect(mulberry32(1)()).toBe(mulberry32(1)());
	});
});

describe('fidelity table (sandbox/README.md)', () => {
	const root = join(__dirname, '../../sandbox');
	const readme = readFileSync(join(root, 'README.md'), 'utf8');
	const fidelity = readme.slice(readme.indexOf('## Fidelity'));

	it('lists every catalogue message marked invented', () => {
		const missing = Object.entries(ERRORS)
			.filter(([, e]) => 'invented' in e && e.invented)
			.filter(([, e]) => !fidelity.includes(e.message))
			.map(([k]) => k);
		expect(missing).toEqual([]);
	});

	it('lists every free-text invalidParameter message the sandbox sends', () => {
		const files = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
				d.isDirectory()
					? files(join(dir, d.name))
					: d.name.endsWith('.ts')
						? [join(dir, d.name)]
						: [],
			);
		const missing: string[] = [];
		for (const file of files(root)) {
			const src = readFileSync(file, 'utf8');
			for (const m of src.matchAll(/invalidParameter\(\s*(['`])((?:(?!\1).)*)\1/g)) {
				// Template literals: every fixed part must be in the table (placeholders are written "…" or <x> there).
				for (const part of m[2]
					.split(/\$\{[^}]*\}/)
					.map((p) => p.trim())
					.filter((p) => p.length > 2)) {
					if (!fidelity.includes(part)) missing.push(`${file.slice(root.length + 1)}: ${part}`);
				}
			}
		}
		expect(missing).toEqual([]);
	});
});
