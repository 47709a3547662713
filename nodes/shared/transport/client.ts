import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { resolveDingTalkBaseUrl } from '../../../credentials/dingTalkBaseUrl';
import { clientToken } from './clientToken';
import { parseDingTalkErrorBody, type DingTalkFailure } from './errors/dingTalkFailure';
import { toNodeApiError, type RequestSubject } from './errors/nodeApiError';
import { buildPath, type ApiDefinition } from './paths';
import { noteAccepted, noteRateLimited, startedAt, waitForSlot, type Slot } from './rateLimiter';
import { DEFAULT_REQUEST_SETTINGS, type RequestSettings } from './requestSettings';
import { backoffMs, outcomeUnknown, retryReason } from './retryPolicy';

export const CREDENTIAL_TYPE = 'dingTalkApi';

/** A node run, the editor's option loaders, or a poll of the DingTalk Calendar Trigger. */
export type DingTalkContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface DingTalkRequest {
	/** The path parameters, encoded by the client. */
	params?: Record<string, string>;
	qs?: IDataObject;
	body?: IDataObject;
	/** What the call is about, for the error message. */
	subject?: RequestSubject;
	/** The input item the call serves, stamped on any error. */
	itemIndex?: number;
}

/** A call as sent: the API and its filled-in path. */
interface PreparedCall extends DingTalkRequest {
	api: ApiDefinition;
	path: string;
}

/** Facts about how a call went, beyond its answer. */
export interface CallReport {
	/** Tries made, the successful one included. */
	tries: number;
	/** An earlier try of this call failed in a way that leaves open whether DingTalk applied it. */
	outcomeWasUnknown: boolean;
}

interface RawResponse {
	statusCode: number;
	body: unknown;
}

type SendResult = { response: RawResponse } | { failure: DingTalkFailure };

/**
 * A failed token request (credentials/DingTalkApi.credentials.ts) reaches us wrapped by n8n in a
 * NodeApiError that shares the original error's context.
 */
function findTokenError(error: unknown): { message: string; code?: string } | undefined {
	const found = (
		error as { context?: { dingTalkTokenError?: { message?: unknown; code?: unknown } } }
	)?.context?.dingTalkTokenError;
	if (typeof found?.message !== 'string') return undefined;
	return { message: found.message, code: typeof found.code === 'string' ? found.code : undefined };
}

function networkCode(error: unknown): string | undefined {
	const e = error as { code?: unknown; cause?: { code?: unknown }; message?: unknown };
	const code =
		typeof e?.code === 'string'
			? e.code
			: typeof e?.cause?.code === 'string'
				? e.cause.code
				: undefined;
	if (code) return code;
	if (typeof e?.message === 'string' && /timeout/i.test(e.message)) return 'ETIMEDOUT';
	return undefined;
}

function isStaleToken(response: RawResponse): boolean {
	if (response.statusCode !== 400 && response.statusCode !== 401) return false;
	return (
		parseDingTalkErrorBody(response.statusCode, response.body).code === 'InvalidAuthentication'
	);
}

/**
 * One DingTalk client per node run. It reads the credential once, sends every call through
 * httpRequestWithAuthentication (so n8n fetches, stores and applies the token), paces calls to
 * DingTalk's quota, retries what is safe to retry, and turns DingTalk's answers into results or
 * NodeApiErrors that say what to do.
 *
 * Token renewal: DingTalk answers a stale token with HTTP 400 InvalidAuthentication, which n8n's own
 * refresh (401 only) ignores. The client then empties the token in its copy of the credential and
 * resends: n8n sees the empty expirable field, runs the credential's preAuthentication, stores the new
 * token and applies it. Calls that meet the stale token while a renewal is under way wait for it and
 * resend, so a run fetches one token however many calls are in flight.
 *
 * Retries: rate limits (403 QpsLimit), server errors, pages that are not API answers, network
 * failures and timeouts, and DingTalk's idempotencyProcessing, with exponential back-off and jitter, up
 * to maxTries. Business errors (room busy, invalid parameter, ...) are never retried. Writes carry an
 * x-client-token that is the same on every try, so DingTalk applies a retried write once.
 */
export class DingTalkClient {
	private credentials?: ICredentialDataDecryptedObject;

	private credentialRef = { id: '', name: '' };

	private baseUrl = '';

	/** Identifies the app for the rate limiter (never a secret). */
	private appKey = '';

	/** Bumped after each renewal: a call that used an older token just resends. */
	private tokenGeneration = 0;

	private renewal?: Promise<void>;

	private loading?: Promise<void>;

	/** DingTalk refused the app's keys: every further call of this run fails the same way, unsent. */
	private keysRefused?: string;

	constructor(
		private readonly context: DingTalkContext,
		readonly settings: RequestSettings = DEFAULT_REQUEST_SETTINGS,
		/** Injectable for tests: the jitter of back-off waits. */
		private readonly random: () => number = Math.random,
	) {}

	private get node(): INode {
		return this.context.getNode();
	}

	private async load(): Promise<void> {
		if (this.credentials) return;
		this.loading ??= (async () => {
			const data = await this.context.getCredentials(CREDENTIAL_TYPE);
			try {
				this.baseUrl = resolveDingTalkBaseUrl(data);
			} catch (error) {
				throw new NodeOperationError(this.node, (error as Error).message);
			}
			const ref = this.node.credentials?.[CREDENTIAL_TYPE];
			this.credentialRef = { id: ref?.id ?? '', name: ref?.name ?? '' };
			this.appKey = String(
				data.appType === 'thirdParty' ? `${data.suiteKey}@${data.authCorpId}` : data.clientId,
			);
			this.credentials = { ...data };
		})();
		await this.loading;
	}

