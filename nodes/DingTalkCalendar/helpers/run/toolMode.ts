import type { IExecuteFunctions, INode } from 'n8n-workflow';

/**
 * Whether n8n runs this node as an AI tool (for an AI Agent or the MCP Server Trigger). n8n registers
 * every `usableAsTool` node a second time as `<type>Tool` (n8n 1.x and 2.x, `convertNodeToAiTool`),
 * and a tool node in a workflow has that type; the `@tool` display option tests the same suffix.
 */
export function isToolNode(node: Pick<INode, 'type'>): boolean {
	return node.type.endsWith('Tool');
}

export function isToolRun(context: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return isToolNode(context.getNode());
}

export type OutputShape = 'simplified' | 'raw';

/**
 * Options > Output: Simplified (the fields an agent needs) or Raw (every field DingTalk returns).
 * Auto, the default, is Simplified when the node runs as an AI tool and Raw otherwise.
 */
export function readOutputShape(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter = 'options.output',
): OutputShape {
	const chosen = context.getNodeParameter(parameter, itemIndex, 'auto');
	if (chosen === 'simplified' || chosen === 'raw') return chosen;
	return isToolRun(context) ? 'simplified' : 'raw';
}

/**
 * Options > Other Users' Event Details: whether availability answers carry the event IDs and organizers
 * of bookings that are not the operator's own. Auto, the default, leaves them out when the node runs as
 * an AI tool (an agent needs free/busy times, not other people's calendars) and keeps them otherwise.
 */
export function readShowOthersEvents(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter = 'options.othersEventDetails',
): boolean {
	const chosen = context.getNodeParameter(parameter, itemIndex, 'auto');
	if (chosen === 'show') return true;
	if (chosen === 'hide') return false;
	return !isToolRun(context);
}
