/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any */
/**
 * DingTalk's official Node SDK (@alicloud/dingtalk 2.2.27, protocol http) against the sandbox: token,
 * room list paging, create event, add rooms, every documented AddMeetingRooms error, free/busy, remove,
 * delete. The SDK decodes every answer into its typed models, but it silently coerces "3" → 3 and
 * "true" → true, so a recording proxy between SDK and sandbox lets the same test assert the raw JSON
 * types too.
 */
import {
	createServer,
	request as httpRequest,
	type IncomingHttpHeaders,
	type Server,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import CalendarClient, * as $Cal from '@alicloud/dingtalk/dist/calendar_1_0/client';
import OAuthClient, * as $OAuth from '@alicloud/dingtalk/dist/oauth2_1_0/client';
import RoomsClient, * as $Rooms from '@alicloud/dingtalk/dist/rooms_1_0/client';
import { Config } from '@alicloud/openapi-client';
import { RuntimeOptions } from '@alicloud/tea-util';

import {
	EVENT_IDS,
	ROOM_IDS,
	startSandbox,
	USER_IDS,
	type RunningSandbox,
	type SeedThirdPartyApp,
} from '../../sandbox';
import { internalApp, raw } from './helpers';

interface Exchange {
	method: string;
	url: string;
	requestHeaders: IncomingHttpHeaders;
	requestBody: string;
	status: number;
	responseHeaders: IncomingHttpHeaders;
	body: string;
	json: any;
}

/** Forwards everything to the sandbox and records both directions. */
function recordingProxy(
	target: string,
): Promise<{ server: Server; port: number; log: Exchange[] }> {
	const t = new URL(target);
	const log: Exchange[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const requestBody = Buffer.concat(chunks);
			const fwd = httpRequest(
				{
					host: t.hostname,
					port: t.port,
					method: req.method,
					path: req.url,
					headers: req.headers,
					agent: false,
				},
				(up) => {
					const out: Buffer[] = [];
					up.on('data', (c: Buffer) => out.push(c));
					up.on('end', () => {
						const body = Buffer.concat(out).toString('utf8');
						let json: unknown;
						try {
							json = body ? JSON.parse(body) : undefined;
						} catch {
							json = undefined;
						}
						log.push({
							method: req.method ?? '',
							url: req.url ?? '',
							requestHeaders: req.headers,
							requestBody: requestBody.toString('utf8'),
							status: up.statusCode ?? 0,
							responseHeaders: up.headers,
							body,
							json,
						});
						const headers = { ...up.headers };
						delete headers['transfer-encoding'];
						headers['content-length'] = String(Buffer.byteLength(body));
						res.writeHead(up.statusCode ?? 502, headers);
						res.end(body);
					});
				},
			);
			fwd.on('error', () => res.destroy());
			fwd.end(requestBody);
		});
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({ server, port: (server.address() as AddressInfo).port, log }),
		),
	);
}

interface SdkError {
	code: string;
	statusCode: number;
	message: string;
	data: { code: string; message: string; requestid: string; statusCode: number };
}

async function sdkError(p: Promise<unknown>): Promise<SdkError> {
	try {
		await p;
	} catch (e) {
		return e as SdkError;
	}
	throw new Error('expected the SDK call to fail');
}

const ALICE = USER_IDS.alice;

