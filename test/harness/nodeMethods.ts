import { LoadOptionsContext } from 'n8n-core';
import type {
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createNodeTypes, NODE_TYPE, NO_BASE_URLS } from './engine';
import type { TestCredentialsHelper } from './credentialsHelper';
import { CREDENTIAL_REF } from './workflows';

/**
 * Calls one of the node's editor methods (a list search or a load-options method) the way n8n's
 * editor backend does: a LoadOptionsContext from n8n-core over a workflow holding just this node, with
 * the node's current parameters, and the real credential path (preAuthentication, authenticate).
 */
async function inEditor<T>(
	parameters: INodeParameters,
	credentialsHelper: TestCredentialsHelper,
	call: (
		context: LoadOptionsContext,
		methods: NonNullable<ReturnType<typeof nodeMethods>>,
	) => Promise<T>,
): Promise<T> {
	const nodeTypes = createNodeTypes();
	const node: INode = {
		id: 'editor',
		name: 'DingTalk Calendar',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { dingTalkApi: CREDENTIAL_REF },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { timezone: 'Asia/Shanghai' },
	});
	const additionalData = {
		credentialsHelper,
		currentNodeParameters: parameters,
		...NO_BASE_URLS,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	return await call(context, nodeMethods(nodeTypes)!);
}

function nodeMethods(nodeTypes: ReturnType<typeof createNodeTypes>) {
	return nodeTypes.getByNameAndVersion(NODE_TYPE, 1).methods;
}

export async function listSearch(
	method: string,
	parameters: INodeParameters,
	credentialsHelper: TestCredentialsHelper,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await inEditor(parameters, credentialsHelper, async (context, methods) => {
		const search = methods.listSearch?.[method];
		if (!search) throw new Error(`The node has no list search ${method}`);
		return await search.call(context, filter, paginationToken);
	});
}

export async function loadOptions(
	method: string,
	parameters: INodeParameters,
	credentialsHelper: TestCredentialsHelper,
): Promise<INodePropertyOptions[]> {
	return await inEditor(parameters, credentialsHelper, async (context, methods) => {
		const load = methods.loadOptions?.[method];
		if (!load) throw new Error(`The node has no load-options method ${method}`);
		return await load.call(context);
	});
}
