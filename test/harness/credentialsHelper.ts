import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

const isExpression = (value: unknown): value is string =>
	typeof value === 'string' && value.startsWith('=');

/**
 * An in-memory stand-in for n8n's CredentialsHelper (packages/cli/src/credentials-helper.ts): the same
 * rules for when preAuthentication runs (expirable field empty, expired, or credential test), the same
 * persistence of its output, and the same resolution of a generic `authenticate`. Only the database is
 * replaced by a Map, which the tests read to see what n8n would have stored.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	readonly store = new Map<string, StoredCredential>();

	/** Each preAuthentication call, to check how often the token was fetched. */
	preAuthenticationCalls = 0;

	constructor(private readonly types: Record<string, ICredentialType>) {
		super();
	}

	add(credential: StoredCredential): void {
		this.store.set(credential.id, { ...credential, data: { ...credential.data } });
	}

	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incoming: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incoming as IHttpRequestOptions &
			Record<string, Record<string, unknown>>;
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate?.type === 'generic') {
			requestOptions.headers ??= {};
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					const resolve = (v: string) =>
						isExpression(v)
							? String(
									workflow.expression.getSimpleParameterValue(
										node,
										v,
										'internal',
										{ $credentials: credentials },
										undefined,
										'',
									) ?? '',
								)
							: v;
					requestOptions[outerKey] ??= {};
					requestOptions[outerKey][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		const testing = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !testing) return undefined;

		this.preAuthenticationCalls++;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const ref = node.credentials?.[typeName];
		if (ref?.id) {
			const stored = this.store.get(ref.id);
			if (stored) stored.data = { ...stored.data, ...(output as ICredentialDataDecryptedObject) };
		}
		return Object.assign(credentials, output);
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		const stored = this.store.get(nodeCredentials.id ?? '');
		if (!stored || stored.type !== type)
			throw new Error(`Credential ${nodeCredentials.id} of type ${type} not found`);
		return {
			id: stored.id,
			name: stored.name,
			type: stored.type,
			data: undefined,
			getData: () => ({ ...stored.data }),
			getDataToSave: () => ({ id: stored.id, name: stored.name, type: stored.type }),
			setData: (data: ICredentialDataDecryptedObject) => {
				stored.data = { ...data };
			},
		} as unknown as ICredentials;
	}

	/** Like n8n: a fresh copy of the stored data, with the defaults of fields that were never saved. */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.get(nodeCredentials.id ?? '');
		if (!stored || stored.type !== type)
			throw new Error(`Credential ${nodeCredentials.id} of type ${type} not found`);
		const data: ICredentialDataDecryptedObject = {};
		for (const property of this.getCredentialsProperties(type)) {
			if (property.default !== undefined) data[property.name] = property.default as never;
		}
		return { ...data, ...stored.data };
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	) {
		const stored = this.store.get(nodeCredentials.id ?? '');
		if (stored) stored.data = { ...data };
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}
