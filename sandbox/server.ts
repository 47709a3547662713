/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
/**
 * The HTTP layer: a fastify app that serves the route table with DingTalk's wire conventions.
 *
 * Per /v1.0 request, in order: fault rule (before) → token → permission → QPS limit → body required →
 * `x-client-token` (replay / in flight) → injected latency → model call (synchronous, so atomic) →
 * idempotency store → fault rule (after) → answer. Every error, including fastify's own (bad JSON, body
 * too large, unknown route, malformed URL), is `{code, requestid, message}` with `x-acs-request-id`.
 */
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';

import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';

import { registerControlApi } from './control';
import { DingTalkError, ERRORS, dingError, errorBody, isDingTalkError } from './errors';
import type { FaultRule } from './gateway/faults';
import { IdempotencyCache } from './gateway/idempotency';
import type { AuthContext } from './model/types';
import type { Query } from './model/validate';
import { routes, type RouteDef } from './routes';
import type { SandboxRuntime } from './runtime';

export const BODY_LIMIT_BYTES = 1024 * 1024;
const JSON_TYPE = 'application/json;charset=utf-8';
const TOKEN_ACTIONS = new Set(['GetAccessToken', 'GetCorpAccessToken']);
const HTML_BAN_PAGE =
	'<!DOCTYPE html><html><head><meta charset="utf-8"><title>访问被拒绝</title></head><body>' +
	'<h1>访问被拒绝 (Access denied)</h1><p>您的IP访问频率过高，已被暂时限制访问，请稍后再试。</p>' +
	'<p>{"status":1111,"wait":5,"source":"x5","punish":"deny","uuid":"sandbox"}</p></body></html>';

export interface AppOptions {
	logger?: boolean;
}

interface RouteConfig {
	action: string;
	control?: boolean;
}

const sleep = (ms: number, timers: Set<NodeJS.Timeout>): Promise<void> =>
	new Promise((resolve) => {
		const t = setTimeout(() => {
			timers.delete(t);
			resolve();
		}, ms);
		timers.add(t);
	});

function newRequestId(): string {
	return randomUUID().toUpperCase();
}

/** `x-acs-trace-id`: 32 hex characters (derived from the request id; no extra randomness per request). */
function traceId(requestId: string): string {
	return requestId.replace(/-/g, '').toLowerCase();
}

function pathOf(url: string): string {
	const q = url.indexOf('?');
	return q < 0 ? url : url.slice(0, q);
}

function firstValues(query: unknown): Query {
	const out: Query = {};
	if (query && typeof query === 'object') {
		for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
			out[k] = Array.isArray(v) ? String(v[0]) : typeof v === 'string' ? v : undefined;
		}
	}
	return out;
}

interface Answer {
	status: number;
	/** Serialized JSON, or `undefined` for an empty body. */
	payload: string | undefined;
}

function errorAnswer(err: DingTalkError, requestId: string): Answer {
	return { status: err.status, payload: JSON.stringify(errorBody(err, requestId)) };
}

function send(reply: FastifyReply, requestId: string, answer: Answer): FastifyReply {
	reply
		.code(answer.status)
		.header('x-acs-request-id', requestId)
		.header('x-acs-trace-id', traceId(requestId));
	if (answer.payload === undefined) return reply.send();
	return reply.header('content-type', JSON_TYPE).send(answer.payload);
}

/** The QPS-limit code for the caller's app type (reference §2.5): ISV apps have their own code. */
function qpsErrorKey(
	appType: AuthContext['appType'] | undefined,
): 'qpsLimitForAppkeyAndApi' | 'qpsLimitForSuitekeyAndOrgAndApi' {
	return appType === 'thirdParty' ? 'qpsLimitForSuitekeyAndOrgAndApi' : 'qpsLimitForAppkeyAndApi';
}

