import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { calendarIdField, organizerField } from '../../../shared/descriptions/calendarFields';
import { updateDisplayOptions } from '../../descriptions/displayOptions';
import { timeZoneOption } from '../../descriptions/eventFields';
import { returnAllOrLimit } from '../../descriptions/returnAllOrLimit';
import { readCalendarRef } from '../../helpers/events/eventReference';
import { readDateTime } from '../../helpers/time/dateTimeInput';
import { readTimeZone } from '../../helpers/time/timeZones';
import { toFilterTime } from '../../helpers/time/dingTalkTimes';
import { isTrue } from '../../helpers/input/booleans';
import { readReturnLimit } from '../../helpers/input/returnLimit';
import { invalidField } from '../../helpers/input/validation';
import type { DingTalkClient } from '../../../shared/transport/client';
import { listEvents } from '../../../shared/transport/api/events';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Many',
	description: "List a user's events in a time window",
	action: 'Get many events',
};

export const toolDescription =
	"List a user's calendar events in a time window (ISO 8601 with an offset). Returns event IDs, titles, times and rooms.";

const properties: INodeProperties[] = [
	{
		...organizerField,
		description:
			'The unionId of the user whose calendar to list (not the staff user ID): events they organize or attend',
	},
	calendarIdField,
	...returnAllOrLimit,
	{
		displayName: 'After',
		name: 'timeMin',
		type: 'dateTime',
		default: '',
		description:
			'Only events that start at or after this time. ISO text without an offset is read in the workflow time zone (or Options > Time Zone). At most one year before Before.',
	},
	{
		displayName: 'Before',
		name: 'timeMax',
		type: 'dateTime',
		default: '',
		description: 'Only events that start at or before this time. At most one year after After.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Show Deleted',
				name: 'showDeleted',
				type: 'boolean',
				default: false,
				description: 'Whether to include deleted (cancelled) events, with status "cancelled"',
			},
			{
				...timeZoneOption,
				description:
					'IANA time zone in which After and Before values without an offset are read. Empty: the workflow time zone (Workflow Settings).',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['getAll'] } },
	properties,
);

/** The item's parameters: the window DingTalk lists (at most one year) is checked before any request. */
export function validate(this: IExecuteFunctions, itemIndex: number) {
	const { userId, calendarId } = readCalendarRef(
		this,
		itemIndex,
		'Give the unionId of the user whose calendar to list (not the staff user ID).',
	);
	const limit = readReturnLimit(this, itemIndex);
	const zone = readTimeZone(this, itemIndex, 'options.timeZone', 'Time Zone');
	const after = readDateTime(this, itemIndex, 'timeMin', 'After', zone);
	const before = readDateTime(this, itemIndex, 'timeMax', 'Before', zone);
	if (after && before) {
		if (before.value.toMillis() <= after.value.toMillis()) {
			throw invalidField(
				this,
				itemIndex,
				'Before',
				`${toFilterTime(before.value)} is not after After (${toFilterTime(after.value)})`,
			);
		}
		if (before.value.toMillis() > after.value.plus({ years: 1 }).toMillis()) {
			throw invalidField(
				this,
				itemIndex,
				'Before',
				'is more than one year after After',
				'DingTalk lists at most one year at a time: split longer periods into several items.',
			);
		}
	}
	const showDeleted = this.getNodeParameter('options.showDeleted', itemIndex, false) as unknown;
	return { userId, calendarId, limit, after, before, showDeleted };
}

/**
 * Lists a user's events (ListEvents, `GET .../calendars/{calendarId}/events`), one output item per event,
 * ordered by start. DingTalk filters on the start time, pages with `nextToken` and looks at most one year ahead.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	{ userId, calendarId, limit, after, before, showDeleted }: ReturnType<typeof validate>,
): Promise<INodeExecutionData[]> {
	const { events } = await listEvents(
		this,
		client,
		{ userId, calendarId },
		{
			timeMin: after ? toFilterTime(after.value) : undefined,
			timeMax: before ? toFilterTime(before.value) : undefined,
			showDeleted: isTrue(showDeleted),
		},
		limit,
		itemIndex,
	);
	return events.map((event) => ({ json: event, pairedItem: { item: itemIndex } }));
}