	private decrypted(): ICredentialsDecrypted {
		return { ...this.credentialRef, type: CREDENTIAL_TYPE, data: this.credentials };
	}

	/** One HTTP exchange. Throws only when DingTalk refused the app's keys; other failures are returned. */
	private async send(request: PreparedCall, headers: IDataObject): Promise<SendResult> {
		if (this.keysRefused) throw this.keysRefusedError(request);
		const options: IHttpRequestOptions = {
			method: request.api.method,
			url: `${this.baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			headers,
			json: true,
			timeout: this.settings.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		try {
			const response = (await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				CREDENTIAL_TYPE,
				options,
				{ credentialsDecrypted: this.decrypted() },
			)) as RawResponse;
			return { response };
		} catch (error) {
			const tokenError = findTokenError(error);
			if (tokenError?.code) {
				this.keysRefused = tokenError.message;
				throw this.keysRefusedError(request);
			}
			// A token request that got no answer is a network failure like any other: retried.
			return { failure: { code: networkCode(error) } };
		}
	}

	private keysRefusedError(request: PreparedCall): NodeOperationError {
		return new NodeOperationError(this.node, this.keysRefused!, {
			itemIndex: request.itemIndex,
			description: 'Open the DingTalk credential, correct it and use Test to check it.',
		});
	}

	/**
	 * Sends a call with the current token. Without a token yet (first use of the credential), the first
	 * call goes alone, so that n8n fetches one token for all; the others wait for it.
	 */
	private async sendWithToken(
		request: PreparedCall,
		headers: IDataObject,
		slot: Slot,
	): Promise<SendResult> {
		if (this.renewal) {
			await this.renewal;
			startedAt(slot, Date.now());
		}
		if (this.credentials!.accessToken) return await this.send(request, headers);
		const result = await this.resendWithFreshToken(this.tokenGeneration, request, headers);
		// The call went after a token request: when exactly is unknown, by now at the latest.
		startedAt(slot, Date.now());
		return result;
	}

	/**
	 * Resends a call that met a stale token. The first such call empties the token, so that n8n runs the
	 * credential's preAuthentication before sending it, and stores the new token; every other call waits
	 * for that renewal and then resends with the new token.
	 */
	private async resendWithFreshToken(
		generationSeen: number,
		request: PreparedCall,
		headers: IDataObject,
	): Promise<SendResult> {
		if (this.tokenGeneration === generationSeen && !this.renewal) {
			let finished!: () => void;
			this.renewal = new Promise<void>((resolve) => (finished = resolve));
			try {
				this.credentials!.accessToken = '';
				return await this.send(request, headers);
			} finally {
				this.tokenGeneration++;
				this.renewal = undefined;
				finished();
			}
		}
		if (this.renewal) await this.renewal;
		return await this.send(request, headers);
	}

	/** Sends one call; returns DingTalk's parsed body, or throws a NodeApiError that says what to do. */
	async call<T = IDataObject>(
		api: ApiDefinition,
		call: DingTalkRequest = {},
		report?: CallReport,
	): Promise<T> {
		const request: PreparedCall = { ...call, api, path: buildPath(api.path, call.params) };
		const subject = { permission: api.permission, ...call.subject };
		const outcome: CallReport = report ?? { tries: 0, outcomeWasUnknown: false };
		await this.load();
		const headers: IDataObject = {};
		if (api.write) headers['x-client-token'] = this.clientTokenFor(request);
		const quotaKey = `${this.baseUrl}|${this.appKey}|${api.name}`;
		let renewed = false;
		const ceiling = this.settings.callsPerSecond;
		for (;;) {
			// A slot is a moment at DingTalk: a call that would spend it waiting for a token renewal takes
			// it after the renewal.
			if (this.renewal) await this.renewal;
			const slot = await waitForSlot(quotaKey, ceiling);
			const generation = this.tokenGeneration;
			outcome.tries++;
			let result = await this.sendWithToken(request, headers, slot);
			if ('response' in result && isStaleToken(result.response) && !renewed) {
				renewed = true;
				result = await this.resendWithFreshToken(generation, request, headers);
				startedAt(slot, Date.now());
			}
			const failure =
				'failure' in result
					? result.failure
					: result.response.statusCode >= 200 && result.response.statusCode < 300
						? undefined
						: parseDingTalkErrorBody(result.response.statusCode, result.response.body);
			const reason = failure ? retryReason(failure) : undefined;
			if (reason === 'rateLimited') noteRateLimited(slot, ceiling);
			else if ('response' in result) noteAccepted(slot, ceiling);
			if (!failure && 'response' in result) {
				const { body } = result.response;
				return (body === '' || body === undefined ? {} : body) as T;
			}
			if (outcomeUnknown(reason) && api.write) outcome.outcomeWasUnknown = true;
			if (!reason || outcome.tries >= this.settings.maxTries) {
				throw toNodeApiError(
					this.node,
					failure!,
					subject,
					this.baseUrl,
					request.itemIndex,
					outcome,
				);
			}
			await sleep(backoffMs(outcome.tries, reason, this.random));
		}
	}

	private clientTokenFor(request: PreparedCall): string {
		const context = this.context as Partial<IExecuteFunctions>;
		const executionId =
			typeof context.getExecutionId === 'function' ? context.getExecutionId() : '';
		return clientToken([
			executionId,
			this.node.name,
			request.itemIndex ?? '',
			request.api.method,
			request.path,
			JSON.stringify(request.body ?? {}),
		]);
	}
}
