import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ROOM_IDS, USER_IDS } from '../../sandbox/seed';
import { credentialsHelperWith } from '../harness/engine';
import { PollRunner } from '../harness/pollRunner';
import { useCalendarSandbox, type CalendarKit } from '../node/calendarTestKit';

export const ALICE = USER_IDS.alice;
export const BOB = USER_IDS.bob;
export { ROOM_IDS };

const MINUTE = 60_000;

/** An ISO instant `minutes` from now (real time: the trigger reads n8n's clock, the sandbox's runs alongside). */
export const inMinutes = (minutes: number): string =>
	new Date(Date.now() + minutes * MINUTE).toISOString();

export interface TriggerKit extends CalendarKit {
	/** A trigger on Alice's calendar with these parameters (events etc.), polled through n8n-core's PollContext. */
	trigger(parameters: INodeParameters): Promise<PollRunner>;
	/** Creates an event for `organizer` through the DingTalk API; returns its ID. */
	create(
		summary: string,
		startInMinutes: number,
		extra?: IDataObject,
		organizer?: string,
	): Promise<string>;
	patch(eventId: string, body: IDataObject, organizer?: string): Promise<void>;
	remove(eventId: string, organizer?: string): Promise<void>;
	book(eventId: string, roomIds: string[], organizer?: string): Promise<void>;
	respond(
		eventId: string,
		roomId: string,
		responseStatus: 'accepted' | 'declined' | 'tentative',
	): Promise<void>;
}

/** `{change, eventId, summary, room?}` of each emitted item: what the assertions compare. */
export function summarize(items: INodeExecutionData[] | null): IDataObject[] {
	return (items ?? []).map(({ json }) => {
		const event = json.event as IDataObject;
		const out: IDataObject = { change: json.change, eventId: event.id, summary: event.summary };
		if (json.room) {
			const room = json.room as IDataObject;
			out.room = `${String(room.previousStatus)}→${String(room.status)}`;
			out.roomId = room.roomId;
		}
		return out;
	});
}

export function useTriggerSandbox(): TriggerKit {
	const kit = useCalendarSandbox() as TriggerKit;
	const ok = (what: string, response: { status: number; data: unknown }) => {
		if (response.status !== 200)
			throw new Error(`${what} failed: ${response.status} ${JSON.stringify(response.data)}`);
	};
	const events = (organizer: string) =>
		`/v1.0/calendar/users/${organizer}/calendars/primary/events`;
	kit.trigger = async (parameters) => {
		const credentialsHelper = credentialsHelperWith(await kit.dingtalk.internalCredential());
		return new PollRunner(
			{ userId: ALICE, calendarId: 'primary', ...parameters },
			credentialsHelper,
		);
	};
	kit.create = async (summary, startInMinutes, extra = {}, organizer = ALICE) => {
		const response = await kit.api('POST', events(organizer), {
			summary,
			start: { dateTime: inMinutes(startInMinutes), timeZone: 'UTC' },
			end: { dateTime: inMinutes(startInMinutes + 30), timeZone: 'UTC' },
			...extra,
		});
		ok('create', response);
		return (response.data as IDataObject).id as string;
	};
	kit.patch = async (eventId, body, organizer = ALICE) => {
		const response = await kit.dingtalk.http.put(
			`${events(organizer)}/${eventId}`,
			{ id: eventId, ...body },
			{
				headers: { 'x-acs-dingtalk-access-token': await token(kit) },
			},
		);
		ok('patch', response);
	};
	kit.remove = async (eventId, organizer = ALICE) => {
		const response = await kit.dingtalk.http.delete(`${events(organizer)}/${eventId}`, {
			headers: { 'x-acs-dingtalk-access-token': await token(kit) },
		});
		ok('delete', response);
	};
	kit.book = async (eventId, roomIds, organizer = ALICE) => {
		ok(
			'book',
			await kit.api('POST', `${events(organizer)}/${eventId}/meetingRooms`, {
				meetingRoomsToAdd: roomIds.map((roomId) => ({ roomId })),
			}),
		);
	};
	kit.respond = async (eventId, roomId, responseStatus) => {
		ok(
			'respond',
			await kit.dingtalk.http.post(`/__sandbox/events/${eventId}/meetingRooms/${roomId}/respond`, {
				responseStatus,
			}),
		);
	};
	return kit;
}

async function token(kit: CalendarKit): Promise<string> {
	const app = kit.seed.apps.find((a) => a.type === 'internal')!;
	return (
		await kit.dingtalk.http.post('/v1.0/oauth2/accessToken', {
			appKey: app.appKey,
			appSecret: app.appSecret,
		})
	).data.accessToken as string;
}