/** Map any error fastify raises (parser, limits, unexpected) to a DingTalk error. */
function toDingTalkError(err: unknown): DingTalkError {
	if (isDingTalkError(err)) return err;
	const e = err as { code?: string; statusCode?: number };
	if (e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return dingError('bodyTooLarge');
	if (typeof e?.code === 'string' && e.code.startsWith('FST_ERR_CTP'))
		return dingError('missingBody');
	if (err instanceof SyntaxError) return dingError('missingBody');
	if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
		return dingError('badRequest');
	return dingError('unknownError');
}

export function buildApp(
	rt: SandboxRuntime,
	options: AppOptions = {},
): { app: FastifyInstance; timers: Set<NodeJS.Timeout> } {
	const timers = new Set<NodeJS.Timeout>();
	const app = Fastify({
		logger: options.logger
			? {
					level: 'info',
					// Method, path (no query string) and request id only: never headers, bodies or tokens.
					serializers: {
						req: (req: { method: string; url: string; id: string }) => ({
							method: req.method,
							path: pathOf(req.url),
							requestId: req.id,
						}),
						res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
					},
				}
			: false,
		bodyLimit: BODY_LIMIT_BYTES,
		exposeHeadRoutes: false,
		return503OnClosing: false,
		forceCloseConnections: true,
		genReqId: newRequestId,
		requestIdHeader: false,
		routerOptions: { maxParamLength: 1000 },
		// The catalogue's text, never fastify's own (which names fastify internals, e.g. "'/a%zz' is not a valid url component").
		frameworkErrors: (_err, req, reply) => {
			void send(reply, String(req.id), errorAnswer(dingError('badRequest'), String(req.id)));
		},
		clientErrorHandler: (err: NodeJS.ErrnoException, socket: Socket) => {
			if ((err.code === 'ECONNRESET' || !socket.writable) && !socket.destroyed) {
				socket.destroy();
				return;
			}
			const id = newRequestId();
			const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
			const body = JSON.stringify({
				code: ERRORS.badRequest.code,
				requestid: id,
				message: ERRORS.badRequest.message,
			});
			socket.end(
				`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
					`content-type: ${JSON_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
					`x-acs-request-id: ${id}\r\nconnection: close\r\n\r\n${body}`,
			);
		},
	});

	// DingTalk parses a JSON body whatever the content-type says (or when it is absent); anything that is
	// not JSON is "body is mandatory for this action." (reference §2.3, [PHP36]).
	app.removeAllContentTypeParsers();
	app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
		const text = String(body);
		if (text.trim() === '') {
			done(null, undefined);
			return;
		}
		try {
			done(null, JSON.parse(text));
		} catch {
			done(dingError('missingBody'), undefined);
		}
	});

	app.setErrorHandler((err, req, reply) => {
		const de = toDingTalkError(err);
		if (de.status >= 500) req.log.error({ err }, 'unexpected sandbox error');
		const cfg = req.routeOptions?.config as unknown as RouteConfig | undefined;
		if (!cfg?.control) {
			rt.stats.record(
				`${req.method} ${req.routeOptions?.url ?? '(unknown)'}`,
				cfg?.action ?? '(unknown)',
				de.status,
			);
		}
		return send(reply, String(req.id), errorAnswer(de, String(req.id)));
	});

	app.setNotFoundHandler((req, reply) => {
		const isControl = pathOf(req.url).startsWith('/__sandbox');
		if (!isControl) rt.stats.record(`${req.method} (unknown)`, '(unknown)', 404);
		return send(reply, String(req.id), errorAnswer(dingError('apiNotFound'), String(req.id)));
	});

	for (const route of routes) {
		app.route({
			method: route.method,
			url: route.url,
			config: { action: route.action } satisfies RouteConfig,
			handler: (req, reply) => dispatch(rt, route, req, reply, timers),
		});
	}

	registerControlApi(app, rt);
	return { app, timers };
}

