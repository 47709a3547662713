import { httpRequest } from 'n8n-core/dist/execution-engine/node-execution-context/utils/request-helper-functions';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { DingTalkApi } from '../../credentials/DingTalkApi.credentials';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { createNodeTypes, shutdownN8nCore } from '../harness/engine';
import { SandboxClient } from '../harness/sandboxClient';

/** The credential on its own, with n8n's real HTTP helper, as n8n's credential test runs it. */
describe('DingTalk API credential', () => {
	let sandbox: RunningSandbox;
	let dingtalk: SandboxClient;
	const credential = new DingTalkApi();
	const helpers = { helpers: { httpRequest } };

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
		dingtalk = new SandboxClient(sandbox.url);
	});

	afterAll(async () => {
		await sandbox.close();
		shutdownN8nCore();
	});

	const fetchToken = async (data: ICredentialDataDecryptedObject) =>
		await credential.preAuthentication.call(helpers as never, data);

	it('fetches a token for an internal app', async () => {
		const { data } = await dingtalk.internalCredential();
		expect(await fetchToken(data)).toEqual({
			accessToken: expect.stringMatching(/^[0-9a-f]{32}$/),
		});
	});

	it('fetches a corp token for a third-party enterprise app', async () => {
		const { data } = await dingtalk.thirdPartyCredential();
		expect(await fetchToken(data)).toEqual({ accessToken: expect.any(String) });
	});

	it("explains refused keys with DingTalk's code, and never repeats the secret", async () => {
		const { data } = await dingtalk.internalCredential({ clientSecret: 'definitely-wrong-secret' });
		const error = await fetchToken(data).catch((e: Error) => e);
		expect((error as Error).message).toMatch(
			/^DingTalk rejected the Client ID \(AppKey\) or Client Secret \(AppSecret\)\. .*\(DingTalk code "invalidClientIdOrSecret", HTTP 400, request ID [0-9A-F-]+\)$/,
		);
		expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(
			'definitely-wrong-secret',
		);
	});

	it.each([
		['suiteTicket', 'expired-ticket', 'DingTalk rejected the SuiteTicket'],
		['suiteKey', 'unknown-suite', 'DingTalk rejected the SuiteKey'],
		['authCorpId', 'dingnotauthorized', 'This organization has not authorized the third-party app'],
	])('explains a third-party app with a wrong %s', async (field, value, message) => {
		const { data } = await dingtalk.thirdPartyCredential();
		await expect(fetchToken({ ...data, [field]: value })).rejects.toThrow(message);
	});

	it('says where it could not connect', async () => {
		const { data } = await dingtalk.internalCredential({ baseUrl: 'http://127.0.0.1:1' });
		await expect(fetchToken(data)).rejects.toThrow(
			/^Could not get an access token from http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)\. Check the credential's Region or Base URL/,
		);
	});

	it('refuses a custom base URL that is not http(s)', async () => {
		const { data } = await dingtalk.internalCredential({ baseUrl: 'api.dingtalk.com' });
		await expect(fetchToken(data)).rejects.toThrow('is not an http(s) URL');
	});

	it("sends the token raw in DingTalk's header", async () => {
		const options = await credential.authenticate(
			{ accessToken: 'abc123' },
			{ url: '/x', headers: { a: 'b' } },
		);
		expect(options.headers).toEqual({ a: 'b', 'x-acs-dingtalk-access-token': 'abc123' });
	});

	describe('the Test button', () => {
		/** Resolves the test request's expressions as n8n does, with $credentials. */
		function resolveTestRequest(data: ICredentialDataDecryptedObject): IHttpRequestOptions {
			const node: INode = {
				id: '1',
				name: 'test',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			};
			const workflow = new Workflow({
				nodes: [node],
				connections: {},
				active: false,
				nodeTypes: createNodeTypes(),
			});
			const resolve = (value: unknown): unknown =>
				typeof value === 'string' && value.startsWith('=')
					? workflow.expression.getSimpleParameterValue(
							node,
							value,
							'internal',
							{ $credentials: data } as never,
							undefined,
							undefined,
						)
					: value && typeof value === 'object'
						? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]))
						: value;
			return resolve(credential.test.request) as IHttpRequestOptions;
		}

		it.each([['internalCredential'], ['thirdPartyCredential']] as const)(
			'asks for a token with the %s keys',
			async (kind) => {
				const { data } = await dingtalk[kind]();
				const request = resolveTestRequest(data);
				expect(request.baseURL).toBe(sandbox.url);
				const response = await httpRequest({ ...request, json: true });
				expect(response).toEqual({ accessToken: expect.any(String), expireIn: 7200 });
			},
		);

		it("uses the region's host when the region is not custom", () => {
			const request = resolveTestRequest({
				region: 'international',
				appType: 'internal',
				clientId: 'k',
				clientSecret: 's',
			});
			expect(request.baseURL).toBe('https://api.dingtalk.io');
			expect(request.url).toBe('/v1.0/oauth2/accessToken');
			expect(request.body).toEqual({ appKey: 'k', appSecret: 's' });
		});
	});
});
