import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { findAndBookFields } from '../../descriptions/findAndBookFields';
import { readRoomIds } from '../../helpers/input/roomIds';
import { MAX_ROOMS_PER_EVENT, requiredId, requiredString } from '../../helpers/input/validation';
import { readWholeNumber } from '../../helpers/input/wholeNumber';
import { MAX_WINDOW_DAYS } from '../../helpers/rooms/availability';
import { readCriteriaInput } from '../../helpers/rooms/criteriaInput';
import { findAndBook, type FindAndBookRequest } from '../../helpers/rooms/findAndBook';
import { toFilterTime } from '../../helpers/time/dingTalkTimes';
import { readTimeWindow } from '../../helpers/time/timeWindow';
import type { DingTalkClient } from '../../../shared/transport/client';
import { listIds, stringList, type ItemChange, type OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Find and Book',
	description:
		'Find free rooms that fit (size, group, equipment) for an event or a new event, book the best ones and confirm what DingTalk granted',
	action: 'Find and book free meeting rooms',
};

export const toolDescription =
	'Find free meeting rooms that fit and book them, for an existing event (event ID) or a new event (title, start and end). Times are ISO 8601 with an offset, e.g. 2026-12-03T15:00:00+08:00, at most 90 days apart. Optional: number of rooms (1 to 5), minimum seats, group IDs, equipment labels, preferred room IDs. Returns the event ID and each booked room (roomId, roomName, seats, status accepted or tentative while an approver decides). All or none: if fewer rooms are free, nothing stays booked and the answer says why.';

export const description = updateDisplayOptions(
	{ show: { resource: ['meetingRoom'], operation: ['findAndBook'] } },
	findAndBookFields,
);

/** The item's request, and what to output when too few rooms are free. */
type Input = FindAndBookRequest & { returnEmpty: boolean };

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number): Input {
	const userId = requiredId(this, itemIndex, 'userId', 'Organizer User ID', {
		description: "Give the organizer's unionId (not the staff user ID).",
	});
	const calendarId = requiredId(this, itemIndex, 'calendarId', 'Calendar ID', {
		description: 'Use "primary".',
	});
	const input: Input = {
		event: { userId, calendarId },
		roomCount: readWholeNumber(this, itemIndex, 'roomCount', 'Number of Rooms', {
			fallback: 1,
			min: 1,
			max: MAX_ROOMS_PER_EVENT,
			expected: `a whole number from 1 to ${MAX_ROOMS_PER_EVENT}`,
			description: `DingTalk books at most ${MAX_ROOMS_PER_EVENT} rooms per event.`,
		}),
		preferredRoomIds: readRoomIds(this, itemIndex, 'criteria.preferredRoomIds', 'Preferred Rooms', {
			max: Infinity,
			required: false,
		}),
		allowApprovalRooms:
			this.getNodeParameter('criteria.allowApprovalRooms', itemIndex, false) === true,
		returnEmpty:
			this.getNodeParameter('options.whenNoRoomIsFree', itemIndex, 'error') === 'returnEmpty',
		criteria: readCriteriaInput(this, itemIndex, {
			minCapacity: ['minCapacity', 'Minimum Capacity'],
			groupIds: ['criteria.groupIds', 'Groups'],
			labels: ['criteria.labels', 'Labels'],
			nameContains: ['criteria.nameContains', 'Name Contains'],
		}),
	};
	if (this.getNodeParameter('bookFor', itemIndex, 'existingEvent') === 'newEvent') {
		input.newEvent = {
			summary: requiredString(this, itemIndex, 'summary', 'Title'),
			window: readTimeWindow(
				this,
				itemIndex,
				{ start: ['start', 'Start'], end: ['end', 'End'] },
				MAX_WINDOW_DAYS,
			),
		};
	} else {
		input.existingEventId = requiredId(this, itemIndex, 'eventId', 'Event', {
			extractValue: true,
			description: 'Pick an event from the list, or give its ID.',
		});
	}
	return input;
}

/**
 * Books free rooms that fit, all or none (helpers/rooms/findAndBook). When too few are free, the
 * item fails with the reason, or says `found: false` with Return an Empty Result.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ returnEmpty, ...request }: Input,
): Promise<INodeExecutionData[]> {
	const { userId, calendarId } = request.event;
	const outcome = await findAndBook(this, itemIndex, client, request);
	const when = {
		summary: outcome.summary,
		start: toFilterTime(outcome.window.start),
		end: toFilterTime(outcome.window.end),
	};
	if (!outcome.found) {
		if (!returnEmpty) {
			const { reason, details: description } = outcome;
			throw new NodeOperationError(this.getNode(), reason, { itemIndex, description });
		}
		const json: IDataObject = {
			found: false,
			reason: outcome.reason,
			userId,
			calendarId,
			eventId: outcome.eventId,
			eventCreated: false,
			...when,
			roomIds: [],
			rooms: [],
			allAccepted: false,
			passedOver: outcome.passedOver,
		};
		return [{ json, pairedItem: { item: itemIndex } }];
	}
	const { rooms } = outcome;
	const json: IDataObject = {
		found: true,
		userId,
		calendarId,
		eventId: outcome.eventId,
		eventCreated: outcome.eventCreated,
		...when,
		roomIds: rooms.map((room) => room.roomId),
		rooms,
		allAccepted: rooms.every((room) => room.responseStatus === 'accepted'),
		passedOver: outcome.passedOver,
	};
	if (outcome.readError) json.verifyError = outcome.readError;
	return [{ json, pairedItem: { item: itemIndex } }];
}

export function changeOf(json: IDataObject): ItemChange | undefined {
	// Not found: what it booked was released again (and a created event deleted), or the error says what was not.
	if (json.found !== true) return undefined;
	const roomIds = stringList(json.roomIds);
	const eventId = String(json.eventId);
	const created = json.eventCreated === true ? `created event ${eventId} and ` : '';
	return {
		change: `${created}booked room${roomIds.length === 1 ? '' : 's'} ${listIds(roomIds)} onto event ${eventId}`,
		eventId,
		roomIds,
	};
}
