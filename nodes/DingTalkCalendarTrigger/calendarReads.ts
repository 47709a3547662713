import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { listEvents, type ListEventsQuery } from '../shared/transport/api/events';
import type { CalendarRef } from '../shared/transport/api/refs';
import type { DingTalkClient } from '../shared/transport/client';

const utc = (ms: number): string => new Date(ms).toISOString();

/** Every event one ListEvents query finds, and the syncToken DingTalk sent with the last page. */
async function listAll(
	context: IPollFunctions,
	client: DingTalkClient,
	calendar: CalendarRef,
	query: ListEventsQuery,
): Promise<{ events: IDataObject[]; syncToken?: string }> {
	return await listEvents(context, client, calendar, query, Infinity);
}

/**
 * The baseline: events that start from `sinceMs` on, and the syncToken that follows them. Only the token
 * matters for later polls (changes to any event, older ones too, come with it); the events give the
 * watermark.
 */
export async function readBaseline(
	context: IPollFunctions,
	client: DingTalkClient,
	calendar: CalendarRef,
	sinceMs: number,
): Promise<{ events: IDataObject[]; syncToken: string }> {
	const { events, syncToken } = await listAll(context, client, calendar, { timeMin: utc(sinceMs) });
	if (!syncToken) throw noSyncToken(context);
	return { events, syncToken };
}

/** Events changed since `syncToken` (cancelled ones with status "cancelled"), and the next token. */
export async function readChanges(
	context: IPollFunctions,
	client: DingTalkClient,
	calendar: CalendarRef,
	syncToken: string,
): Promise<{ events: IDataObject[]; syncToken: string }> {
	const result = await listAll(context, client, calendar, { syncToken, showDeleted: true });
	if (!result.syncToken) throw noSyncToken(context);
	return { events: result.events, syncToken: result.syncToken };
}

/** Events that start between `fromMs` and `toMs` (both included), by start. */
export async function readWindow(
	context: IPollFunctions,
	client: DingTalkClient,
	calendar: CalendarRef,
	fromMs: number,
	toMs: number,
	showDeleted = false,
): Promise<IDataObject[]> {
	const query: ListEventsQuery = { timeMin: utc(fromMs), timeMax: utc(toMs), showDeleted };
	return (await listAll(context, client, calendar, query)).events;
}

/**
 * DingTalk refused a sync token: it answers 400 (the reference documents no specific code), and a
 * token is the only thing such a call sends that an earlier call did not. Auth, permission and rate
 * errors have their own statuses or codes and stay errors.
 */
export function isSyncTokenRefused(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const details = (error.context as { dingTalk?: { httpStatus?: unknown; code?: unknown } })
		.dingTalk;
	return (
		details?.httpStatus === 400 &&
		details.code !== 'InvalidAuthentication' &&
		details.code !== 'idempotencyProcessing'
	);
}

function noSyncToken(context: IPollFunctions): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{ message: 'DingTalk sent no syncToken' },
		{
			message: 'DingTalk did not return a sync token for this calendar',
			description:
				'The trigger needs the syncToken DingTalk sends with the last page of ListEvents. Check that the Calendar ID is "primary"; if it is, DingTalk changed its API: please report it.',
		},
	);
}
