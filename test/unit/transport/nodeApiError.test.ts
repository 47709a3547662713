import { toNodeApiError } from '../../../nodes/shared/transport/errors/nodeApiError';
import { fakeNode } from '../fakeNode';

const node = fakeNode();
const busy = {
	httpStatus: 400,
	code: 'meetingRoomNotAvailable',
	dingTalkMessage: 'room busy',
	requestId: 'R-1',
};
const room = 'ae3ec06c129e2efb293ced68d790e3695727b9a62a6197ec';

describe('a busy room in the error message', () => {
	it('is named when the node already knows its name (it read the directory), with its ID', () => {
		const error = toNodeApiError(
			node,
			busy,
			{ roomIds: [room], roomNames: { [room]: 'Boardroom 董事会议室' } },
			'http://x',
			0,
		);
		expect(error.message).toBe(
			`Room "Boardroom 董事会议室" (${room}) is already booked for this time`,
		);
	});

	it('is given by ID otherwise', () => {
		expect(toNodeApiError(node, busy, { roomIds: [room] }, 'http://x', 0).message).toBe(
			`Room ${room} is already booked for this time`,
		);
		expect(
			toNodeApiError(node, busy, { roomIds: [room], roomNames: {} }, 'http://x', 0).message,
		).toBe(`Room ${room} is already booked for this time`);
	});
});
