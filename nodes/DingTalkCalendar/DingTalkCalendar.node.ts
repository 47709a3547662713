import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationFields, toolDescriptionFields } from './actions/nodeProperties';
import { requestOptionsField } from './descriptions/requestOptions';
import { router } from './actions/router';
import { toToolError, toToolErrorItems } from './actions/toolErrors';
import { isToolRun } from './helpers/run/toolMode';
import * as loadOptions from './methods/loadOptions';
import * as listSearch from './methods/listSearch';

export class DingTalkCalendar implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DingTalk Calendar',
		name: 'dingTalkCalendar',
		icon: { light: 'file:dingtalkCalendar.svg', dark: 'file:dingtalkCalendar.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Book DingTalk meeting rooms and work with DingTalk calendar events',
		defaults: { name: 'DingTalk Calendar' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dingTalkApi', required: true }],
		properties: [
			// Only on the AI tool (n8n's `<type>Tool`): what the model is told each operation does.
			...toolDescriptionFields,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Attendee', value: 'attendee' },
					{ name: 'Event', value: 'event' },
					{ name: 'Meeting Room', value: 'meetingRoom' },
				],
				default: 'meetingRoom',
			},
			...operationFields,
			requestOptionsField,
		],
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (!isToolRun(this)) return await router.call(this);
		// As an AI tool: the same run, with error texts written for a model (actions/toolErrors.ts).
		try {
			return toToolErrorItems(this, await router.call(this));
		} catch (error) {
			throw toToolError(this, error as Error);
		}
	}
}
