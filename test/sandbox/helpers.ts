/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any, @n8n/community-nodes/no-restricted-globals */
/**
 * Test helpers for the sandbox suites: a raw HTTP client (no keep-alive, so nothing lingers after
 * close) that can send chunked bodies, no content-type, or raw bytes, plus DingTalk conveniences.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

import { defaultSeed, type SeedInternalApp } from '../../sandbox';

export interface RawResponse {
	status: number;
	headers: IncomingHttpHeaders;
	text: string;
	/** Parsed JSON, or undefined when the body is empty or not JSON. */
	json: any;
}

export interface RawRequest {
	method?: string;
	path: string;
	headers?: Record<string, string>;
	/** Object → JSON; string/Buffer → sent as is. */
	body?: unknown;
	/** Send the body with `transfer-encoding: chunked`, split in two writes. */
	chunked?: boolean;
	timeoutMs?: number;
}

export function raw(baseUrl: string, req: RawRequest): Promise<RawResponse> {
	const url = new URL(baseUrl);
	const payload =
		req.body === undefined
			? undefined
			: Buffer.isBuffer(req.body)
				? req.body
				: Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
	const headers: Record<string, string> = { ...(req.headers ?? {}) };
	if (payload && !req.chunked) headers['content-length'] = String(payload.length);
	return new Promise((resolve, reject) => {
		const r = httpRequest(
			{
				host: url.hostname,
				port: url.port,
				method: req.method ?? (payload ? 'POST' : 'GET'),
				path: req.path,
				headers,
				agent: false,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					let json: unknown;
					try {
						json = text ? JSON.parse(text) : undefined;
					} catch {
						json = undefined;
					}
					resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
				});
				res.on('error', reject);
			},
		);
		r.on('error', reject);
		if (req.timeoutMs) {
			r.setTimeout(req.timeoutMs, () => r.destroy(new Error('client timeout')));
		}
		if (payload && req.chunked) {
			const mid = Math.floor(payload.length / 2);
			r.write(payload.subarray(0, mid));
			setTimeout(() => r.end(payload.subarray(mid)), 5);
		} else {
			r.end(payload);
		}
	});
}

export const internalApp = defaultSeed.apps[0] as SeedInternalApp;
export const ALICE = defaultSeed.users[0].unionId;
export const BOB = defaultSeed.users[1].unionId;

export async function getToken(
	baseUrl: string,
	app: SeedInternalApp = internalApp,
): Promise<string> {
	const res = await raw(baseUrl, {
		path: '/v1.0/oauth2/accessToken',
		headers: { 'content-type': 'application/json' },
		body: { appKey: app.appKey, appSecret: app.appSecret },
	});
	if (res.status !== 200) throw new Error(`token: ${res.status} ${res.text}`);
	return res.json.accessToken as string;
}

/** A DingTalk API client bound to a token. */
export function api(baseUrl: string, token: string) {
	const call = (
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {},
	) =>
		raw(baseUrl, {
			method,
			path,
			body,
			headers: {
				'x-acs-dingtalk-access-token': token,
				...(body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
				...headers,
			},
		});
	const events = (user = ALICE) => `/v1.0/calendar/users/${user}/calendars/primary/events`;
	return {
		call,
		events,
		createEvent: (body: unknown, user = ALICE, headers?: Record<string, string>) =>
			call('POST', events(user), body, headers),
		addRooms: (
			eventId: string,
			roomIds: string[],
			user = ALICE,
			headers?: Record<string, string>,
		) =>
			call(
				'POST',
				`${events(user)}/${encodeURIComponent(eventId)}/meetingRooms`,
				{ meetingRoomsToAdd: roomIds.map((roomId) => ({ roomId })) },
				headers,
			),
		getEvent: (eventId: string, user = ALICE) =>
			call('GET', `${events(user)}/${encodeURIComponent(eventId)}`),
	};
}

/** A timed event body on 2030-01-20 (a day the default seed leaves empty). */
export function eventBody(
	startHour: number,
	endHour: number,
	summary = 'Test event',
	day = '2030-01-20',
): Record<string, unknown> {
	const hh = (h: number) => String(h).padStart(2, '0');
	return {
		summary,
		start: { dateTime: `${day}T${hh(startHour)}:00:00+08:00`, timeZone: 'Asia/Shanghai' },
		end: { dateTime: `${day}T${hh(endHour)}:00:00+08:00`, timeZone: 'Asia/Shanghai' },
	};
}
