import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { ExecutionBaseError } from 'n8n-workflow';

import { resolveDingTalkBaseUrl } from './dingTalkBaseUrl';

/**
 * A token request DingTalk refused, or that never reached DingTalk. Carries no secret.
 * n8n wraps errors of preAuthentication in a NodeApiError, which drops `cause` but shares the
 * `context` of an ExecutionBaseError: the node's transport finds `context.dingTalkTokenError` there.
 */
export class DingTalkTokenError extends ExecutionBaseError {
	constructor(
		message: string,
		details: { code?: string; requestId?: string; httpStatus?: number },
	) {
		super(message, {});
		this.context.dingTalkTokenError = { message, ...details };
	}
}

/** What to tell the user for each error of DingTalk's token endpoints. */
const TOKEN_ERROR_HINTS: Record<string, string> = {
	invalidClientIdOrSecret:
		'DingTalk rejected the Client ID (AppKey) or Client Secret (AppSecret). Copy both again from the DingTalk developer console: your app > Credentials & Basic Info.',
	invalidSuiteKey:
		'DingTalk rejected the SuiteKey. Copy it again from the DingTalk developer console: your third-party app > Credentials & Basic Info.',
	invalidSuiteTicket:
		'DingTalk rejected the SuiteTicket. Tickets expire: use the latest one DingTalk pushed to your app (suite_ticket event, about every 5 hours).',
	invalidAuthInfo:
		'This organization has not authorized the third-party app. Check the Authorized CorpId, and that the organization installed the app.',
};

function readErrorBody(error: unknown): { status?: number; body?: Record<string, unknown> } {
	const e = error as {
		response?: { status?: number; data?: unknown };
		cause?: { response?: { status?: number; data?: unknown } };
	};
	const response = e?.response ?? e?.cause?.response;
	let data = response?.data;
	if (typeof data === 'string') {
		try {
			data = JSON.parse(data);
		} catch {
			data = undefined;
		}
	}
	return {
		status: response?.status,
		body: data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined,
	};
}

export class DingTalkApi implements ICredentialType {
	name = 'dingTalkApi';

	displayName = 'DingTalk API';

	icon: Icon = { light: 'file:dingtalk.svg', dark: 'file:dingtalk.dark.svg' };

	documentationUrl =
		'https://open.dingtalk.com/document/orgapp/obtain-the-access-token-of-an-internal-app';

