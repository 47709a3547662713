/* eslint-disable @n8n/community-nodes/no-restricted-globals */
/**
 * The request pipeline of one `/v1.0` route, in order: fault rule (before) → token → permission → QPS
 * limit → body required → `x-client-token` (replay / in flight) → injected latency → model call
 * (synchronous, so atomic) → idempotency store → fault rule (after) → answer, counted in the stats.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

import { DingTalkError, ERRORS, dingError, isDingTalkError } from '../errors';
import type { AuthContext } from '../model/types';
import type { Query } from '../model/validate';
import type { RouteDef } from '../routes';
import type { SandboxRuntime } from '../runtime';
import type { FaultRule } from './faults';
import { IdempotencyCache } from './idempotency';
import { errorAnswer, pathOf, send, toDingTalkError, type Answer } from './wire';

const TOKEN_ACTIONS = new Set(['GetAccessToken', 'GetCorpAccessToken']);
const HTML_BAN_PAGE =
	'<!DOCTYPE html><html><head><meta charset="utf-8"><title>访问被拒绝</title></head><body>' +
	'<h1>访问被拒绝 (Access denied)</h1><p>您的IP访问频率过高，已被暂时限制访问，请稍后再试。</p>' +
	'<p>{"status":1111,"wait":5,"source":"x5","punish":"deny","uuid":"sandbox"}</p></body></html>';

const sleep = (ms: number, timers: Set<NodeJS.Timeout>): Promise<void> =>
	new Promise((resolve) => {
		const t = setTimeout(() => {
			timers.delete(t);
			resolve();
		}, ms);
		timers.add(t);
	});

function firstValues(query: unknown): Query {
	const out: Query = {};
	if (query && typeof query === 'object') {
		for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
			out[k] = Array.isArray(v) ? String(v[0]) : typeof v === 'string' ? v : undefined;
		}
	}
	return out;
}

/** The QPS-limit code for the caller's app type (reference §2.5): ISV apps have their own code. */
function qpsErrorKey(
	appType: AuthContext['appType'] | undefined,
): 'qpsLimitForAppkeyAndApi' | 'qpsLimitForSuitekeyAndOrgAndApi' {
	return appType === 'thirdParty' ? 'qpsLimitForSuitekeyAndOrgAndApi' : 'qpsLimitForAppkeyAndApi';
}

export async function dispatch(
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
