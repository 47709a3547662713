/* eslint-disable @n8n/community-nodes/require-node-api-error */
/**
 * The control API under `/__sandbox` (moto's `/moto-api`): no token, plain JSON, never counted in the
 * stats and never delayed by injected latency. See sandbox/README.md ("Control API").
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { DingTalkError } from './errors';
import { FaultRuleError } from './gateway/faults';
import { DEFAULT_QPS_WHEN_ENABLED } from './gateway/rateLimit';
import type { ModelLimits } from './model/model';
import { SeedError, validateSeed } from './model/seedValidation';
import { parseInstant } from './model/time';
import type { SandboxSeed } from './model/types';
import { isObject } from './model/validate';
import type { SandboxRuntime } from './runtime';

const CONTROL = { action: '(control)', control: true };
/** Upper bound for `tokenTtlSeconds` (one year). */
const MAX_TOKEN_TTL_SECONDS = 365 * 86_400;

function controlError(
	message: string,
	status = 400,
	code = 'sandbox.invalidRequest',
): DingTalkError {
	return new DingTalkError({ status, code, message });
}

function json(reply: FastifyReply, body: unknown, status = 200): FastifyReply {
	return reply
		.code(status)
		.header('x-acs-request-id', String(reply.request.id))
		.header('content-type', 'application/json; charset=utf-8')
		.send(JSON.stringify(body));
}

function bodyObject(req: FastifyRequest): Record<string, unknown> {
	if (req.body === undefined || req.body === null) return {};
	if (!isObject(req.body)) throw controlError('body must be a JSON object');
	return req.body;
}

function clockView(rt: SandboxRuntime): { now: string; offsetSeconds: number } {
	return { now: new Date(rt.clock.now()).toISOString(), offsetSeconds: rt.clock.offsetMs / 1000 };
}

function configView(rt: SandboxRuntime): Record<string, unknown> {
	return {
		latencyMs: rt.config.latencyMs,
		qps: rt.config.qps,
		faults: rt.faults.rules,
		limits: rt.config.limits,
		strictTimestamps: rt.config.strictTimestamps,
		tokenTtlSeconds: rt.config.tokenTtlSeconds,
	};
}

const LIMIT_KEYS: Array<keyof ModelLimits> = [
	'eventsPerUserPerDay',
	'maxRoomsPerEvent',
	'roomScheduleMaxRooms',
	'userScheduleMaxUsers',
	'scheduleMaxDays',
];

