/* eslint-disable @n8n/community-nodes/node-usable-as-tool */
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, deepCopy } from 'n8n-workflow';

// The explicit .ts: tsx would otherwise resolve the codex file DingTalkCalendar.node.json first.
import { DingTalkCalendar } from '../../nodes/DingTalkCalendar/DingTalkCalendar.node.ts';
import { createNodeTypes, NODE_TYPE, type WorkflowJson } from './engine';
import { CREDENTIAL_REF } from './workflows';

export const TOOL_NODE_TYPE = `${NODE_TYPE}Tool`;
const AGENT_TYPE = 'test.agentStub';

/**
 * Our node as n8n offers it to AI agents: n8n (1.x and 2.x, `convertNodeToAiTool`) copies every
 * usableAsTool node type as `<name>Tool`, with no main input and one `ai_tool` output; the class and
 * its execute stay the same. (n8n also adds a Description field, unless the node has its own
 * `toolDescription`, as ours does.)
 */
export class DingTalkCalendarToolType extends DingTalkCalendar {
	constructor() {
		super();
		const description = deepCopy(this.description) as INodeTypeDescription;
		description.name += 'Tool';
		description.displayName += ' Tool';
		description.inputs = [];
		description.outputs = [NodeConnectionTypes.AiTool];
		delete description.usableAsTool;
		this.description = description;
	}
}

interface LangChainTool {
	name: string;
	description: string;
	schema: { shape: Record<string, { description?: string }> };
	invoke(args: IDataObject): Promise<string>;
}

/**
 * A stand-in for n8n's AI Agent that calls its tools with fixed arguments: it takes the tools from its
 * `ai_tool` input through n8n-core's own getInputConnectionData (which wraps our node with
 * createNodeAsTool, as for a real agent or the MCP Server Trigger) and invokes them in turn. One item
 * per call: the tool's name, description and parameters, and its answer or the error text n8n hands a
 * model (`message` + "Details: " + description).
 */
export class AgentStub implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Agent Stub',
		name: 'agentStub',
		group: ['transform'],
		version: 1,
		description: 'Calls its tools with fixed arguments',
		defaults: { name: 'Agent' },
		inputs: [
			NodeConnectionTypes.Main,
			{ type: NodeConnectionTypes.AiTool, displayName: 'Tools', required: true },
		],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Calls', name: 'calls', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const tools = (await this.getInputConnectionData(
			NodeConnectionTypes.AiTool,
			0,
		)) as LangChainTool[];
		const raw = this.getNodeParameter('calls', 0) as string | IDataObject[];
		const calls = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{
			tool: string;
			args: IDataObject;
		}>;
		const out: INodeExecutionData[] = [];
		for (const call of calls) {
			const tool = tools.find((t) => t.name === call.tool);
			if (!tool)
				throw new Error(`no tool ${call.tool}; tools: ${tools.map((t) => t.name).join(', ')}`);
			const about = {
				tool: tool.name,
				description: tool.description,
				parameters: Object.keys(tool.schema.shape),
			};
			try {
				const answer = await tool.invoke(call.args);
				out.push({
					json: {
						...about,
						response: JSON.parse(answer) as IDataObject,
						responseChars: answer.length,
					},
				});
			} catch (error) {
				out.push({ json: { ...about, error: (error as Error).message } });
			}
		}
		return [out];
	}
}

export function createToolNodeTypes() {
	return createNodeTypes({
		[TOOL_NODE_TYPE]: new DingTalkCalendarToolType(),
		[AGENT_TYPE]: new AgentStub(),
	});
}

/** Manual Trigger → Agent, with each given DingTalk Calendar tool node on the agent's `ai_tool` input. */
export function agentWorkflow(
	tools: Array<{ name: string; parameters: INodeParameters; options?: Partial<INode> }>,
	calls: Array<{ tool: string; args: IDataObject }>,
): WorkflowJson {
	const nodes: INode[] = [
		{
			id: 't',
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'a',
			name: 'Agent',
			type: AGENT_TYPE,
			typeVersion: 1,
			position: [200, 0],
			parameters: { calls: JSON.stringify(calls) },
		},
		...tools.map(
			(tool, k): INode => ({
				id: `tool${k}`,
				name: tool.name,
				type: TOOL_NODE_TYPE,
				typeVersion: 1,
				position: [200 + 150 * k, 200],
				parameters: tool.parameters,
				credentials: { dingTalkApi: CREDENTIAL_REF },
				...tool.options,
			}),
		),
	];
	const connections: WorkflowJson['connections'] = {
		'Manual Trigger': { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
	};
	for (const tool of tools)
		connections[tool.name] = { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] };
	return { name: 'agent test', nodes, connections };
}
