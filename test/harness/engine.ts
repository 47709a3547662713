/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-require-imports */
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialType,
	IConnections,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { DingTalkApi } from '../../credentials/DingTalkApi.credentials';
// The explicit .ts: tsx would otherwise resolve the codex file DingTalkCalendar.node.json first.
import { DingTalkCalendar } from '../../nodes/DingTalkCalendar/DingTalkCalendar.node.ts';
import { DingTalkCalendarTrigger } from '../../nodes/DingTalkCalendarTrigger/DingTalkCalendarTrigger.node.ts';
import { TestCredentialsHelper, type StoredCredential } from './credentialsHelper';
import { CodeStub, FilterStub, ManualTriggerStub } from './stubNodes';

export const PACKAGE_NAME = 'n8n-nodes-dingtalk-calendar';
export const NODE_TYPE = `${PACKAGE_NAME}.dingTalkCalendar`;
export const TRIGGER_TYPE = `${PACKAGE_NAME}.dingTalkCalendarTrigger`;

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
}

/** The node types a test workflow may use: ours (as n8n names a community node) and two base stand-ins. */
export function createNodeTypes(
	overrides: Record<string, INodeType | IVersionedNodeType> = {},
): INodeTypes {
	const types: Record<string, INodeType | IVersionedNodeType> = {
		[NODE_TYPE]: new DingTalkCalendar(),
		[TRIGGER_TYPE]: new DingTalkCalendarTrigger(),
		'n8n-nodes-base.manualTrigger': new ManualTriggerStub(),
		'n8n-nodes-base.filter': new FilterStub(),
		'n8n-nodes-base.code': new CodeStub(),
		...overrides,
	};
	return {
		getByName: (name) => {
			const type = types[name];
			if (!type) throw new Error(`Unknown node type ${name}`);
			return type;
		},
		getByNameAndVersion: (name, version) => {
			const type = types[name];
			if (!type) throw new Error(`Unknown node type ${name}`);
			return NodeHelpers.getVersionedNodeType(type, version);
		},
		getKnownTypes: () => ({}),
	};
}

export const credentialTypes: Record<string, ICredentialType> = { dingTalkApi: new DingTalkApi() };

export interface RunResult {
	run: IRun;
	/** The items the named node put out (its first output), across its runs. */
	output(nodeName: string): INodeExecutionData[];
	/**
	 * The items on the named node's error output (On Error = Continue (using error output)), as n8n's
	 * engine sorted them; empty when the node has no error output.
	 */
	errorOutput(nodeName: string): INodeExecutionData[];
	/** The error that stopped the run, if any. */
	error: IRun['data']['resultData']['error'];
}

export interface RunOptions {
	credentialsHelper: TestCredentialsHelper;
	nodeTypes?: INodeTypes;
	timezone?: string;
}

/** n8n's base URLs, which the node never uses: empty in tests, for the engine and the editor's methods. */
export const NO_BASE_URLS = {
	restApiUrl: '',
	instanceBaseUrl: '',
	formWaitingBaseUrl: '',
	webhookBaseUrl: '',
	webhookWaitingBaseUrl: '',
	webhookTestBaseUrl: '',
};

/**
 * Runs a workflow the way n8n does a manual run: n8n-core's WorkflowExecute, real parameter and
 * expression resolution, real httpRequestWithAuthentication with our credential's preAuthentication.
 */
export async function runWorkflow(json: WorkflowJson, options: RunOptions): Promise<RunResult> {
	const { workflow, additionalData, nodeTypes } = prepareRun(json, options, 'manual');
	const startNode = json.nodes.find(
		(node) =>
			nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.inputs.length === 0,
	);
	const run = await new WorkflowExecute(additionalData, 'manual').run(workflow, startNode);
	return resultOf(run);
}

/**
 * Runs a workflow the way n8n runs an active workflow once its trigger emitted: the trigger node's items
 * are the start of the execution (mode "trigger"), as n8n's WorkflowRunner sets it up.
 */
export async function runFromTrigger(
	json: WorkflowJson,
	triggerName: string,
	items: INodeExecutionData[],
	options: RunOptions,
): Promise<RunResult> {
	const { workflow, additionalData } = prepareRun(json, options, 'trigger');
	const node = workflow.getNode(triggerName);
	if (!node) throw new Error(`no node ${triggerName}`);
	const runData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});
	const run = await new WorkflowExecute(additionalData, 'trigger', runData).processRunExecutionData(
		workflow,
	);
	return resultOf(run);
}

function resultOf(run: IRun): RunResult {
	return {
		run,
		error: run.data.resultData.error,
		output(nodeName) {
			const runs = run.data.resultData.runData[nodeName] ?? [];
			return runs.flatMap((task) => task.data?.main?.[0] ?? []);
		},
		errorOutput(nodeName) {
			const runs = run.data.resultData.runData[nodeName] ?? [];
			return runs.flatMap((task) => task.data?.main?.[1] ?? []);
		},
	};
}

function prepareRun(json: WorkflowJson, options: RunOptions, mode: 'manual' | 'trigger') {
	const nodeTypes = options.nodeTypes ?? createNodeTypes();
	const id = randomUUID();
	const settings: IWorkflowSettings = {
		timezone: options.timezone ?? 'Asia/Shanghai',
		...json.settings,
	};
	const workflow = new Workflow({
		id,
		name: json.name ?? 'test',
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		nodeTypes,
		settings,
		staticData: {},
	});
	const workflowData = {
		id,
		name: json.name ?? 'test',
		nodes: json.nodes,
		connections: json.connections,
		active: false,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const executionId = randomUUID();
	const additionalData = {
		credentialsHelper: options.credentialsHelper,
		hooks: new ExecutionLifecycleHooks(mode, executionId, workflowData),
		executionId,
		currentNodeExecutionIndex: 0,
		...NO_BASE_URLS,
		variables: {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not available in tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
	return { workflow, additionalData, nodeTypes };
}

export function credentialsHelperWith(...credentials: StoredCredential[]): TestCredentialsHelper {
	const helper = new TestCredentialsHelper(credentialTypes);
	credentials.forEach((credential) => helper.add(credential));
	return helper;
}

/**
 * n8n-core starts a 60 s interval for SSH tunnels on first use; stop it so jest exits cleanly. It lives in
 * the dependency-injection container n8n-core itself resolves (its own copy of @n8n/di).
 */
export function shutdownN8nCore(): void {
	try {
		const coreDir = dirname(require.resolve('n8n-core'));
		const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] })) as {
			Container: { has(token: unknown): boolean; get(token: unknown): unknown };
		};
		const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager') as {
			SSHClientsManager: unknown;
		};
		if (Container.has(SSHClientsManager)) {
			const manager = Container.get(SSHClientsManager) as {
				onShutdown?: () => void;
				cleanupTimer?: NodeJS.Timeout;
			};
			manager.onShutdown?.();
			if (manager.cleanupTimer) clearInterval(manager.cleanupTimer);
		}
	} catch {
		// Nothing started: nothing to stop.
	}
}