	properties: INodeProperties[] = [
		{
			displayName: 'App Type',
			name: 'appType',
			type: 'options',
			options: [
				{
					name: 'Internal App',
					value: 'internal',
					description: 'An app your organization created for itself (Client ID and Client Secret)',
				},
				{
					name: 'Third-Party Enterprise App',
					value: 'thirdParty',
					description:
						'An app from the DingTalk app store that an organization authorized (SuiteKey, SuiteSecret, CorpId, SuiteTicket)',
				},
			],
			default: 'internal',
		},
		{
			displayName: 'Client ID (AppKey)',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'dingxxxxxxxxxxxxxxxx',
			displayOptions: { show: { appType: ['internal'] } },
		},
		{
			displayName: 'Client Secret (AppSecret)',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { appType: ['internal'] } },
		},
		{
			displayName: 'SuiteKey',
			name: 'suiteKey',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { appType: ['thirdParty'] } },
		},
		{
			displayName: 'SuiteSecret',
			name: 'suiteSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { appType: ['thirdParty'] } },
		},
		{
			displayName: 'Authorized CorpId',
			name: 'authCorpId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'dingxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
			description: 'The CorpId of the organization that authorized your app',
			displayOptions: { show: { appType: ['thirdParty'] } },
		},
		{
			displayName: 'SuiteTicket',
			name: 'suiteTicket',
			type: 'string',
			default: '',
			required: true,
			description: 'The latest ticket DingTalk pushed to your app (suite_ticket event)',
			displayOptions: { show: { appType: ['thirdParty'] } },
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'China (api.dingtalk.com)', value: 'china' },
				{ name: 'International (api.dingtalk.io)', value: 'international' },
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'A proxy, or the local DingTalk sandbox',
				},
			],
			default: 'china',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'http://127.0.0.1:3464',
			description:
				'Where the DingTalk API is served, without a path, e.g. the URL the sandbox printed',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
	];

	/**
	 * Fetches an access token from the app's keys. n8n runs this when the stored token is empty, when it
	 * is told the token expired, and when the credential is tested; it stores the result encrypted.
	 * DingTalk reports a stale token as HTTP 400, which n8n does not recognise: the node's transport
	 * empties the token and retries once when that happens.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const baseUrl = resolveDingTalkBaseUrl(credentials);
		const thirdParty = credentials.appType === 'thirdParty';
		const request: IHttpRequestOptions = thirdParty
			? {
					method: 'POST',
					url: `${baseUrl}/v1.0/oauth2/corpAccessToken`,
					body: {
						suiteKey: credentials.suiteKey,
						suiteSecret: credentials.suiteSecret,
						authCorpId: credentials.authCorpId,
						suiteTicket: credentials.suiteTicket,
					},
					json: true,
					timeout: 30000,
				}
			: {
					method: 'POST',
					url: `${baseUrl}/v1.0/oauth2/accessToken`,
					body: { appKey: credentials.clientId, appSecret: credentials.clientSecret },
					json: true,
					timeout: 30000,
				};

		let response: { accessToken?: unknown; expireIn?: unknown };
		try {
			response = (await this.helpers.httpRequest(request)) as typeof response;
		} catch (error) {
			const { status, body } = readErrorBody(error);
			if (body && typeof body.code === 'string') {
				const code = body.code;
				const requestId = typeof body.requestid === 'string' ? body.requestid : undefined;
				const hint =
					TOKEN_ERROR_HINTS[code] ??
					'DingTalk refused to issue an access token for these app keys.';
				throw new DingTalkTokenError(
					`${hint} (DingTalk code "${code}", HTTP ${status ?? '?'}${requestId ? `, request ID ${requestId}` : ''})`,
					{ code, requestId, httpStatus: status },
				);
			}
			const reason =
				(error as { code?: string; message?: string })?.code ??
				(status ? `HTTP ${status}` : 'no answer');
			throw new DingTalkTokenError(
				`Could not get an access token from ${baseUrl} (${reason}). Check the credential's Region or Base URL and that this n8n can reach it.`,
				{ httpStatus: status },
			);
		}

		if (typeof response?.accessToken !== 'string' || response.accessToken === '') {
			throw new DingTalkTokenError(
				`${baseUrl} answered the token request without an access token. Check the credential's Region or Base URL.`,
				{},
			);
		}
		return { accessToken: response.accessToken };
	}

	/**
	 * Sends the token raw in DingTalk's header (never as `Authorization`, which DingTalk ignores). A
	 * function rather than a generic `={{$credentials.accessToken}}` header: n8n resolves a generic
	 * header with its expression engine on every request, which costs more than the request itself
	 * against a fast server.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				'x-acs-dingtalk-access-token': String(credentials.accessToken ?? ''),
			},
		};
	}

	/**
	 * n8n runs preAuthentication before this request, so wrong keys fail there with DingTalk's reason.
	 * The request itself asks for a token once more, which proves the keys without needing a user ID.
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			baseURL:
				'={{ $credentials.region === "custom" ? String($credentials.baseUrl).trim().replace(/\\/+$/, "") : ($credentials.region === "international" ? "https://api.dingtalk.io" : "https://api.dingtalk.com") }}',
			url: '={{ $credentials.appType === "thirdParty" ? "/v1.0/oauth2/corpAccessToken" : "/v1.0/oauth2/accessToken" }}',
			body: {
				appKey: '={{ $credentials.appType === "thirdParty" ? undefined : $credentials.clientId }}',
				appSecret:
					'={{ $credentials.appType === "thirdParty" ? undefined : $credentials.clientSecret }}',
				suiteKey:
					'={{ $credentials.appType === "thirdParty" ? $credentials.suiteKey : undefined }}',
				suiteSecret:
					'={{ $credentials.appType === "thirdParty" ? $credentials.suiteSecret : undefined }}',
				authCorpId:
					'={{ $credentials.appType === "thirdParty" ? $credentials.authCorpId : undefined }}',
				suiteTicket:
					'={{ $credentials.appType === "thirdParty" ? $credentials.suiteTicket : undefined }}',
			},
		},
	};
}
