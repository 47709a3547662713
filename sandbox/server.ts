/* eslint-disable @n8n/community-nodes/no-restricted-imports */
/**
 * The HTTP layer: a fastify app that serves the route table through the request pipeline
 * (`gateway/dispatch.ts`) and the control API, with DingTalk's wire conventions. Every error, including
 * fastify's own (bad JSON, body too large, unknown route, malformed URL), is `{code, requestid,
 * message}` with `x-acs-request-id`.
 */
import type { Socket } from 'node:net';

import Fastify, { type FastifyInstance } from 'fastify';

import { registerControlApi } from './control';
import { ERRORS, dingError } from './errors';
import { dispatch } from './gateway/dispatch';
import {
	errorAnswer,
	JSON_TYPE,
	newRequestId,
	pathOf,
	send,
	toDingTalkError,
} from './gateway/wire';
import { routes } from './routes';
import type { SandboxRuntime } from './runtime';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions {
	logger?: boolean;
}

interface RouteConfig {
	action: string;
	control?: boolean;
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
