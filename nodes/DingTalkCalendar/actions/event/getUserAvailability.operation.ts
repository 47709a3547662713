import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { operatorField, windowEndField, windowStartField } from '../../descriptions/roomFields';
import { readOperator } from '../../helpers/input/operator';
import { readAttendeeIds } from '../../helpers/input/attendeeIds';
import { inBatches } from '../../../shared/transport/api/batches';
import { scheduleTimeUtc, toFilterTime } from '../../helpers/time/dingTalkTimes';
import { readTimeWindow } from '../../helpers/time/timeWindow';
import type { DingTalkClient } from '../../../shared/transport/client';
import {
	getUserSchedules,
	USERS_PER_SCHEDULE_QUERY,
} from '../../../shared/transport/api/schedules';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get User Availability',
	description: 'Get when users are busy in a time window (free/busy)',
	action: 'Get the availability of users',
};

export const toolDescription =
	'Get when users (1 to 20 unionIds) are busy between a start and an end (ISO 8601 with an offset). Returns the busy times per user.';

const properties: INodeProperties[] = [
	{
		...operatorField,
		description:
			'The unionId of a member of the organization (not the staff user ID) on whose behalf DingTalk answers, e.g. the organizer of the planned meeting',
	},
	{
		displayName: 'Users',
		name: 'userIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 3VRoyJSQ3XeujP7Hov3siEiF, rYIvvnslIx9TsVwDw9NPiEiF',
		description:
			'The people whose free/busy times to get: unionIds separated by commas, or a list from an expression. Any number: DingTalk is asked about 20 at a time.',
	},
	windowStartField,
	windowEndField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['getUserAvailability'] } },
	properties,
);

/** DingTalk's per-user reasons, in English (its own text is kept in brackets). */
const SCHEDULE_ERRORS: Record<string, string> = {
	无权限: "No permission to see this user's schedule",
};

/** The item's parameters, checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	return {
		userId: readOperator(this, itemIndex),
		userIds: readAttendeeIds(this, itemIndex, 'userIds', 'Users', { max: Infinity }),
		window: readTimeWindow(this, itemIndex, { start: ['start', 'Start'], end: ['end', 'End'] }),
	};
}

/**
 * Free/busy of users in a time window (GetSchedule, `POST /v1.0/calendar/users/{userId}/querySchedule`),
 * one output item per user, in the order given: free or busy, and when (BUSY, or TENTATIVE for
 * invitations the user answered "maybe"). DingTalk is asked about 20 users per call.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ userId, userIds, window }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const startTime = toFilterTime(window.start);
	const endTime = toFilterTime(window.end);

	const answers = await Promise.all(
		inBatches(userIds, USERS_PER_SCHEDULE_QUERY).map(
			async (batch) =>
				await getUserSchedules(client, userId, batch, { startTime, endTime }, itemIndex),
		),
	);
	const byUser = new Map(
		answers
			.flatMap((answer) => answer.scheduleInformation ?? [])
			.map((info) => [info.userId, info]),
	);

	return userIds.map((id) => {
		const info = byUser.get(id);
		const busySlots = (info?.scheduleItems ?? []).map((item) => ({
			status: item.status ?? 'BUSY',
			start: scheduleTimeUtc(item.start),
			end: scheduleTimeUtc(item.end),
		}));
		const scheduleError = !info
			? 'DingTalk returned no schedule for this user'
			: info.error
				? `${SCHEDULE_ERRORS[info.error] ?? info.error}${SCHEDULE_ERRORS[info.error] ? ` (DingTalk: ${info.error})` : ''}`
				: undefined;
		const free = !scheduleError && busySlots.length === 0;
		const json: IDataObject = {
			userId: id,
			start: startTime,
			end: endTime,
			status: scheduleError ? 'unknown' : free ? 'free' : 'busy',
			free,
			busySlots,
		};
		if (scheduleError) json.scheduleError = scheduleError;
		return { json, pairedItem: { item: itemIndex } };
	});
}
