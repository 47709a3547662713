/** oauth2_1_0 routes (reference §3). No token header; the body is required. */
import type { RouteDef } from './types';

export const oauth2Routes: RouteDef[] = [
	{
		action: 'GetAccessToken',
		method: 'POST',
		url: '/v1.0/oauth2/accessToken',
		auth: false,
		write: false,
		bodyRequired: true,
		handler: ({ model, body }) => model.getAccessToken(body),
	},
	{
		action: 'GetCorpAccessToken',
		method: 'POST',
		url: '/v1.0/oauth2/corpAccessToken',
		auth: false,
		write: false,
		bodyRequired: true,
		handler: ({ model, body }) => model.getCorpAccessToken(body),
	},
];
