import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { resolveDingTalkBaseUrl } from '../../../credentials/dingTalkBaseUrl';
import { parseDingTalkErrorBody, type DingTalkFailure } from './dingTalkError';
import { toNodeApiError, type RequestSubject } from './errorMapping';

export const CREDENTIAL_TYPE = 'dingTalkApi';

/** How long one HTTP call may take before it counts as failed. */
const REQUEST_TIMEOUT_MS = 30000;

export type DingTalkContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface DingTalkRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, already encoded (see buildPath). */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** What the call is about, for the error message. */
	subject?: RequestSubject;
	/** The input item the call serves, stamped on any error. */
	itemIndex?: number;
}

interface RawResponse {
	statusCode: number;
	body: unknown;
}

/** Failures of the token request (credentials/DingTalkApi.credentials.ts) reach us wrapped by n8n. */
function findTokenError(error: unknown): (Error & { dingTalkCode?: string; requestId?: string; httpStatus?: number }) | undefined {
	let current = error as { name?: string; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (current.name === 'DingTalkTokenError') return current as Error;
		current = current.cause as typeof current;
	}
	return undefined;
}

/**
 * One DingTalk client per node run. It reads the credential once, sends every call through
 * httpRequestWithAuthentication (so n8n fetches, stores and applies the token), and turns DingTalk's
 * answers into results or NodeApiErrors.
 *
 * Token renewal: DingTalk answers a stale token with HTTP 400 InvalidAuthentication, which n8n's own
 * refresh (401 only) ignores. The client then empties the token in its copy of the credential and
 * resends once: n8n sees the empty expirable field, runs the credential's preAuthentication, stores the
 * new token and applies it. Calls that fail while a renewal is under way wait for it instead of
 * starting their own, so a run fetches one token however many calls meet the stale one.
 */
export class DingTalkClient {
	private credentials?: ICredentialDataDecryptedObject;

	private credentialRef?: { id: string; name: string };

	private baseUrl = '';

	/** Bumped after each renewal: a call that used an older token just resends. */
	private tokenGeneration = 0;

	private renewal?: Promise<void>;

	constructor(private readonly context: DingTalkContext) {}

	private get node(): INode {
		return this.context.getNode();
	}

	/** The base URL of the credential, for messages. */
	get apiBaseUrl(): string {
		return this.baseUrl;
	}

	private async load(): Promise<void> {
		if (this.credentials) return;
		const data = await this.context.getCredentials(CREDENTIAL_TYPE);
		try {
			this.baseUrl = resolveDingTalkBaseUrl(data);
		} catch (error) {
			throw new NodeOperationError(this.node, (error as Error).message);
		}
		const ref = this.node.credentials?.[CREDENTIAL_TYPE];
		this.credentialRef = { id: ref?.id ?? '', name: ref?.name ?? '' };
		this.credentials = { ...data };
	}

	private decrypted(): ICredentialsDecrypted {
		return {
			id: this.credentialRef!.id,
			name: this.credentialRef!.name,
			type: CREDENTIAL_TYPE,
			data: this.credentials,
		};
	}

	private async send(request: DingTalkRequest): Promise<RawResponse> {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${this.baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			json: true,
			timeout: REQUEST_TIMEOUT_MS,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		return (await this.context.helpers.httpRequestWithAuthentication.call(
			this.context,
			CREDENTIAL_TYPE,
			options,
			{ credentialsDecrypted: this.decrypted() },
		)) as RawResponse;
	}

	/** Starts one token renewal, or joins the one under way. */
	private async renewToken(generationSeen: number, retry: () => Promise<RawResponse>): Promise<RawResponse> {
		if (this.tokenGeneration !== generationSeen) return await retry();
		if (this.renewal) {
			await this.renewal;
			return await retry();
		}
		let finish!: () => void;
		this.renewal = new Promise<void>((resolve) => (finish = resolve));
		try {
			this.credentials!.accessToken = '';
			return await retry();
		} finally {
			this.tokenGeneration++;
			this.renewal = undefined;
			finish();
		}
	}

	/** Sends one call; returns DingTalk's parsed body, or throws a NodeApiError that says what to do. */
	async request<T = IDataObject>(request: DingTalkRequest): Promise<T> {
		await this.load();
		const subject = request.subject ?? {};
		let response: RawResponse;
		try {
			const generation = this.tokenGeneration;
			if (this.renewal) await this.renewal;
			response = await this.send(request);
			if (isStaleToken(response)) {
				response = await this.renewToken(generation, async () => await this.send(request));
			}
		} catch (error) {
			throw this.transportError(error, subject, request.itemIndex);
		}
		if (response.statusCode >= 200 && response.statusCode < 300) {
			return (response.body === '' || response.body === undefined ? {} : response.body) as T;
		}
		throw toNodeApiError(
			this.node,
			parseDingTalkErrorBody(response.statusCode, response.body),
			subject,
			this.baseUrl,
			request.itemIndex,
		);
	}

	/** A failure with no HTTP answer: the token request failed, or the connection did. */
	private transportError(error: unknown, subject: RequestSubject, itemIndex?: number) {
		const tokenError = findTokenError(error);
		if (tokenError) {
			return new NodeOperationError(this.node, tokenError.message, {
				itemIndex,
				description: 'Open the DingTalk credential, correct it and use Test to check it.',
			});
		}
		const failure: DingTalkFailure = {
			code: (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code,
		};
		return toNodeApiError(this.node, failure, subject, this.baseUrl, itemIndex);
	}
}

function isStaleToken(response: RawResponse): boolean {
	if (response.statusCode !== 400 && response.statusCode !== 401) return false;
	const failure = parseDingTalkErrorBody(response.statusCode, response.body);
	return failure.code === 'InvalidAuthentication';
}
