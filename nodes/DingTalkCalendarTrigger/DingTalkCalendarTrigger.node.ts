import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollCalendar } from './poll';
import { triggerProperties } from './triggerSettings';

/**
 * Starts workflows when events or room bookings in a DingTalk calendar change. Polls: n8n calls `poll`
 * at the Poll Times set; each change found is one item. Shares the credential, transport and helpers of
 * the DingTalk Calendar node (nodes/DingTalkCalendar).
 */
export class DingTalkCalendarTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'DingTalk Calendar Trigger',
		name: 'dingTalkCalendarTrigger',
		icon: {
			light: 'file:dingtalkCalendarTrigger.svg',
			dark: 'file:dingtalkCalendarTrigger.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Watch " + $parameter["userId"]}}',
		description:
			'Starts the workflow when DingTalk calendar events or meeting-room bookings change',
		defaults: { name: 'DingTalk Calendar Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'dingTalkApi', required: true }],
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollCalendar(this);
	}
}
