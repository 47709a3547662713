import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { NODE_TYPE, type WorkflowJson } from './engine';

export const CREDENTIAL_REF = { id: 'cred-sandbox', name: 'DingTalk Sandbox' };

/**
 * Manual Trigger → Code (emits the given items) → DingTalk Calendar with the given parameters.
 * Parameters are what the editor would save: expressions start with "=".
 */
export function itemsToNode(
	items: IDataObject[],
	parameters: INodeParameters,
	nodeOptions: Partial<INode> = {},
): WorkflowJson {
	return {
		name: 'test',
		nodes: [
			{
				id: '1',
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '2',
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
			},
			{
				id: '3',
				name: 'DingTalk Calendar',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [400, 0],
				parameters,
				credentials: { dingTalkApi: CREDENTIAL_REF },
				...nodeOptions,
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'DingTalk Calendar', type: 'main', index: 0 }]] },
		},
	};
}

export { addToEventParameters } from './nodeParameters';
