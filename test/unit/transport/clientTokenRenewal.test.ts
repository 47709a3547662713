import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IExecuteFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { DingTalkClient } from '../../../nodes/shared/transport/client';
import type { ApiDefinition } from '../../../nodes/shared/transport/paths';
import { DEFAULT_REQUEST_SETTINGS } from '../../../nodes/shared/transport/requestSettings';
import { fakeNode } from '../fakeNode';

const node = fakeNode({ credentials: { dingTalkApi: { id: 'c1', name: 'DingTalk' } } });

const API: ApiDefinition = {
	name: 'GetEvent',
	method: 'GET',
	path: '/v1.0/test/{id}',
	permission: 'Calendar.Event.Read',
};

/** No pacing: these tests are about tokens, and stay fast. */
const SETTINGS = { ...DEFAULT_REQUEST_SETTINGS, callsPerSecond: 0 };

/**
 * DingTalk as far as tokens go: it accepts only the token it issued last (none until asked), and
 * answers any other with HTTP 400 InvalidAuthentication, as DingTalk answers a stale token. Each answer
 * takes `qs.delayMs`, so a test can order answers.
 */
class FakeDingTalk {
	tokensIssued = 0;

	/** The token each request carried, in the order the requests arrived. */
	readonly tokensSent: string[] = [];

	constructor(private readonly acceptsTokens = true) {}

	private validToken?: string;

	async issueToken(): Promise<{ accessToken: string }> {
		await sleep(5);
		this.tokensIssued++;
		this.validToken = `token-${this.tokensIssued}`;
		return { accessToken: this.validToken };
	}

	async answer(options: IHttpRequestOptions, token: string, staleStatus: number) {
		this.tokensSent.push(token);
		await sleep(Number(options.qs?.delayMs ?? 1));
		if (!this.acceptsTokens || token !== this.validToken) {
			return {
				statusCode: staleStatus,
				body: { code: 'InvalidAuthentication', requestid: 'R-1', message: '不合法的access_token' },
			};
		}
		return { statusCode: 200, body: { token } };
	}
}

/**
 * The node's context as the client uses it. httpRequestWithAuthentication does what n8n-core's does
 * with a credential whose expirable token is empty: it runs preAuthentication (here: DingTalk issues a
 * token), writes the result into the credential data it was handed, then sends with that token.
 */
function contextFor(
	dingTalk: FakeDingTalk,
	accessToken: string,
	staleStatus = 400,
): IExecuteFunctions {
	const credentials: ICredentialDataDecryptedObject = {
		appType: 'internal',
		// Its own app per test: the client's rate state is kept per app and API.
		clientId: `app-${Math.random()}`,
		clientSecret: 'secret',
		region: 'custom',
		baseUrl: 'http://dingtalk.test',
		accessToken,
	};
	const httpRequestWithAuthentication = async (
		_type: string,
		options: IHttpRequestOptions,
		additional: { credentialsDecrypted: ICredentialsDecrypted },
	) => {
		const data = additional.credentialsDecrypted.data!;
		if (!data.accessToken) Object.assign(data, await dingTalk.issueToken());
		return await dingTalk.answer(options, String(data.accessToken), staleStatus);
	};
	return {
		getNode: () => node,
		getCredentials: async () => ({ ...credentials }),
		getExecutionId: () => 'execution-1',
		helpers: { httpRequestWithAuthentication },
	} as unknown as IExecuteFunctions;
}

const call = async (client: DingTalkClient, id: string, delayMs?: number) =>
	await client.call<{ token: string }>(API, {
		params: { id },
		qs: delayMs === undefined ? undefined : { delayMs },
	});

describe('the client renews a stale token', () => {
	it.each([400, 401])(
		'HTTP %i InvalidAuthentication: it empties the token, n8n fetches a new one, the call is resent',
		async (status) => {
			const dingTalk = new FakeDingTalk();
			const client = new DingTalkClient(contextFor(dingTalk, 'expired', status), SETTINGS);
			const report = { tries: 0, outcomeWasUnknown: false };

			const answer = await client.call<{ token: string }>(API, { params: { id: 'e1' } }, report);

			expect(answer).toEqual({ token: 'token-1' });
			expect(dingTalk.tokensIssued).toBe(1);
			expect(dingTalk.tokensSent).toEqual(['expired', 'token-1']);
			// A renewal is not a retry: the call counts one try.
			expect(report).toEqual({ tries: 1, outcomeWasUnknown: false });
		},
	);

	it('calls in flight when the token goes stale wait for one renewal, then resend', async () => {
		const dingTalk = new FakeDingTalk();
		const client = new DingTalkClient(contextFor(dingTalk, 'expired'), SETTINGS);

		const answers = await Promise.all(
			Array.from({ length: 10 }, async (_, i) => await call(client, `e${i}`)),
		);

		expect(answers).toEqual(Array.from({ length: 10 }, () => ({ token: 'token-1' })));
		expect(dingTalk.tokensIssued).toBe(1);
		expect(dingTalk.tokensSent.filter((token) => token === 'expired')).toHaveLength(10);
		expect(dingTalk.tokensSent.filter((token) => token === 'token-1')).toHaveLength(10);
	});

	it('a call whose stale answer comes after the renewal resends without another renewal', async () => {
		const dingTalk = new FakeDingTalk();
		const client = new DingTalkClient(contextFor(dingTalk, 'expired'), SETTINGS);

		// Both leave with the old token; the slow one hears back only after the fast one renewed it.
		const [fast, slow] = await Promise.all([call(client, 'fast', 1), call(client, 'slow', 60)]);

		expect(fast).toEqual({ token: 'token-1' });
		expect(slow).toEqual({ token: 'token-1' });
		expect(dingTalk.tokensIssued).toBe(1);
		expect(dingTalk.tokensSent).toEqual(['expired', 'expired', 'token-1', 'token-1']);
	});

	it('on first use (no token yet) one call goes first and n8n fetches one token for all', async () => {
		const dingTalk = new FakeDingTalk();
		const client = new DingTalkClient(contextFor(dingTalk, ''), SETTINGS);

		await Promise.all(Array.from({ length: 5 }, async (_, i) => await call(client, `e${i}`)));

		expect(dingTalk.tokensIssued).toBe(1);
		expect(dingTalk.tokensSent).toEqual(Array.from({ length: 5 }, () => 'token-1'));
	});

	it('a token DingTalk refuses also when new fails the call after one renewal, unretried', async () => {
		const dingTalk = new FakeDingTalk(false);
		const client = new DingTalkClient(contextFor(dingTalk, 'expired'), SETTINGS);

		const error = await call(client, 'e1').catch((e: Error) => e);

		expect((error as Error).message).toBe(
			'DingTalk rejected the access token, also after fetching a new one',
		);
		expect(dingTalk.tokensIssued).toBe(1);
		expect(dingTalk.tokensSent).toEqual(['expired', 'token-1']);
	});
});
