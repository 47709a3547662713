import type { INode } from 'n8n-workflow';

/** The DingTalk Calendar node as unit tests hand it to the code under test (for errors and credentials). */
export function fakeNode(extra: Partial<INode> = {}): INode {
	return {
		id: '1',
		name: 'DingTalk Calendar',
		type: 'n8n-nodes-dingtalk-calendar.dingTalkCalendar',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...extra,
	};
}