describe('official DingTalk SDK against the sandbox', () => {
	let sb: RunningSandbox;
	let proxy: Awaited<ReturnType<typeof recordingProxy>>;
	let oauth: OAuthClient;
	let calendar: CalendarClient;
	let rooms: RoomsClient;
	let token: string;
	const runtime = new RuntimeOptions({});
	const last = (): Exchange => proxy.log[proxy.log.length - 1];
	const calHeaders = <T>(
		H: new (m: Record<string, unknown>) => T,
		extra: Record<string, unknown> = {},
	): T => new H({ xAcsDingtalkAccessToken: token, ...extra });

	beforeAll(async () => {
		sb = await startSandbox({ port: 0 });
		proxy = await recordingProxy(sb.url);
		const config = () => new Config({ protocol: 'http', endpoint: `127.0.0.1:${proxy.port}` });
		oauth = new OAuthClient(config());
		calendar = new CalendarClient(config());
		rooms = new RoomsClient(config());
	});

	afterAll(async () => {
		await new Promise<void>((resolve) => proxy.server.close(() => resolve()));
		await sb.close();
	});

	it('gets tokens (internal and corp); raw expireIn is a number', async () => {
		const res = await oauth.getAccessToken(
			new $OAuth.GetAccessTokenRequest({
				appKey: internalApp.appKey,
				appSecret: internalApp.appSecret,
			}),
		);
		expect(res.statusCode).toBe(200);
		token = res.body?.accessToken ?? '';
		expect(token).toMatch(/^[0-9a-f]{32}$/);
		expect(res.body?.expireIn).toBe(7200);
		expect(last().json).toEqual({ accessToken: token, expireIn: 7200 });
		expect(typeof last().json.expireIn).toBe('number');
		// What the SDK really sends: chunked JSON with a charset, no token header.
		expect(last().requestHeaders['transfer-encoding']).toBe('chunked');
		expect(last().requestHeaders['content-type']).toBe('application/json; charset=utf-8');
		expect(last().requestHeaders['x-acs-dingtalk-access-token']).toBeUndefined();

		const tp = sb.seed.apps[1] as SeedThirdPartyApp;
		const corp = await oauth.getCorpAccessToken(
			new $OAuth.GetCorpAccessTokenRequest({
				suiteKey: tp.suiteKey,
				suiteSecret: tp.suiteSecret,
				authCorpId: tp.corpId,
				suiteTicket: tp.suiteTicket,
			}),
		);
		expect(corp.body?.expireIn).toBe(7200);
		expect(typeof last().json.expireIn).toBe('number');

		const bad = await sdkError(
			oauth.getAccessToken(
				new $OAuth.GetAccessTokenRequest({ appKey: internalApp.appKey, appSecret: 'wrong' }),
			),
		);
		expect([bad.code, bad.statusCode, bad.data.message]).toEqual([
			'invalidClientIdOrSecret',
			400,
			'无效的clientId或者clientSecret',
		]);
	});

	it('pages through the room list (numeric nextToken, boolean hasMore)', async () => {
		const seen: string[] = [];
		let nextToken: number | undefined;
		let pages = 0;
		for (;;) {
			const res = await rooms.queryMeetingRoomListWithOptions(
				new $Rooms.QueryMeetingRoomListRequest({ unionId: ALICE, maxResults: 5, nextToken }),
				calHeaders($Rooms.QueryMeetingRoomListHeaders),
				runtime,
			);
			pages++;
			const raw = last().json;
			expect(typeof raw.hasMore).toBe('boolean');
			for (const r of raw.result) {
				expect(typeof r.roomCapacity).toBe('number');
				expect(typeof r.roomStatus).toBe('number');
				expect(typeof r.roomGroup.groupId).toBe('number');
				expect(typeof r.roomGroup.parentId).toBe('number');
				for (const l of r.roomLabels) expect(typeof l.labelId).toBe('number');
			}
			for (const r of res.body?.result ?? []) seen.push(r.roomId ?? '');
			if (!res.body?.hasMore) break;
			expect(typeof raw.nextToken).toBe('number');
			nextToken = res.body.nextToken;
		}
		expect(pages).toBe(3);
		expect(seen).toEqual(sb.seed.rooms.map((r) => r.roomId));
		expect(last().url).toMatch(/nextToken=10/);

		const detail = await rooms.queryMeetingRoomWithOptions(
			ROOM_IDS.oldLab,
			new $Rooms.QueryMeetingRoomRequest({ unionId: ALICE }),
			calHeaders($Rooms.QueryMeetingRoomHeaders),
			runtime,
		);
		expect(detail.body?.result?.extensionConfig?.openReservation).toBe(false);
		expect(last().json.result.extensionConfig.openReservation).toBe(false);
		expect(detail.body?.result?.extensionConfig?.reservationCloseDetail).toMatchObject({
			closeReason: 'Closed for renovation',
		});
		expect(
			detail.body?.result?.extensionConfig?.reservationCloseDetail?.taskEndTime,
		).toBeUndefined();
		expect(typeof last().json.result.extensionConfig.reservationCloseDetail.taskStartTime).toBe(
			'number',
		);
		const groups = await rooms.queryMeetingRoomGroupListWithOptions(
			new $Rooms.QueryMeetingRoomGroupListRequest({ unionId: ALICE }),
			calHeaders($Rooms.QueryMeetingRoomGroupListHeaders),
			runtime,
		);
		expect(groups.body?.result?.map((g) => g.groupId)).toEqual(
			sb.seed.roomGroups.map((g) => g.groupId),
		);
		const group = await rooms.queryMeetingRoomGroupWithOptions(
			'102',
			new $Rooms.QueryMeetingRoomGroupRequest({ unionId: ALICE }),
			calHeaders($Rooms.QueryMeetingRoomGroupHeaders),
			runtime,
		);
		expect(group.body).toMatchObject({ groupId: 102, parentId: 101 });
		expect(last().json).toEqual({ groupId: 102, groupName: 'HQ · 5F', parentId: 101 });
	});

	let eventId = '';

	it('creates an event (reminder minutes are strings on the wire)', async () => {
		const res = await calendar.createEventWithOptions(
			ALICE,
			'primary',
			new $Cal.CreateEventRequest({
				summary: 'SDK booking',
				start: new $Cal.CreateEventRequestStart({
					dateTime: '2030-02-11T10:00:00+08:00',
					timeZone: 'Asia/Shanghai',
				}),
				end: new $Cal.CreateEventRequestEnd({
					dateTime: '2030-02-11T11:00:00+08:00',
					timeZone: 'Asia/Shanghai',
				}),
				attendees: [new $Cal.CreateEventRequestAttendees({ id: USER_IDS.bob, isOptional: false })],
				reminders: [new $Cal.CreateEventRequestReminders({ method: 'dingtalk', minutes: 5 })],
			}),
			calHeaders($Cal.CreateEventHeaders, { xClientToken: 'sdk-create-1' }),
			runtime,
		);
		eventId = res.body?.id ?? '';
		expect(eventId).toMatch(/^[A-Za-z0-9_-]+$/); // survives the SDK's unencoded path parameters
		expect(res.body?.attendees?.[0]).toMatchObject({
			id: USER_IDS.bob,
			displayName: 'Bob Li',
			self: false,
		});
		const raw = last().json;
		expect(raw.reminders).toEqual([{ method: 'dingtalk', minutes: '5' }]);
		expect(typeof raw.isAllDay).toBe('boolean');
		expect(typeof raw.attendees[0].isOptional).toBe('boolean');
		expect(last().requestHeaders['x-client-token']).toBe('sdk-create-1');
	});

	it('adds rooms; approval rooms come back tentative', async () => {
		const add = (roomIds: Array<string | undefined>, id = eventId) =>
			calendar.addMeetingRoomsWithOptions(
				ALICE,
				'primary',
				id,
				new $Cal.AddMeetingRoomsRequest({
					meetingRoomsToAdd: roomIds.map(
						(roomId) => new $Cal.AddMeetingRoomsRequestMeetingRoomsToAdd({ roomId }),
					),
				}),
				calHeaders($Cal.AddMeetingRoomsHeaders),
				runtime,
			);
		const ok = await add([ROOM_IDS.xixi, ROOM_IDS.executiveLounge]);
		expect(ok.body?.result).toBe(true);
		expect(last().json).toEqual({ result: true });
		expect(typeof last().json.result).toBe('boolean');
		// Re-adding a held room is a no-op.
		expect((await add([ROOM_IDS.xixi])).body?.result).toBe(true);

		const ev = await calendar.getEventWithOptions(
			ALICE,
			'primary',
			eventId,
			new $Cal.GetEventRequest({}),
			calHeaders($Cal.GetEventHeaders),
			runtime,
		);
		expect(ev.body?.meetingRooms?.map((r) => [r.roomId, r.responseStatus])).toEqual([
			[ROOM_IDS.xixi, 'accepted'],
			[ROOM_IDS.executiveLounge, 'tentative'],
		]);
		expect(ev.body?.location?.meetingRooms).toEqual(['西溪 Xixi', 'Executive Lounge']);
		expect(last().json.reminders[0].minutes).toBe('5');
		expect(last().json.status).toBe('confirmed');
		expect(ev.body?.seriesMasterId).toBe('');
		expect(ev.body?.extendedProperties?.sharedProperties).toMatchObject({
			sourceOpenCid: '',
			belongCorpId: sb.seed.apps[0].corpId,
		});
		expect(typeof last().json.seriesMasterId).toBe('string');
		expect(typeof last().json.extendedProperties.sharedProperties.sourceOpenCid).toBe('string');
	});

	it('answers every documented AddMeetingRooms error', async () => {
		const add = (body: $Cal.AddMeetingRoomsRequest, id = eventId) =>
			sdkError(
				calendar.addMeetingRoomsWithOptions(
					ALICE,
					'primary',
					id,
					body,
					calHeaders($Cal.AddMeetingRoomsHeaders),
					runtime,
				),
			);
		const rooms = (ids: Array<string | undefined>) =>
			new $Cal.AddMeetingRoomsRequest({
				meetingRoomsToAdd: ids.map(
					(roomId) => new $Cal.AddMeetingRoomsRequestMeetingRoomsToAdd({ roomId }),
				),
			});
		const cases: Array<[$Cal.AddMeetingRoomsRequest, string, string, number, string?]> = [
			[rooms([undefined]), 'invalidParameter', 'roomId must be provided.', 400],
			[new $Cal.AddMeetingRoomsRequest({}), 'invalidParameter', 'roomId must be provided.', 400],
			[rooms([]), 'invalidParameter', 'roomId must be provided.', 400],
			[
				rooms([
					ROOM_IDS.phoneBoothA,
					ROOM_IDS.phoneBoothB,
					ROOM_IDS.qiantang,
					ROOM_IDS.bund,
					ROOM_IDS.lujiazui,
					ROOM_IDS.huangpu,
				]),
				'invalidParameter',
				'attendees batch size too large. Maximum allowed:5',
				400,
			],
			// The event holds 2 rooms: 2 + 4 > 5.
			[
				rooms([ROOM_IDS.phoneBoothA, ROOM_IDS.phoneBoothB, ROOM_IDS.qiantang, ROOM_IDS.bund]),
				'invalidParameter',
				'attendees batch size too large. Maximum allowed:5',
				400,
			],
			[rooms(['0'.repeat(48)]), 'invalidParameter', 'roomId invalid', 400],
			[
				rooms([ROOM_IDS.oldLab]),
				'meetingRoomNotAvailable',
				'room is not open for reservation',
				400,
			],
			[rooms([ROOM_IDS.huangpu]), 'itemNotFound', '无法找到指定日程', 404, 'doesNotExist'],
		];
		const sent: string[] = [];
		for (const [body, code, message, status, id] of cases) {
			const err = await add(body, id);
			sent.push(last().requestBody);
			expect([err.code, err.statusCode, err.data.message]).toEqual([code, status, message]);
			expect(err.message).toBe(
				`${code}: code: ${status}, ${message} request id: ${err.data.requestid}`,
			);
			expect(Object.keys(last().json).sort()).toEqual(['code', 'message', 'requestid']);
		}
		expect(sent.slice(0, 3)).toEqual([
			'{"meetingRoomsToAdd":[{}]}',
			'{}',
			'{"meetingRoomsToAdd":[]}',
		]);

		// A room another event holds at an overlapping time (seeded: West Lake, 2030-01-15 10:00–12:00).
		const clash = await calendar.createEventWithOptions(
			ALICE,
			'primary',
			new $Cal.CreateEventRequest({
				summary: 'clash',
				start: new $Cal.CreateEventRequestStart({
					dateTime: '2030-01-15T11:30:00+08:00',
					timeZone: 'Asia/Shanghai',
				}),
				end: new $Cal.CreateEventRequestEnd({
					dateTime: '2030-01-15T12:30:00+08:00',
					timeZone: 'Asia/Shanghai',
				}),
			}),
			calHeaders($Cal.CreateEventHeaders),
			runtime,
		);
		const busy = await add(rooms([ROOM_IDS.westLake]), clash.body?.id);
		expect([busy.code, busy.statusCode, busy.data.message]).toEqual([
			'meetingRoomNotAvailable',
			400,
			'room busy',
		]);
	});

	it('room free/busy: BUSY and TENTATIVE items, empty = free, documented limits', async () => {
		const query = (roomIds: string[], startTime: string, endTime: string) =>
			calendar.getMeetingRoomsScheduleWithOptions(
				ALICE,
				new $Cal.GetMeetingRoomsScheduleRequest({ roomIds, startTime, endTime }),
				calHeaders($Cal.GetMeetingRoomsScheduleHeaders),
				runtime,
			);
		const res = await query(
			[ROOM_IDS.xixi, ROOM_IDS.executiveLounge, ROOM_IDS.huangpu],
			'2030-02-11T00:00:00.000Z',
			'2030-02-12T00:00:00.000Z',
		);
		const info = res.body?.scheduleInformation ?? [];
		expect(
			info.map((i) => [
				i.roomId,
				i.scheduleItems?.map((s) => [s.status, s.eventId, s.organizer?.id]),
			]),
		).toEqual([
			[ROOM_IDS.xixi, [['BUSY', eventId, ALICE]]],
			[ROOM_IDS.executiveLounge, [['TENTATIVE', eventId, ALICE]]],
			[ROOM_IDS.huangpu, []],
		]);
		expect(info[0].scheduleItems?.[0].start).toMatchObject({
			dateTime: '2030-02-11T10:00:00+08:00',
			timeZone: 'Asia/Shanghai',
		});
		expect(Array.isArray(last().json.scheduleInformation[2].scheduleItems)).toBe(true);

		const tooMany = await sdkError(
			query(
				[
					ROOM_IDS.xixi,
					ROOM_IDS.bund,
					ROOM_IDS.huangpu,
					ROOM_IDS.everest,
					ROOM_IDS.qiantang,
					ROOM_IDS.lujiazui,
				],
				'2030-02-11T00:00:00Z',
				'2030-02-12T00:00:00Z',
			),
		);
		expect(tooMany.data.message).toBe('Cannot get schedule information for more than limit.');
		const tooLong = await sdkError(
			query([ROOM_IDS.xixi], '2030-02-11T00:00:00Z', '2030-06-11T00:00:00Z'),
		);
		expect(tooLong.data.message).toBe('Cannot query schedule for more than 90 days.');

		const users = await calendar.getScheduleWithOptions(
			ALICE,
			new $Cal.GetScheduleRequest({
				userIds: [ALICE, USER_IDS.bob],
				startTime: '2030-02-11T00:00:00.000Z',
				endTime: '2030-02-12T00:00:00.000Z',
			}),
			calHeaders($Cal.GetScheduleHeaders),
			runtime,
		);
		expect(users.body?.scheduleInformation?.map((u) => u.scheduleItems?.length)).toEqual([1, 1]);
	});

	it('lists events with a string nextToken', async () => {
		const page = await calendar.listEventsWithOptions(
			ALICE,
			'primary',
			new $Cal.ListEventsRequest({
				timeMin: '2030-01-01T00:00:00.000Z',
				timeMax: '2030-12-31T00:00:00.000Z',
				maxResults: 2,
				showDeleted: false,
			}),
			calHeaders($Cal.ListEventsHeaders),
			runtime,
		);
		expect(page.body?.events).toHaveLength(2);
		expect(page.body?.events?.[0].seriesMasterId).toBe('');
		expect(page.body?.events?.[0].extendedProperties?.sharedProperties?.sourceOpenCid).toBe('');
		expect(typeof last().json.nextToken).toBe('string');
		expect(last().url).toMatch(/showDeleted=false/);
		const rest = await calendar.listEventsWithOptions(
			ALICE,
			'primary',
			new $Cal.ListEventsRequest({
				timeMin: '2030-01-01T00:00:00.000Z',
				timeMax: '2030-12-31T00:00:00.000Z',
				maxResults: 100,
				nextToken: page.body?.nextToken,
			}),
			calHeaders($Cal.ListEventsHeaders),
			runtime,
		);
		const ids = [...(page.body?.events ?? []), ...(rest.body?.events ?? [])].map((e) => e.id);
		expect(ids).toEqual(
			expect.arrayContaining([EVENT_IDS.quarterlyPlanning, EVENT_IDS.boardMeeting, eventId]),
		);
		expect(rest.body?.nextToken).toBeUndefined();
	});

	it('removes rooms and deletes the event; the rooms are free again', async () => {
		const removeMissing = await sdkError(
			calendar.removeMeetingRoomsWithOptions(
				ALICE,
				'primary',
				eventId,
				new $Cal.RemoveMeetingRoomsRequest({}),
				calHeaders($Cal.RemoveMeetingRoomsHeaders),
				runtime,
			),
		);
		expect(last().requestBody).toBe('{}');
		expect(removeMissing.data.message).toBe('Meeting rooms to remove must be provided.');
		const removed = await calendar.removeMeetingRoomsWithOptions(
			ALICE,
			'primary',
			eventId,
			new $Cal.RemoveMeetingRoomsRequest({
				meetingRoomsToRemove: [
					new $Cal.RemoveMeetingRoomsRequestMeetingRoomsToRemove({ roomId: ROOM_IDS.xixi }),
				],
			}),
			calHeaders($Cal.RemoveMeetingRoomsHeaders),
			runtime,
		);
		expect(removed.body?.result).toBe(true);
		expect(last().json).toEqual({ result: true });

		const del = await calendar.deleteEventWithOptions(
			ALICE,
			'primary',
			eventId,
			new $Cal.DeleteEventRequest({ pushNotification: false }),
			calHeaders($Cal.DeleteEventHeaders),
			runtime,
		);
		expect(del.statusCode).toBe(200);
		expect(last().body).toBe('');
		const gone = await sdkError(
			calendar.getEventWithOptions(
				ALICE,
				'primary',
				eventId,
				new $Cal.GetEventRequest({}),
				calHeaders($Cal.GetEventHeaders),
				runtime,
			),
		);
		expect([gone.code, gone.statusCode]).toEqual(['itemNotFound', 404]);

		const free = await calendar.getMeetingRoomsScheduleWithOptions(
			ALICE,
			new $Cal.GetMeetingRoomsScheduleRequest({
				roomIds: [ROOM_IDS.xixi, ROOM_IDS.executiveLounge],
				startTime: '2030-02-11T00:00:00Z',
				endTime: '2030-02-12T00:00:00Z',
			}),
			calHeaders($Cal.GetMeetingRoomsScheduleHeaders),
			runtime,
		);
		expect(free.body?.scheduleInformation?.map((i) => i.scheduleItems)).toEqual([[], []]);
	});

	it('incremental sync: syncToken on the last page, changes since (cancelled ones too), refused once invalidated', async () => {
		const list = (request: Record<string, unknown>) =>
			calendar.listEventsWithOptions(
				ALICE,
				'primary',
				new $Cal.ListEventsRequest(request),
				calHeaders($Cal.ListEventsHeaders),
				runtime,
			);
		const first = await list({ timeMin: '2030-01-01T00:00:00.000Z', maxResults: 100 });
		expect(typeof first.body?.syncToken).toBe('string');
		expect(first.body?.nextToken).toBeUndefined();
		const bounded = await list({
			timeMin: '2030-01-01T00:00:00.000Z',
			timeMax: '2030-12-31T00:00:00.000Z',
		});
		expect(bounded.body?.syncToken).toBeUndefined();

		const created = await calendar.createEventWithOptions(
			ALICE,
			'primary',
			new $Cal.CreateEventRequest({
				summary: 'Sync me',
				start: new $Cal.CreateEventRequestStart({
					dateTime: '2030-03-01T10:00:00+08:00',
					timeZone: 'Asia/Shanghai',
				}),
				end: new $Cal.CreateEventRequestEnd({
					dateTime: '2030-03-01T11:00:00+08:00',
					timeZone: 'Asia/Shanghai',
				}),
			}),
			calHeaders($Cal.CreateEventHeaders),
			runtime,
		);
		const id = created.body!.id!;
		await calendar.deleteEventWithOptions(
			ALICE,
			'primary',
			id,
			new $Cal.DeleteEventRequest({}),
			calHeaders($Cal.DeleteEventHeaders),
			runtime,
		);
		const changes = await list({ syncToken: first.body!.syncToken, showDeleted: true });
		expect(last().url).toMatch(/showDeleted=true/);
		expect(changes.body?.events?.map((e) => [e.id, e.status])).toEqual([[id, 'cancelled']]);
		expect(typeof changes.body?.syncToken).toBe('string');
		const withDeleted = await list({
			timeMin: '2030-03-01T00:00:00.000Z',
			timeMax: '2030-03-02T00:00:00.000Z',
			showDeleted: true,
		});
		expect(withDeleted.body?.events?.map((e) => e.status)).toEqual(['cancelled']);
		const withoutDeleted = await list({
			timeMin: '2030-03-01T00:00:00.000Z',
			timeMax: '2030-03-02T00:00:00.000Z',
		});
		expect(withoutDeleted.body?.events).toEqual([]);

		await raw(sb.url, { path: '/__sandbox/syncTokens/invalidate', body: {} });
		const refused = await sdkError(list({ syncToken: changes.body!.syncToken }));
		expect([refused.code, refused.statusCode, refused.data.message]).toEqual([
			'invalidParameter',
			400,
			'syncToken invalid',
		]);
		const again = await list({ timeMin: '2030-01-01T00:00:00.000Z' });
		expect((await list({ syncToken: again.body!.syncToken })).body?.events).toEqual([]);
	});

	it('an expired token is a 400 InvalidAuthentication the SDK surfaces', async () => {
		await raw(sb.url, { path: '/__sandbox/tokens/expire', body: {} });
		const err = await sdkError(
			rooms.queryMeetingRoomGroupListWithOptions(
				new $Rooms.QueryMeetingRoomGroupListRequest({ unionId: ALICE }),
				calHeaders($Rooms.QueryMeetingRoomGroupListHeaders),
				runtime,
			),
		);
		expect([err.code, err.statusCode, err.data.message]).toEqual([
			'InvalidAuthentication',
			400,
			'不合法的access_token',
		]);
	});
});
