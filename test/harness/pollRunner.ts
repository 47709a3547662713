import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, PollContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { createNodeTypes, NO_BASE_URLS, TRIGGER_TYPE } from './engine';
import type { TestCredentialsHelper } from './credentialsHelper';
import { CREDENTIAL_REF } from './workflows';

export const TRIGGER_NODE = 'DingTalk Calendar Trigger';

/**
 * Runs the trigger's poll the way n8n's ActiveWorkflows does: n8n-core's real PollContext over a
 * Workflow (parameters, expressions, workflow static data, httpRequestWithAuthentication with our
 * credential), mode "trigger" (or "manual" for Fetch Test Event). What n8n adds around it is modelled
 * here, as n8n 1.x/2.x do it (ActiveWorkflowManager): the static data lives in memory between polls and
 * is saved to the database after the poll at activation (every n8n start activates again) and when a
 * poll emits (__emit); `restart()` starts over from what was saved, as after an n8n restart. Real n8n
 * runs the trigger in test/e2e/triggerCheck.ts.
 */
export class PollRunner {
	private workflow!: Workflow;

	/** The static data as n8n's database would hold it. */
	saved: IDataObject = {};

	readonly node: INode;

	/** The next poll is the one n8n runs when it activates the workflow. */
	private activating = true;

	constructor(
		/** The trigger's parameters, or its whole node (an example workflow's). */
		parametersOrNode: INodeParameters | INode,
		private readonly credentialsHelper: TestCredentialsHelper,
		private readonly timezone = 'Asia/Shanghai',
	) {
		this.node =
			parametersOrNode.type === TRIGGER_TYPE
				? (parametersOrNode as unknown as INode)
				: {
						id: 'trigger-1',
						name: TRIGGER_NODE,
						type: TRIGGER_TYPE,
						typeVersion: 1,
						position: [0, 0],
						parameters: parametersOrNode as INodeParameters,
						credentials: { dingTalkApi: CREDENTIAL_REF },
					};
		this.restart();
	}

	/** A fresh Workflow whose static data is what was last saved: n8n after a restart. */
	restart(): void {
		this.activating = true;
		this.workflow = new Workflow({
			id: 'wf-trigger',
			name: 'trigger test',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: createNodeTypes(),
			settings: { timezone: this.timezone },
			staticData: JSON.parse(JSON.stringify(this.saved)) as IDataObject,
		});
	}

	/** The node's static data as it is in memory now. */
	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** One poll; the items it emits (none: null). Saves the static data when it emits, as n8n does. */
	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<INodeExecutionData[] | null> {
		const executionId = randomUUID();
		const workflowData = {
			id: this.workflow.id,
			name: this.workflow.name,
			nodes: [this.node],
			connections: {},
		} as unknown as IWorkflowBase;
		const additionalData = {
			credentialsHelper: this.credentialsHelper,
			hooks: new ExecutionLifecycleHooks(mode, executionId, workflowData),
			executionId,
			currentNodeExecutionIndex: 0,
			...NO_BASE_URLS,
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new PollContext(
			this.workflow,
			this.node,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		const type = this.workflow.nodeTypes.getByNameAndVersion(this.node.type, 1);
		const response = await type.poll!.call(context);
		if (mode !== 'manual' && (response !== null || this.activating)) {
			this.saved = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
		}
		if (mode !== 'manual') this.activating = false;
		return response === null ? null : response[0];
	}
}