export function registerControlApi(app: FastifyInstance, rt: SandboxRuntime): void {
	const get = (url: string, h: (req: FastifyRequest, reply: FastifyReply) => unknown): void => {
		app.get(url, { config: CONTROL }, async (req, reply) => json(reply, h(req, reply)));
	};
	const post = (url: string, h: (req: FastifyRequest, reply: FastifyReply) => unknown): void => {
		app.post(url, { config: CONTROL }, async (req, reply) => json(reply, h(req, reply)));
	};

	get('/__sandbox/health', () => ({ ok: true }));

	get('/__sandbox/seed', () => rt.seed);

	post('/__sandbox/reset', (req) => {
		const body = bodyObject(req);
		let seed: SandboxSeed | undefined;
		const candidate = isObject(body.seed) ? body.seed : 'apps' in body ? body : undefined;
		if (candidate) {
			try {
				seed = validateSeed(JSON.parse(JSON.stringify(candidate)));
			} catch (e) {
				throw controlError((e as Error).message, 400, 'sandbox.invalidSeed');
			}
		}
		try {
			rt.reset(seed);
		} catch (e) {
			if (e instanceof SeedError) throw controlError(e.message, 400, 'sandbox.invalidSeed');
			throw e;
		}
		return { ok: true, seed: rt.seed };
	});

	get('/__sandbox/config', () => configView(rt));

	post('/__sandbox/config', (req) => {
		const body = bodyObject(req);
		// Validate everything before changing anything.
		let latencyMs: number | undefined;
		if (body.latencyMs !== undefined) {
			if (typeof body.latencyMs !== 'number' || body.latencyMs < 0 || body.latencyMs > 600_000) {
				throw controlError('latencyMs must be a number of milliseconds (0–600000)');
			}
			latencyMs = body.latencyMs;
		}
		let qps: number | null | undefined;
		if (body.qps !== undefined) {
			if (body.qps === null || body.qps === false) qps = null;
			else if (body.qps === true) qps = DEFAULT_QPS_WHEN_ENABLED;
			else if (typeof body.qps === 'number' && body.qps >= 0) qps = body.qps;
			else throw controlError('qps must be a number >= 0, true (= 20) or null (off)');
		}
		let limits: Partial<ModelLimits> | undefined;
		if (body.limits !== undefined) {
			if (!isObject(body.limits)) throw controlError('limits must be an object');
			limits = {};
			for (const [k, v] of Object.entries(body.limits)) {
				if (!LIMIT_KEYS.includes(k as keyof ModelLimits)) throw controlError(`unknown limit ${k}`);
				if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
					throw controlError(`limits.${k} must be an integer >= 0`);
				limits[k as keyof ModelLimits] = v;
			}
		}
		if (body.strictTimestamps !== undefined && typeof body.strictTimestamps !== 'boolean') {
			throw controlError('strictTimestamps must be a boolean');
		}
		const ttl = body.tokenTtlSeconds;
		if (
			ttl !== undefined &&
			(typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TOKEN_TTL_SECONDS)
		) {
			throw controlError(
				`tokenTtlSeconds must be an integer number of seconds (1–${MAX_TOKEN_TTL_SECONDS})`,
			);
		}
		if (body.faults !== undefined) {
			try {
				rt.faults.setRules(body.faults);
			} catch (e) {
				if (e instanceof FaultRuleError) throw controlError(e.message, 400, 'sandbox.invalidFault');
				throw e;
			}
		}
		if (latencyMs !== undefined) rt.config.latencyMs = latencyMs;
		if (qps !== undefined) rt.setQps(qps);
		if (limits) rt.setLimits(limits);
		if (typeof body.strictTimestamps === 'boolean') rt.setStrictTimestamps(body.strictTimestamps);
		if (typeof ttl === 'number') rt.setTokenTtl(ttl);
		return configView(rt);
	});

	const tokenOp = (op: 'expire' | 'revoke') => (req: FastifyRequest) => {
		const body = bodyObject(req);
		if (body.accessToken !== undefined && typeof body.accessToken !== 'string') {
			throw controlError('accessToken must be a string');
		}
		const token = body.accessToken as string | undefined;
		const n = op === 'expire' ? rt.model.expireTokens(token) : rt.model.revokeTokens(token);
		return op === 'expire' ? { expired: n } : { revoked: n };
	};
	post('/__sandbox/tokens/expire', tokenOp('expire'));
	post('/__sandbox/tokens/revoke', tokenOp('revoke'));

	// Every ListEvents syncToken issued so far is refused from now on (DingTalk's expired-token case).
	post('/__sandbox/syncTokens/invalidate', () => ({
		invalidatedOrgs: rt.model.invalidateSyncTokens(),
	}));

	get('/__sandbox/clock', () => clockView(rt));
	post('/__sandbox/clock', (req) => {
		const body = bodyObject(req);
		if (body.advanceSeconds !== undefined) {
			if (typeof body.advanceSeconds !== 'number' || !Number.isFinite(body.advanceSeconds)) {
				throw controlError('advanceSeconds must be a number');
			}
			rt.clock.advance(body.advanceSeconds);
		} else if (body.setTime !== undefined) {
			const ms = typeof body.setTime === 'string' ? parseInstant(body.setTime) : null;
			if (ms === null) throw controlError('setTime must be an ISO-8601 instant with an offset');
			rt.clock.set(ms);
		} else {
			throw controlError('expected {advanceSeconds: number} or {setTime: "ISO-8601"}');
		}
		rt.onChange?.();
		return clockView(rt);
	});

	get('/__sandbox/stats', () => rt.stats.view(rt.model.tokensIssued, rt.faults.injected));

	get('/__sandbox/events', () => ({ events: rt.model.allEvents() }));

	get('/__sandbox/events/:eventId', (req) => {
		const { eventId } = req.params as { eventId: string };
		const ev = rt.model.findEvent(eventId);
		if (!ev) throw controlError(`event ${eventId} not found`, 404, 'sandbox.eventNotFound');
		return rt.model.eventState(ev);
	});

	post('/__sandbox/events/:eventId/meetingRooms/:roomId/respond', (req) => {
		const { eventId, roomId } = req.params as { eventId: string; roomId: string };
		const body = bodyObject(req);
		rt.model.respondRoomAsAdmin(eventId, roomId, String(body.responseStatus ?? ''));
		const ev = rt.model.findEvent(eventId);
		return ev ? rt.model.eventState(ev) : { ok: true };
	});
}