async function dispatch(
	rt: SandboxRuntime,
	route: RouteDef,
	req: FastifyRequest,
	reply: FastifyReply,
	timers: Set<NodeJS.Timeout>,
): Promise<FastifyReply> {
	const requestId = String(req.id);
	const path = pathOf(req.url);
	const statsKey = `${route.method} ${route.url}`;
	const stats = rt.stats;
	const finish = (answer: Answer, id = requestId): FastifyReply => {
		stats.record(statsKey, route.action, answer.status);
		return send(reply, id, answer);
	};
	if (TOKEN_ACTIONS.has(route.action)) stats.tokenRequests++;

	const fault = rt.faults.active ? rt.faults.decide(route.method, path, route.action) : undefined;
	if (fault && !fault.after) {
		if (fault.kind === 'slow') await sleep(fault.delayMs ?? 2000, timers);
		else return applyFault(rt, fault, req, reply, requestId, statsKey, route.action, timers);
	}

	let idemKey: string | undefined;
	let answer: Answer;
	try {
		let auth;
		if (route.auth) {
			auth = rt.model.authenticate(req.headers['x-acs-dingtalk-access-token']);
			if (route.scope && auth.permissions && !auth.permissions.includes(route.scope)) {
				throw new DingTalkError(ERRORS.accessTokenPermissionDenied, undefined, {
					requiredScopes: [route.scope],
				});
			}
			if (!rt.limiter.allow(`${auth.appId}|${auth.corpId}`, route.action)) {
				stats.rateLimited++;
				throw dingError(qpsErrorKey(auth.appType));
			}
		}
		if (route.bodyRequired && req.body === undefined) throw dingError('missingBody');
		const clientToken = req.headers['x-client-token'];
		if (route.write && auth && typeof clientToken === 'string' && clientToken !== '') {
			const key = IdempotencyCache.key(auth.appId, auth.corpId, route.method, path, clientToken);
			const seen = rt.idempotency.begin(key);
			if (seen.state === 'replay') {
				stats.idempotentReplays++;
				// The first answer as it was, request id included (header == body requestid).
				return finish(
					{ status: seen.response.status, payload: seen.response.body },
					seen.response.requestId,
				);
			}
			if (seen.state === 'processing') throw dingError('idempotencyProcessing');
			idemKey = key;
		}
		if (rt.config.latencyMs > 0) await sleep(rt.config.latencyMs, timers);
		const body = route.handler({
			model: rt.model,
			auth,
			params: req.params as Record<string, string>,
			query: firstValues(req.query),
			body: req.body,
		});
		answer = { status: 200, payload: body === undefined ? undefined : JSON.stringify(body) };
	} catch (err) {
		const de = toDingTalkError(err);
		if (!isDingTalkError(err)) req.log.error({ err }, 'unexpected sandbox error');
		answer = errorAnswer(de, requestId);
		if (idemKey && !isDingTalkError(err)) {
			rt.idempotency.abandon(idemKey);
			idemKey = undefined;
		}
	}
	if (idemKey) rt.idempotency.complete(idemKey, answer.status, answer.payload, requestId);

	if (fault?.after) {
		if (fault.kind === 'slow') await sleep(fault.delayMs ?? 2000, timers);
		else return applyFault(rt, fault, req, reply, requestId, statsKey, route.action, timers);
	}
	return finish(answer);
}

function applyFault(
	rt: SandboxRuntime,
	fault: FaultRule,
	req: FastifyRequest,
	reply: FastifyReply,
	requestId: string,
	statsKey: string,
	action: string,
	timers: Set<NodeJS.Timeout>,
): FastifyReply {
	const record = (status: number | string): void => rt.stats.record(statsKey, action, status);
	// qps403 answers with the ISV code for a third-party caller: a valid third-party token, or the
	// third-party token endpoint itself (it takes no token).
	const callerType = (): AuthContext['appType'] | undefined =>
		action === 'GetCorpAccessToken'
			? 'thirdParty'
			: rt.model.peekAuth(req.headers['x-acs-dingtalk-access-token'])?.appType;
	const errorFor: Record<string, DingTalkError> = {
		http500: dingError('unknownError'),
		http502: dingError('badGateway'),
		http503: dingError('serviceUnavailable'),
		qps403: dingError(qpsErrorKey(fault.kind === 'qps403' ? callerType() : undefined)),
		idempotencyProcessing: dingError('idempotencyProcessing'),
	};
	const err = errorFor[fault.kind];
	if (err) {
		if (fault.kind === 'qps403') rt.stats.rateLimited++;
		record(err.status);
		return send(reply, requestId, errorAnswer(err, requestId));
	}
	if (fault.kind === 'htmlBan') {
		record(403);
		return reply.code(403).header('content-type', 'text/html; charset=utf-8').send(HTML_BAN_PAGE);
	}
	const socket = req.raw.socket;
	reply.hijack();
	if (fault.kind === 'reset') {
		record('reset');
		socket.resetAndDestroy?.();
		if (!socket.destroyed) socket.destroy();
		return reply;
	}
	// hang: never answer; optionally drop the connection after delayMs.
	record('hang');
	if (fault.delayMs !== undefined) {
		const t = setTimeout(() => {
			timers.delete(t);
			socket.destroy();
		}, fault.delayMs);
		timers.add(t);
	}
	return reply;
}
