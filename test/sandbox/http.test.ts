/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals */
/**
 * The sandbox over real HTTP (port 0): wire conventions, auth, body handling, routing and path decoding,
 * idempotency, QPS limits, latency, fault injection, the control API and concurrency.
 */
import { connect } from 'node:net';

import {
	cloneSeed,
	EVENT_IDS,
	ROOM_IDS,
	startSandbox,
	USER_IDS,
	type RunningSandbox,
} from '../../sandbox';
import {
	ALICE,
	BOB,
	api,
	eventBody,
	getToken,
	internalApp,
	raw,
	type RawResponse,
} from './helpers';

let sb: RunningSandbox;
let token: string;
let dt: ReturnType<typeof api>;

const control = (path: string, body?: unknown) =>
	raw(sb.url, {
		method: body === undefined ? 'GET' : 'POST',
		path: `/__sandbox${path}`,
		body,
		headers: { 'content-type': 'application/json' },
	});

function expectDingTalkError(
	res: RawResponse,
	status: number,
	code: string,
	message?: string,
): void {
	expect({ status: res.status, code: res.json?.code }).toEqual({ status, code });
	expect(Object.keys(res.json).sort()).toEqual(['code', 'message', 'requestid']);
	if (message !== undefined) expect(res.json.message).toBe(message);
	expect(res.json.requestid).toMatch(
		/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/,
	);
	expect(res.headers['x-acs-request-id']).toBe(res.json.requestid);
	expect(res.headers['content-type']).toBe('application/json;charset=utf-8');
}

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
});

afterAll(async () => {
	await sb.close();
});

beforeEach(async () => {
	expect((await control('/reset', {})).status).toBe(200);
	token = await getToken(sb.url);
	dt = api(sb.url, token);
});

async function newEvent(start = 14, end = 15, user = ALICE): Promise<string> {
	const res = await dt.createEvent(eventBody(start, end), user);
	expect(res.status).toBe(200);
	return res.json.id as string;
}

