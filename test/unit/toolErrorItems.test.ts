import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { toToolErrorItems } from '../../nodes/DingTalkCalendar/actions/toolErrors';

/** Only what toToolErrorItems reads of its context: the node's parameters. */
function toolContext(): IExecuteFunctions {
	const parameters = {
		resource: 'meetingRoom',
		operation: 'addToEvent',
		roomIds: "={{ $fromAI('roomIds', 'Room IDs', 'string') }}",
	};
	return { getNode: () => ({ parameters }) } as unknown as IExecuteFunctions;
}

const message =
	'Item 0, field "Rooms": 6 rooms given, but DingTalk books at most 5 rooms per event';
const description =
	'Give 1 to 5 room IDs: pick them from the list, or use an expression that returns a list or a comma-separated text.';

describe('error items of a tool run', () => {
	it('rewrite the same texts for Continue (regular output) and Continue (using error output)', () => {
		const flat: INodeExecutionData = {
			json: { error: message, errorDescription: description },
			pairedItem: { item: 0 },
		};
		const nested: INodeExecutionData = {
			json: { error: { message, errorDescription: description, dingTalk: { code: 'x' } } },
			pairedItem: { item: 0 },
		};
		const [[a, b]] = toToolErrorItems(toolContext(), [[flat, nested]]);
		const inner = b.json.error as { message: string; errorDescription: string; dingTalk: unknown };

		expect(a.json.error).not.toBe(message);
		expect(a.json.error).toContain('roomIds');
		expect(inner.message).toBe(a.json.error);
		expect(inner.errorDescription).toBe(a.json.errorDescription);
		expect(inner.dingTalk).toEqual({ code: 'x' });
	});
});
