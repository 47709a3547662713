/**
 * Route table types: method + path → action → model call. Routes only pick values out of the HTTP
 * request (path params, query, JSON body); every rule lives in the model.
 */
import { dingError } from '../errors';
import type { SandboxModel } from '../model/model';
import type { AuthContext } from '../model/types';
import type { Query } from '../model/validate';

export interface RouteContext {
	model: SandboxModel;
	/** Set for routes with `auth: true`. */
	auth?: AuthContext;
	/** Path parameters, percent-decoded once. */
	params: Record<string, string>;
	query: Query;
	/** Parsed JSON body; `undefined` when the request had none. */
	body: unknown;
}

export interface RouteDef {
	/** DingTalk action name (the SDK's `Params.action`). */
	action: string;
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** fastify path pattern, e.g. `/v1.0/calendar/users/:userId/calendars/:calendarId/events`. */
	url: string;
	/** Needs `x-acs-dingtalk-access-token`. */
	auth: boolean;
	/** A write that honours `x-client-token` (reference §2.9). */
	write: boolean;
	/** A POST/PUT without a JSON body → 400 Missingbody. */
	bodyRequired: boolean;
	/** Permission scope the app must hold (reference §4, §5). */
	scope?: string;
	/** JSON answer, or `undefined` for an empty 200 (SDK `bodyType: none`). */
	handler(ctx: RouteContext): unknown;
}

export function authOf(ctx: RouteContext): AuthContext {
	if (!ctx.auth) throw dingError('missingAccessToken');
	return ctx.auth;
}