describe('wire conventions', () => {
	it('answers JSON with x-acs-request-id and exact JSON types', async () => {
		const res = await dt.createEvent({
			...eventBody(9, 10),
			reminders: [{ method: 'dingtalk', minutes: 10 }],
			attendees: [{ id: BOB }],
		});
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('application/json;charset=utf-8');
		expect(res.headers['x-acs-request-id']).toMatch(/^[0-9A-F-]{36}$/);
		expect(res.json.reminders).toEqual([{ method: 'dingtalk', minutes: '10' }]);
		expect(typeof res.json.isAllDay).toBe('boolean');
		expect(typeof res.json.attendees[0].self).toBe('boolean');
		expect(typeof res.json.attendees[0].isOptional).toBe('boolean');
		expect(res.json.id).not.toMatch(/[/?#%]/);
	});

	it('keeps the token value out of every answer', async () => {
		const res = await dt.call('GET', `${dt.events()}?maxResults=1`);
		expect(res.text).not.toContain(token);
	});
});

describe('authentication', () => {
	const path = `/v1.0/rooms/meetingRoomLists?unionId=${USER_IDS.alice}`;

	it('missing header → 400 AuthenticationFailed.MissingParameter (Bearer and ?access_token are ignored)', async () => {
		expectDingTalkError(
			await raw(sb.url, { path }),
			400,
			'AuthenticationFailed.MissingParameter',
			'缺少参数：x-acs-dingtalk-access-token',
		);
		expectDingTalkError(
			await raw(sb.url, { path, headers: { authorization: `Bearer ${token}` } }),
			400,
			'AuthenticationFailed.MissingParameter',
		);
		expectDingTalkError(
			await raw(sb.url, { path: `${path}&access_token=${token}` }),
			400,
			'AuthenticationFailed.MissingParameter',
		);
	});

	it('unknown, JSON-quoted, expired and revoked tokens → 400 InvalidAuthentication (not 401)', async () => {
		const bad = (t: string) => raw(sb.url, { path, headers: { 'x-acs-dingtalk-access-token': t } });
		expectDingTalkError(
			await bad('0123456789abcdef0123456789abcdef'),
			400,
			'InvalidAuthentication',
			'不合法的access_token',
		);
		expectDingTalkError(await bad(`"${token}"`), 400, 'InvalidAuthentication');
		expect((await bad(token)).status).toBe(200);
		expect((await control('/tokens/expire', { accessToken: token })).json).toEqual({ expired: 1 });
		expectDingTalkError(await bad(token), 400, 'InvalidAuthentication');
		const t2 = await getToken(sb.url);
		expect(t2).not.toBe(token);
		expect((await control('/tokens/revoke', {})).json.revoked).toBeGreaterThanOrEqual(1);
		expectDingTalkError(await bad(t2), 400, 'InvalidAuthentication');
	});

	it('tokens expire after 7200 s of sandbox time', async () => {
		await control('/clock', { advanceSeconds: 7199 });
		expect(
			(await raw(sb.url, { path, headers: { 'x-acs-dingtalk-access-token': token } })).status,
		).toBe(200);
		await control('/clock', { advanceSeconds: 2 });
		expectDingTalkError(
			await raw(sb.url, { path, headers: { 'x-acs-dingtalk-access-token': token } }),
			400,
			'InvalidAuthentication',
		);
	});

	it('tokenTtlSeconds sets the lifetime (and expireIn) of tokens issued or renewed afterwards; reset restores 7200', async () => {
		const path2 = '/v1.0/oauth2/accessToken';
		const body = { appKey: internalApp.appKey, appSecret: internalApp.appSecret };
		expect((await control('/config')).json.tokenTtlSeconds).toBe(7200);
		expect((await control('/config', { tokenTtlSeconds: 60 })).json.tokenTtlSeconds).toBe(60);
		// The internal-app token is renewed with the new lifetime.
		expect((await raw(sb.url, { path: path2, body })).json).toEqual({
			accessToken: token,
			expireIn: 60,
		});
		const tp = sb.seed.apps[1] as {
			suiteKey: string;
			suiteSecret: string;
			suiteTicket: string;
			corpId: string;
		};
		const corp = await raw(sb.url, {
			path: '/v1.0/oauth2/corpAccessToken',
			body: {
				suiteKey: tp.suiteKey,
				suiteSecret: tp.suiteSecret,
				authCorpId: tp.corpId,
				suiteTicket: tp.suiteTicket,
			},
		});
		expect(corp.json.expireIn).toBe(60);
		await control('/clock', { advanceSeconds: 59 });
		expect(
			(await raw(sb.url, { path, headers: { 'x-acs-dingtalk-access-token': token } })).status,
		).toBe(200);
		await control('/clock', { advanceSeconds: 2 });
		expectDingTalkError(
			await raw(sb.url, { path, headers: { 'x-acs-dingtalk-access-token': token } }),
			400,
			'InvalidAuthentication',
		);
		expectDingTalkError(
			await raw(sb.url, {
				path,
				headers: { 'x-acs-dingtalk-access-token': corp.json.accessToken },
			}),
			400,
			'InvalidAuthentication',
		);
		for (const bad of [0, -5, 1.5, '60', null]) {
			const res = await control('/config', { tokenTtlSeconds: bad });
			expect([res.status, res.json.code]).toEqual([400, 'sandbox.invalidRequest']);
		}
		await control('/reset', {});
		expect((await control('/config')).json.tokenTtlSeconds).toBe(7200);
		expect((await raw(sb.url, { path: path2, body })).json.expireIn).toBe(7200);
	});

	it('token endpoints: same token while valid, wrong keys → invalidClientIdOrSecret, corp tokens', async () => {
		expect(await getToken(sb.url)).toBe(token);
		const res = await raw(sb.url, {
			path: '/v1.0/oauth2/accessToken',
			body: { appKey: internalApp.appKey, appSecret: 'wrong' },
		});
		expectDingTalkError(res, 400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret');
		const ok = await raw(sb.url, {
			path: '/v1.0/oauth2/accessToken',
			body: { appKey: internalApp.appKey, appSecret: internalApp.appSecret },
		});
		expect(ok.json).toEqual({ accessToken: token, expireIn: 7200 });
		expect(typeof ok.json.expireIn).toBe('number');
		const tp = sb.seed.apps[1] as {
			suiteKey: string;
			suiteSecret: string;
			suiteTicket: string;
			corpId: string;
		};
		const corp = await raw(sb.url, {
			path: '/v1.0/oauth2/corpAccessToken',
			body: {
				suiteKey: tp.suiteKey,
				suiteSecret: tp.suiteSecret,
				authCorpId: tp.corpId,
				suiteTicket: tp.suiteTicket,
			},
		});
		expect(corp.status).toBe(200);
		expect(corp.json.expireIn).toBe(7200);
		const rooms = await raw(sb.url, {
			path,
			headers: { 'x-acs-dingtalk-access-token': corp.json.accessToken },
		});
		expect(rooms.status).toBe(200);
		expectDingTalkError(
			await raw(sb.url, {
				path: '/v1.0/oauth2/corpAccessToken',
				body: { suiteKey: 'nope', suiteSecret: 'x', authCorpId: 'x', suiteTicket: 'x' },
			}),
			400,
			'invalidSuiteKey',
		);
		const stats = (await control('/stats')).json;
		expect(stats.tokenRequests).toBeGreaterThanOrEqual(4);
		expect(stats.tokensIssued).toBe(2);
	});

	it('an app without the scope gets 403 AccessTokenPermissionDenied with accessdenieddetail', async () => {
		const seed = cloneSeed();
		seed.apps.push({
			type: 'internal',
			appKey: 'readonly',
			appSecret: 'ro',
			corpId: seed.apps[0].corpId,
			name: 'Read only',
			permissions: ['Calendar.Event.Read'],
		});
		await control('/reset', { seed });
		const ro = await raw(sb.url, {
			path: '/v1.0/oauth2/accessToken',
			body: { appKey: 'readonly', appSecret: 'ro' },
		});
		const res = await api(sb.url, ro.json.accessToken).createEvent(eventBody(1, 2));
		expect(res.status).toBe(403);
		expect(res.json).toMatchObject({
			code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied',
			accessdenieddetail: { requiredScopes: ['Calendar.Event.Write'] },
		});
		expect(
			(await api(sb.url, ro.json.accessToken).call('GET', api(sb.url, '').events())).status,
		).toBe(200);
	});
});

describe('request bodies', () => {
	const tokenPath = '/v1.0/oauth2/accessToken';
	const creds = () => ({ appKey: internalApp.appKey, appSecret: internalApp.appSecret });

	it('accepts chunked JSON, any JSON content-type, and no content-type at all', async () => {
		for (const headers of [
			{ 'content-type': 'application/json; charset=utf-8' },
			{ 'content-type': 'application/json' },
			{ 'content-type': 'text/plain' },
			{} as Record<string, string>,
		]) {
			const chunked = await raw(sb.url, { path: tokenPath, body: creds(), chunked: true, headers });
			expect([chunked.status, chunked.json.accessToken]).toEqual([200, token]);
			const plain = await raw(sb.url, { path: tokenPath, body: creds(), headers });
			expect(plain.status).toBe(200);
		}
		const created = await raw(sb.url, {
			path: dt.events(),
			body: eventBody(9, 10),
			chunked: true,
			headers: {
				'x-acs-dingtalk-access-token': token,
				'content-type': 'application/json; charset=utf-8',
			},
		});
		expect(created.status).toBe(200);
	});

	it('malformed JSON, missing and form-encoded bodies → 400 Missingbody', async () => {
		expectDingTalkError(
			await raw(sb.url, {
				path: tokenPath,
				body: '{"appKey":',
				headers: { 'content-type': 'application/json' },
			}),
			400,
			'Missingbody',
			'body is mandatory for this action.',
		);
		expectDingTalkError(await raw(sb.url, { method: 'POST', path: tokenPath }), 400, 'Missingbody');
		expectDingTalkError(
			await raw(sb.url, {
				method: 'POST',
				path: tokenPath,
				headers: { 'content-type': 'application/json' },
			}),
			400,
			'Missingbody',
		);
		expectDingTalkError(
			await raw(sb.url, {
				path: tokenPath,
				body: 'appKey=a&appSecret=b',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
			}),
			400,
			'Missingbody',
		);
		expectDingTalkError(
			await raw(sb.url, { path: tokenPath, body: '{bad', chunked: true }),
			400,
			'Missingbody',
		);
		const noBody = await raw(sb.url, {
			method: 'POST',
			path: `${dt.events()}/${EVENT_IDS.quarterlyPlanning}/meetingRooms`,
			headers: { 'x-acs-dingtalk-access-token': token },
		});
		expectDingTalkError(noBody, 400, 'Missingbody');
	});

	it('wrong JSON types → 400 invalidParameter, never a crash', async () => {
		const id = await newEvent();
		const path = `${dt.events()}/${id}/meetingRooms`;
		for (const body of [
			{ meetingRoomsToAdd: 'x' },
			{ meetingRoomsToAdd: [{ roomId: 5 }] },
			{ meetingRoomsToAdd: [[ROOM_IDS.xixi]] },
			[],
			'"str"',
			'null',
			'42',
		]) {
			const res = await dt.call('POST', path, body);
			expect(res.status).toBe(400);
			expect(res.json.code).toBe('invalidParameter');
		}
		for (const body of [
			{ summary: 1, ...eventBody(1, 2), start: 'x' },
			{ ...eventBody(1, 2), isAllDay: 'false' },
			'null',
		]) {
			const res = await dt.createEvent(body);
			expect([res.status, res.json.code]).toEqual([400, 'invalidParameter']);
		}
		const schedule = await dt.call(
			'POST',
			`/v1.0/calendar/users/${ALICE}/meetingRooms/schedules/query`,
			{ roomIds: ROOM_IDS.xixi, startTime: 1, endTime: 2 },
		);
		expect([schedule.status, schedule.json.code]).toEqual([400, 'invalidParameter']);
		expect((await control('/health')).json).toEqual({ ok: true });
	});

	it('an oversized body → DingTalk-shaped 413', async () => {
		const big = JSON.stringify({ summary: 'x'.repeat(1_100_000) });
		const res = await raw(sb.url, {
			path: dt.events(),
			body: big,
			headers: { 'x-acs-dingtalk-access-token': token, 'content-type': 'application/json' },
		});
		expectDingTalkError(res, 413, 'InvalidParameter.BodyTooLarge');
		const chunked = await raw(sb.url, {
			path: dt.events(),
			body: big,
			chunked: true,
			headers: { 'x-acs-dingtalk-access-token': token },
		});
		expect(chunked.status).toBe(413);
		expect(chunked.json.code).toBe('InvalidParameter.BodyTooLarge');
	});

	it('AddMeetingRooms with [{}] (what the SDK sends for an unset roomId) → "roomId must be provided."', async () => {
		const id = await newEvent();
		const res = await dt.call('POST', `${dt.events()}/${id}/meetingRooms`, {
			meetingRoomsToAdd: [{}],
		});
		expectDingTalkError(res, 400, 'invalidParameter', 'roomId must be provided.');
		expectDingTalkError(
			await dt.call('POST', `${dt.events()}/${id}/meetingRooms/batchRemove`, {}),
			400,
			'invalidParameter',
			'Meeting rooms to remove must be provided.',
		);
	});
});

describe('routing and paths', () => {
	it('unknown /v1.0 paths and wrong methods → 404 InvalidAction.NotFound', async () => {
		expectDingTalkError(
			await raw(sb.url, { path: '/v1.0/calendar/nothing' }),
			404,
			'InvalidAction.NotFound',
			'Specified api is not found',
		);
		expectDingTalkError(
			await raw(sb.url, { method: 'GET', path: '/v1.0/oauth2/accessToken' }),
			404,
			'InvalidAction.NotFound',
		);
		expectDingTalkError(
			await raw(sb.url, {
				method: 'PATCH',
				path: `${dt.events()}/${EVENT_IDS.oneOnOne}`,
				body: {},
			}),
			404,
			'InvalidAction.NotFound',
		);
		expectDingTalkError(
			await raw(sb.url, { path: '/v1.0/rooms/meetingrooms/x' }),
			404,
			'InvalidAction.NotFound',
		); // case-sensitive
		expectDingTalkError(
			await raw(sb.url, { path: '/__sandbox/nope' }),
			404,
			'InvalidAction.NotFound',
		);
		expect((await control('/stats')).json.requests['GET (unknown)']).toEqual({ '404': 3 });
		// SDK endpoints the sandbox does not implement (fidelity row 10) are unknown paths too.
		for (const [method, path] of [
			['POST', `/v1.0/oauth2/${sb.seed.apps[0].corpId}/token`],
			['POST', '/v1.0/oauth2/suiteAccessToken'],
			['POST', '/v1.0/oauth2/userAccessToken'],
			['GET', '/v1.0/calendar/categories'],
			['POST', '/v1.0/calendar/me/schedules/query'],
			['GET', `/v1.0/calendar/users/${ALICE}/calendars/primary/instances`],
			['GET', `${dt.events()}/${EVENT_IDS.oneOnOne}/instances`],
			['POST', `${dt.events()}/${EVENT_IDS.oneOnOne}/cancel`],
		]) {
			expectDingTalkError(
				await dt.call(method, path, method === 'POST' ? {} : undefined),
				404,
				'InvalidAction.NotFound',
			);
		}
	});

	it('decodes percent-encoded path segments exactly once', async () => {
		const base = dt.events();
		expectDingTalkError(await dt.call('GET', `${base}/abc%2Fdef`), 404, 'itemNotFound');
		expectDingTalkError(
			await dt.call('POST', `${base}/abc%2Fdef/meetingRooms`, {
				meetingRoomsToAdd: [{ roomId: ROOM_IDS.xixi }],
			}),
			404,
			'itemNotFound',
		);
		expectDingTalkError(await dt.call('GET', `${base}/a%3Fb%23c`), 404, 'itemNotFound');
		expectDingTalkError(
			await dt.call('GET', `${base}/${EVENT_IDS.oneOnOne.slice(0, 4)}%252F`),
			404,
			'itemNotFound',
		);
		const enc = await dt.call('GET', `${base}/${encodeURIComponent(EVENT_IDS.oneOnOne)}`);
		expect(enc.json.id).toBe(EVENT_IDS.oneOnOne);
		const stats = (await control('/stats')).json;
		expect(stats.actions.GetEvent['404']).toBe(3);
		expect(stats.actions.AddMeetingRooms['404']).toBe(1);
	});

	it('a blank eventId in the path is 400 "eventId cannot be blank" (ListAttendees: its own codes), not 404', async () => {
		const base = dt.events();
		const blank = 'eventId cannot be blank';
		const cases: Array<[string, string, unknown?]> = [
			['GET', `${base}/`],
			['PUT', `${base}/`, { id: 'x', summary: 'y' }],
			['DELETE', `${base}/`],
			['GET', `${base}/%20`],
			['POST', `${base}//attendees`, { attendeesToAdd: [{ id: BOB }] }],
			['POST', `${base}//attendees/batchRemove`, { attendeesToRemove: [{ id: BOB }] }],
			['POST', `${base}//respond`, { responseStatus: 'accepted' }],
			['POST', `${base}//meetingRooms`, { meetingRoomsToAdd: [{ roomId: ROOM_IDS.xixi }] }],
			[
				'POST',
				`${base}//meetingRooms/batchRemove`,
				{ meetingRoomsToRemove: [{ roomId: ROOM_IDS.xixi }] },
			],
			['POST', `${base}//meetingRooms/${ROOM_IDS.xixi}/respond`, { responseStatus: 'accepted' }],
		];
		for (const [method, path, body] of cases)
			expectDingTalkError(await dt.call(method, path, body), 400, 'invalidParameter', blank);
		expectDingTalkError(
			await dt.call('GET', `${base}//attendees`),
			400,
			'invalidParameter.event.eventId',
			blank,
		);
		expectDingTalkError(
			await dt.call(
				'GET',
				`/v1.0/calendar/users/${ALICE}/calendars//events/${EVENT_IDS.oneOnOne}/attendees`,
			),
			400,
			'invalidParameter.event.calendarId',
			'CalendarId cannot be blank',
		);
		// Other APIs keep the plain code for a blank calendarId.
		expectDingTalkError(
			await dt.call('GET', `/v1.0/calendar/users/${ALICE}/calendars//events/${EVENT_IDS.oneOnOne}`),
			400,
			'invalidParameter',
			'CalendarId cannot be blank',
		);
	});

	it('a malformed URL or HTTP request gets a DingTalk-shaped 400', async () => {
		const res = await raw(sb.url, {
			path: `${dt.events()}/a%zz`,
			headers: { 'x-acs-dingtalk-access-token': token },
		});
		expectDingTalkError(res, 400, 'InvalidParameter', 'The request is malformed.');
		const { port } = new URL(sb.url);
		const text = await new Promise<string>((resolve, reject) => {
			const s = connect(Number(port), '127.0.0.1', () =>
				s.write('GARBAGE / HTTP/1.1\r\nHost: x\r\n\r\n'),
			);
			let data = '';
			s.on('data', (d) => (data += String(d)));
			s.on('end', () => resolve(data));
			s.on('error', reject);
		});
		expect(text).toMatch(/^HTTP\/1\.1 400/);
		expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({
			code: 'InvalidParameter',
			message: 'The request is malformed.',
		});
		expect((await control('/health')).status).toBe(200);
	});

	it('empty 200 bodies for DeleteEvent, AddAttendee and RemoveAttendee', async () => {
		const id = await newEvent();
		for (const res of [
			await dt.call('POST', `${dt.events()}/${id}/attendees`, { attendeesToAdd: [{ id: BOB }] }),
			await dt.call('POST', `${dt.events()}/${id}/attendees/batchRemove`, {
				attendeesToRemove: [{ id: BOB }],
			}),
			await dt.call('DELETE', `${dt.events()}/${id}`),
		]) {
			expect(res.status).toBe(200);
			expect(res.text).toBe('');
			expect(res.headers['content-type']).toBeUndefined();
		}
		expectDingTalkError(await dt.getEvent(id), 404, 'itemNotFound');
	});
});

describe('x-client-token idempotency', () => {
	it('replays the first status and body for 24 h of sandbox time', async () => {
		const h = { 'x-client-token': 'create-1' };
		const first = await dt.createEvent(eventBody(9, 10, 'once'), ALICE, h);
		const again = await dt.createEvent(eventBody(11, 12, 'different body'), ALICE, h);
		expect(again.status).toBe(200);
		expect(again.text).toBe(first.text);
		const list = await dt.call(
			'GET',
			`${dt.events()}?timeMin=2030-01-20T00:00:00Z&timeMax=2030-01-21T00:00:00Z`,
		);
		expect(list.json.events.map((e: { summary: string }) => e.summary)).toEqual(['once']);
		// Errors replay too; other paths and other tokens are separate.
		// The replay carries the first request id too: header == body requestid, as on every answer.
		expect(again.headers['x-acs-request-id']).toBe(first.headers['x-acs-request-id']);
		const busy = await dt.addRooms(first.json.id, [ROOM_IDS.oldLab], ALICE, {
			'x-client-token': 'add-1',
		});
		expect(busy.json.code).toBe('meetingRoomNotAvailable');
		const busyAgain = await dt.addRooms(first.json.id, [ROOM_IDS.oldLab], ALICE, {
			'x-client-token': 'add-1',
		});
		expect(busyAgain.text).toBe(busy.text);
		expectDingTalkError(busyAgain, 400, 'meetingRoomNotAvailable');
		expect(busyAgain.headers['x-acs-trace-id']).toBe(busy.headers['x-acs-trace-id']);
		expect(
			(await dt.createEvent(eventBody(11, 12, 'second'), ALICE, { 'x-client-token': 'create-2' }))
				.json.summary,
		).toBe('second');
		expect((await control('/stats')).json.idempotentReplays).toBe(2);
		await control('/clock', { advanceSeconds: 24 * 3600 });
		token = await getToken(sb.url);
		const later = await api(sb.url, token).createEvent(eventBody(13, 14, 'after a day'), ALICE, h);
		expect(later.json.summary).toBe('after a day');
	});

	it('a repeat while the first is still in flight → 400 idempotencyProcessing', async () => {
		await control('/config', { latencyMs: 150 });
		const h = { 'x-client-token': 'slow-1' };
		const [a, b] = await Promise.all([
			dt.createEvent(eventBody(9, 10), ALICE, h),
			dt.createEvent(eventBody(9, 10), ALICE, h),
		]);
		const statuses = [a, b].map((r) => r.json.code ?? r.status).sort();
		expect(statuses).toEqual([200, 'idempotencyProcessing']);
	});
});

describe('QPS limit', () => {
	it('is off by default, 20 per app per API when enabled → 403 QpsLimitForAppkeyAndApi', async () => {
		const path = `/v1.0/rooms/groupLists?unionId=${ALICE}`;
		const burst = () => Promise.all(Array.from({ length: 25 }, () => dt.call('GET', path)));
		expect((await burst()).every((r) => r.status === 200)).toBe(true);
		await control('/config', { qps: 20 });
		const before = (await control('/stats')).json.rateLimited as number;
		// Start the burst right after a second boundary so it falls in one window.
		await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
		const results = await burst();
		const limited = results.filter((r) => r.status === 403);
		expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(20);
		expect(limited.length).toBeGreaterThanOrEqual(5);
		expectDingTalkError(
			limited[0],
			403,
			'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
			'您的企业应用调用钉钉开放平台当前接口的所有请求都被暂时禁用了',
		);
		expect((await control('/stats')).json.rateLimited - before).toBe(limited.length);
		// Another API has its own budget.
		expect((await dt.call('GET', `/v1.0/rooms/meetingRoomLists?unionId=${ALICE}`)).status).toBe(
			200,
		);
		await new Promise((r) => setTimeout(r, 1000));
		expect((await dt.call('GET', path)).status).toBe(200);
	});
});

describe('QPS limit for a third-party (ISV) app', () => {
	const path = `/v1.0/rooms/groupLists?unionId=${ALICE}`;
	const ISV_MESSAGE = '您的ISV应用调用钉钉开放平台当前接口的所有请求都被暂时禁用了';
	const corpToken = async (): Promise<string> => {
		const tp = sb.seed.apps[1] as {
			suiteKey: string;
			suiteSecret: string;
			suiteTicket: string;
			corpId: string;
		};
		const res = await raw(sb.url, {
			path: '/v1.0/oauth2/corpAccessToken',
			body: {
				suiteKey: tp.suiteKey,
				suiteSecret: tp.suiteSecret,
				authCorpId: tp.corpId,
				suiteTicket: tp.suiteTicket,
			},
		});
		expect(res.status).toBe(200);
		return res.json.accessToken as string;
	};

	it('the limiter answers 403 QpsLimitForSuitekeyAndOrgAndApi to an ISV token, the internal code to an internal one', async () => {
		const isv = api(sb.url, await corpToken());
		await control('/config', { qps: 1 });
		await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
		const [a, b, c, d] = await Promise.all([
			isv.call('GET', path),
			isv.call('GET', path),
			dt.call('GET', path),
			dt.call('GET', path),
		]);
		expect([a.status, b.status].sort()).toEqual([200, 403]);
		expectDingTalkError(
			[a, b].find((r) => r.status === 403) as RawResponse,
			403,
			'Forbidden.AccessDenied.QpsLimitForSuitekeyAndOrgAndApi',
			ISV_MESSAGE,
		);
		expect([c.status, d.status].sort()).toEqual([200, 403]);
		expect(([c, d].find((r) => r.status === 403) as RawResponse).json.code).toBe(
			'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
		);
	});

	it('a qps403 fault picks the code by the caller: ISV token or corp-token endpoint → ISV code; internal or no token → internal code', async () => {
		const isv = api(sb.url, await corpToken());
		await control('/config', { faults: [{ kind: 'qps403' }] });
		expectDingTalkError(
			await isv.call('GET', path),
			403,
			'Forbidden.AccessDenied.QpsLimitForSuitekeyAndOrgAndApi',
			ISV_MESSAGE,
		);
		expectDingTalkError(
			await raw(sb.url, { path: '/v1.0/oauth2/corpAccessToken', body: {} }),
			403,
			'Forbidden.AccessDenied.QpsLimitForSuitekeyAndOrgAndApi',
		);
		expectDingTalkError(
			await dt.call('GET', path),
			403,
			'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
		);
		expectDingTalkError(
			await raw(sb.url, { path }),
			403,
			'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
		);
		expectDingTalkError(
			await raw(sb.url, { path: '/v1.0/oauth2/accessToken', body: {} }),
			403,
			'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
		);
		expect((await control('/stats')).json.rateLimited).toBe(5);
	});
});

describe('latency and faults', () => {
	const listPath = () => `/v1.0/rooms/meetingRoomLists?unionId=${ALICE}`;

	it('latency applies to /v1.0 routes only', async () => {
		await control('/config', { latencyMs: 300 });
		let t = Date.now();
		expect((await dt.call('GET', listPath())).status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(290);
		t = Date.now();
		await control('/stats');
		expect(Date.now() - t).toBeLessThan(250);
	});

	it('HTTP 500/502/503, 403 QPS and idempotencyProcessing faults carry DingTalk bodies', async () => {
		const kinds: Array<[string, number, string]> = [
			['http500', 500, 'unknownError'],
			['http502', 502, 'BadGateway'],
			['http503', 503, 'ServiceUnavailable'],
			['qps403', 403, 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi'],
			['idempotencyProcessing', 400, 'idempotencyProcessing'],
		];
		for (const [kind, status, code] of kinds) {
			await control('/config', { faults: [{ route: 'GET /v1.0/rooms/*', kind, count: 1 }] });
			expectDingTalkError(await dt.call('GET', listPath()), status, code);
			expect((await dt.call('GET', listPath())).status).toBe(200); // count: 1
		}
		expect((await control('/stats')).json.faultsInjected).toBe(5);
	});

	it('htmlBan answers an HTML page (not JSON)', async () => {
		await control('/config', { faults: [{ route: 'QueryMeetingRoomList', kind: 'htmlBan' }] });
		const res = await dt.call('GET', listPath());
		expect(res.status).toBe(403);
		expect(res.headers['content-type']).toMatch(/^text\/html/);
		expect(res.json).toBeUndefined();
		expect(res.text).toMatch(/<html/);
	});

	it('reset drops the connection; hang never answers (or drops after delayMs)', async () => {
		await control('/config', {
			faults: [{ route: 'QueryMeetingRoomList', kind: 'reset', count: 1 }],
		});
		await expect(dt.call('GET', listPath())).rejects.toThrow(/ECONNRESET|socket hang up/);
		await control('/config', {
			faults: [{ route: 'QueryMeetingRoomList', kind: 'hang', count: 1 }],
		});
		await expect(
			raw(sb.url, {
				path: listPath(),
				headers: { 'x-acs-dingtalk-access-token': token },
				timeoutMs: 300,
			}),
		).rejects.toThrow(/client timeout/);
		await control('/config', {
			faults: [{ route: 'QueryMeetingRoomList', kind: 'hang', delayMs: 100, count: 1 }],
		});
		await expect(dt.call('GET', listPath())).rejects.toThrow(/ECONNRESET|socket hang up/);
		const stats = (await control('/stats')).json;
		expect(stats.requests['GET /v1.0/rooms/meetingRoomLists']).toMatchObject({ reset: 1, hang: 2 });
		expect((await dt.call('GET', listPath())).status).toBe(200);
	});

	it('slow delays a success', async () => {
		await control('/config', {
			faults: [{ route: 'QueryMeetingRoomList', kind: 'slow', delayMs: 150 }],
		});
		const t = Date.now();
		expect((await dt.call('GET', listPath())).status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(140);
	});

	it('after: true applies the write, then fails (the ambiguous case); a retry with the same x-client-token replays success', async () => {
		const id = await newEvent();
		await control('/config', {
			faults: [
				{ route: 'POST /v1.0/calendar/*/meetingRooms', kind: 'http503', after: true, count: 1 },
			],
		});
		const h = { 'x-client-token': 'book-1' };
		expect((await dt.addRooms(id, [ROOM_IDS.xixi], ALICE, h)).status).toBe(503);
		expect((await control(`/events/${id}`)).json.meetingRooms).toEqual([
			{ roomId: ROOM_IDS.xixi, displayName: '西溪 Xixi', responseStatus: 'accepted' },
		]);
		const retry = await dt.addRooms(id, [ROOM_IDS.xixi], ALICE, h);
		expect([retry.status, retry.json]).toEqual([200, { result: true }]);
		// Before (default): nothing is written.
		await control('/config', { faults: [{ route: 'AddMeetingRooms', kind: 'http500', count: 1 }] });
		expect((await dt.addRooms(id, [ROOM_IDS.bund])).status).toBe(500);
		expect((await control(`/events/${id}`)).json.roomIds).toEqual([ROOM_IDS.xixi]);
	});

	it('everyNth and probability with a seed are reproducible', async () => {
		await control('/config', {
			faults: [{ route: 'QueryMeetingRoomList', kind: 'http500', everyNth: 3 }],
		});
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await dt.call('GET', listPath())).status);
		expect(statuses).toEqual([200, 200, 500, 200, 200, 500]);
		const run = async () => {
			await control('/config', {
				faults: [{ route: 'QueryMeetingRoomList', kind: 'http500', probability: 0.5, seed: 7 }],
			});
			const out: number[] = [];
			for (let i = 0; i < 10; i++) out.push((await dt.call('GET', listPath())).status);
			return out;
		};
		expect(await run()).toEqual(await run());
	});

	it('strictTimestamps and limits are configurable and undone by reset', async () => {
		const path = `/v1.0/calendar/users/${ALICE}/meetingRooms/schedules/query`;
		const body = {
			roomIds: [ROOM_IDS.xixi],
			startTime: '2030-01-15T00:00Z',
			endTime: '2030-01-16T00:00Z',
		};
		expect((await dt.call('POST', path, body)).status).toBe(200);
		expect(
			(await control('/config', { strictTimestamps: true, limits: { eventsPerUserPerDay: 1 } }))
				.json,
		).toMatchObject({
			strictTimestamps: true,
			limits: { eventsPerUserPerDay: 1, maxRoomsPerEvent: 5 },
		});
		expectDingTalkError(
			await dt.call('POST', path, body),
			400,
			'InvalidParameter.ParsedISO8601TimestampError',
		);
		expect((await dt.createEvent(eventBody(1, 2))).status).toBe(200);
		expectDingTalkError(await dt.createEvent(eventBody(1, 2)), 400, 'flowLimit');
		await control('/reset', {});
		token = await getToken(sb.url);
		expect((await api(sb.url, token).call('POST', path, body)).status).toBe(200);
	});

	it('rejects invalid config with a 400', async () => {
		for (const body of [
			{ faults: [{ kind: 'boom' }] },
			{ latencyMs: -1 },
			{ qps: 'fast' },
			{ faults: {} },
			{ limits: { nope: 1 } },
			{ strictTimestamps: 'yes' },
			'[1]',
		]) {
			const res = await control('/config', body);
			expect(res.status).toBe(400);
			expect(res.json.code).toMatch(/^sandbox\./);
		}
		expect((await control('/config')).json).toMatchObject({ latencyMs: 0, qps: null, faults: [] });
	});
});

describe('control API', () => {
	it('GET /__sandbox/seed returns the contract shape', async () => {
		const seed = (await control('/seed')).json;
		expect(seed.apps[0]).toEqual({
			type: 'internal',
			appKey: expect.any(String),
			appSecret: expect.any(String),
			corpId: expect.any(String),
			name: expect.any(String),
		});
		expect(seed.apps[1]).toEqual({
			type: 'thirdParty',
			suiteKey: expect.any(String),
			suiteSecret: expect.any(String),
			suiteTicket: expect.any(String),
			corpId: expect.any(String),
			name: expect.any(String),
		});
		expect(seed.users[0]).toEqual({
			unionId: ALICE,
			userId: expect.any(String),
			name: expect.any(String),
		});
		expect(seed.roomGroups[0]).toEqual({
			groupId: expect.any(Number),
			groupName: expect.any(String),
			parentId: 0,
		});
		expect(seed.rooms[0]).toEqual({
			roomId: expect.stringMatching(/^[0-9a-f]{48}$/),
			roomName: expect.any(String),
			roomCapacity: expect.any(Number),
			groupId: expect.any(Number),
			labels: expect.any(Array),
			needsApproval: expect.any(Boolean),
			open: expect.any(Boolean),
		});
		expect(seed.events[0]).toMatchObject({
			eventId: expect.any(String),
			organizerUnionId: ALICE,
			summary: expect.any(String),
			start: expect.any(String),
			end: expect.any(String),
			roomIds: expect.any(Array),
		});
	});

	it('reset restores the seed state, optionally with a new seed; a bad seed is a 400 and changes nothing', async () => {
		const id = await newEvent();
		await control('/config', { latencyMs: 5, qps: 10 });
		await control('/clock', { advanceSeconds: 3600 });
		await control('/reset', {});
		expect((await control(`/events/${id}`)).status).toBe(404);
		expect((await control('/config')).json).toMatchObject({ latencyMs: 0, qps: null });
		expect(Math.abs((await control('/clock')).json.offsetSeconds)).toBe(0);
		const seed = cloneSeed();
		seed.users.push({ unionId: 'newUser123', userId: 'n1', name: 'Nina' });
		expect((await control('/reset', seed)).status).toBe(200);
		expect(sb.seed.users.map((u) => u.unionId)).toContain('newUser123');
		const bad = await control('/reset', { apps: [] });
		expect([bad.status, bad.json.code]).toEqual([400, 'sandbox.invalidSeed']);
		expect(
			(await control('/seed')).json.users.map((u: { unionId: string }) => u.unionId),
		).toContain('newUser123');
		await control('/reset', { seed: cloneSeed() });
		expect(
			(await control('/seed')).json.users.map((u: { unionId: string }) => u.unionId),
		).not.toContain('newUser123');
	});

	it('events: all, one with meetingRooms, 404 for unknown; approval via the respond shortcut', async () => {
		const all = (await control('/events')).json.events;
		expect(all.map((e: { eventId: string }) => e.eventId)).toEqual(
			expect.arrayContaining(Object.values(EVENT_IDS)),
		);
		const board = (await control(`/events/${EVENT_IDS.boardMeeting}`)).json;
		expect(board).toMatchObject({
			eventId: EVENT_IDS.boardMeeting,
			status: 'confirmed',
			meetingRooms: [
				{
					roomId: ROOM_IDS.boardroom,
					responseStatus: 'tentative',
					displayName: expect.any(String),
				},
			],
		});
		const missing = await control('/events/nope');
		expect(missing.status).toBe(404);
		const approved = await control(
			`/events/${EVENT_IDS.boardMeeting}/meetingRooms/${ROOM_IDS.boardroom}/respond`,
			{ responseStatus: 'accepted' },
		);
		expect(approved.json.meetingRooms[0].responseStatus).toBe('accepted');
		// The SDK endpoint does the same.
		const res = await dt.call(
			'POST',
			`/v1.0/calendar/users/${ALICE}/calendars/primary/events/${EVENT_IDS.boardMeeting}/meetingRooms/${ROOM_IDS.boardroom}/respond`,
			{ responseStatus: 'declined' },
		);
		expect(res.json).toEqual({ result: true });
		expect(
			(await control(`/events/${EVENT_IDS.boardMeeting}`)).json.meetingRooms[0].responseStatus,
		).toBe('declined');
	});

	it('stats count answers per route and status; the control API is not counted', async () => {
		await dt.call('GET', `/v1.0/rooms/meetingRoomLists?unionId=${ALICE}`);
		await dt.call('GET', `/v1.0/rooms/meetingRoomLists`);
		await control('/events');
		const stats = (await control('/stats')).json;
		expect(stats.requests['GET /v1.0/rooms/meetingRoomLists']).toEqual({ '200': 1, '400': 1 });
		expect(stats.requests['POST /v1.0/oauth2/accessToken']).toEqual({ '200': 1 });
		expect(Object.keys(stats.requests).some((k) => k.includes('__sandbox'))).toBe(false);
		expect(stats).toMatchObject({ tokensIssued: 1, tokenRequests: 1, rateLimited: 0 });
	});

	it('clock: advance and set', async () => {
		const before = (await control('/clock')).json;
		const after = (await control('/clock', { advanceSeconds: 86400 })).json;
		expect(after.offsetSeconds).toBe(86400);
		expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(86_399_000);
		const set = (await control('/clock', { setTime: '2030-01-15T08:00:00+08:00' })).json;
		expect(Math.abs(Date.parse(set.now) - Date.parse('2030-01-15T00:00:00Z'))).toBeLessThan(1000);
		expect((await control('/clock', { advanceSeconds: 'soon' })).status).toBe(400);
	});
});

describe('concurrency', () => {
	it('serves 200 concurrent requests correctly', async () => {
		const calls = Array.from({ length: 200 }, (_, i) => {
			switch (i % 4) {
				case 0:
					return dt
						.call('GET', `/v1.0/rooms/meetingRoomLists?unionId=${ALICE}&maxResults=100`)
						.then((r) => r.status === 200 && r.json.result.length === sb.seed.rooms.length);
				case 1:
					return dt
						.getEvent(EVENT_IDS.quarterlyPlanning)
						.then((r) => r.status === 200 && r.json.id === EVENT_IDS.quarterlyPlanning);
				case 2:
					return dt
						.createEvent(
							eventBody(8, 9, `c${i}`),
							[ALICE, BOB, USER_IDS.carol, USER_IDS.david][i % 4],
						)
						.then((r) => r.status === 200 && r.json.summary === `c${i}`);
				default:
					return dt
						.call('POST', `/v1.0/calendar/users/${ALICE}/meetingRooms/schedules/query`, {
							roomIds: [ROOM_IDS.westLake],
							startTime: '2030-01-15T00:00:00Z',
							endTime: '2030-01-16T00:00:00Z',
						})
						.then(
							(r) => r.status === 200 && r.json.scheduleInformation[0].scheduleItems.length === 1,
						);
			}
		});
		const ok = await Promise.all(calls);
		expect(ok.filter(Boolean)).toHaveLength(200);
	});

	it.each([0, 50])(
		'12 events racing for one room: exactly one wins (latency %i ms)',
		async (latencyMs) => {
			const ids = await Promise.all(Array.from({ length: 12 }, () => newEvent(16, 17)));
			await control('/config', { latencyMs });
			const results = await Promise.all(ids.map((id) => dt.addRooms(id, [ROOM_IDS.bund])));
			expect(results.filter((r) => r.status === 200)).toHaveLength(1);
			expect(results.filter((r) => r.json?.code === 'meetingRoomNotAvailable')).toHaveLength(11);
			const holders = (await control('/events')).json.events.filter((e: { roomIds: string[] }) =>
				e.roomIds.includes(ROOM_IDS.bund),
			);
			expect(holders).toHaveLength(1);
		},
	);
});
