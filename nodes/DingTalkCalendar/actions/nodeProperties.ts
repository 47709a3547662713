import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationModule } from './operation';
import { operations, type Resource } from './router';

/** The operation each resource's list opens on. */
const DEFAULT_OPERATION: Record<Resource, string> = {
	meetingRoom: 'addToEvent',
	event: 'create',
	attendee: 'add',
};

const modulesOf = (resource: Resource): Array<[string, OperationModule]> =>
	Object.entries(operations[resource]);

/** One resource's Operation list (alphabetical, as n8n's style asks) followed by its operations' fields. */
function resourceProperties(resource: Resource): INodeProperties[] {
	const options: INodePropertyOptions[] = modulesOf(resource)
		.map(([value, module]) => ({
			name: module.option.name,
			value,
			description: module.option.description,
			action: module.option.action,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	const defaultOperation = DEFAULT_OPERATION[resource];
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: defaultOperation,
		},
		...modulesOf(resource).flatMap(([, module]) => module.description),
	];
}

/**
 * What an AI agent or MCP client is told each operation does, as the default of the tool's Description.
 *
 * n8n's automatic tool description is only "<action> in DingTalk Calendar", which says nothing about
 * limits or formats. A usableAsTool node that has its own `toolDescription` parameter keeps it (n8n then
 * adds no Description field of its own, `convertNodeToAiTool`), and `getToolDescriptionForNode` sends
 * its value to the model. These parameters show only on the tool (`@tool`), one per operation, so the
 * plain node is unchanged, and a workflow author can still edit the text.
 */
function toolDescriptionProperties(resource: Resource): INodeProperties[] {
	return modulesOf(resource).map(([operation, { toolDescription }]) => ({
		displayName: 'Tool Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: toolDescription,
		description:
			'What the AI agent or MCP client is told this tool does. The default states the limits and formats of this operation; add your own rules (e.g. which rooms to prefer).',
		displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
	}));
}

const RESOURCES: Resource[] = ['meetingRoom', 'event', 'attendee'];

/** Only on the AI tool (n8n's `<type>Tool`): what the model is told each operation does. */
export const toolDescriptionFields: INodeProperties[] =
	RESOURCES.flatMap(toolDescriptionProperties);

/** Every resource's Operation list and fields, in the order the editor shows them. */
export const operationFields: INodeProperties[] = RESOURCES.flatMap(resourceProperties);
