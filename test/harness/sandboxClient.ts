import axios, { type AxiosInstance } from 'axios';

import type { EventState } from '../../sandbox/model/model';
import type { StoredCredential } from './credentialsHelper';
import { CREDENTIAL_REF } from './workflows';

/** The parts of the sandbox's seed the tests use (see sandbox/README.md). */
export interface SeedView {
	apps: Array<{
		type: string;
		appKey?: string;
		appSecret?: string;
		suiteKey?: string;
		suiteSecret?: string;
		suiteTicket?: string;
		corpId: string;
	}>;
	users: Array<{ unionId: string; userId: string; name: string }>;
	rooms: Array<{
		roomId: string;
		roomName: string;
		roomCapacity: number;
		groupId: number;
		needsApproval: boolean;
		open: boolean;
	}>;
	events: Array<{
		eventId: string;
		organizerUnionId: string;
		roomIds: string[];
		start: unknown;
		end: unknown;
	}>;
}

/** An event as the sandbox's control API shows it. */
export type SandboxEvent = EventState;

/**
 * Test-side access to the sandbox: its control API (no token) and the DingTalk API with a token of the
 * seed's internal app, for setting up events the node then works on.
 */
export class SandboxClient {
	readonly http: AxiosInstance;

	private token?: string;

	constructor(public url: string) {
		this.http = axios.create({ baseURL: url, validateStatus: () => true });
	}

	/** Points this client at a (re)started sandbox. */
	attach(url: string): void {
		this.url = url;
		this.token = undefined;
		this.http.defaults.baseURL = url;
	}

	async seed(): Promise<SeedView> {
		return (await this.http.get('/__sandbox/seed')).data as SeedView;
	}

	/** Resets the sandbox to its current seed, or to `seed` (which then stays the seed of later resets). */
	async reset(seed?: object): Promise<void> {
		this.token = undefined;
		const response = await this.http.post('/__sandbox/reset', seed ?? {});
		if (response.status >= 300) throw new Error(`reset failed: ${response.status}`);
	}

	async config(config: Record<string, unknown>): Promise<void> {
		const response = await this.http.post('/__sandbox/config', config);
		if (response.status >= 300)
			throw new Error(`config failed: ${response.status} ${JSON.stringify(response.data)}`);
	}

	async stats(): Promise<{
		requests: Record<string, Record<string, number>>;
		tokensIssued: number;
		tokenRequests: number;
	}> {
		return (await this.http.get('/__sandbox/stats')).data;
	}

	/** How many calls reached a route whose "METHOD /path" key matches. */
	async callsTo(pattern: RegExp): Promise<number> {
		const { requests } = await this.stats();
		return Object.entries(requests)
			.filter(([route]) => pattern.test(route))
			.reduce((sum, [, byStatus]) => sum + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
	}

	async expireTokens(): Promise<void> {
		await this.http.post('/__sandbox/tokens/expire', {});
	}

	async event(eventId: string): Promise<SandboxEvent | undefined> {
		const response = await this.http.get(`/__sandbox/events/${encodeURIComponent(eventId)}`);
		return response.status === 200 ? (response.data as SandboxEvent) : undefined;
	}

	/** Room IDs the event holds, with their status. */
	async roomsOf(eventId: string): Promise<Record<string, string>> {
		const event = await this.event(eventId);
		return Object.fromEntries(
			(event?.meetingRooms ?? []).map((room) => [room.roomId, room.responseStatus]),
		);
	}

	private async accessToken(): Promise<string> {
		if (this.token) return this.token;
		const app = (await this.seed()).apps.find((a) => a.type === 'internal')!;
		const response = await this.http.post('/v1.0/oauth2/accessToken', {
			appKey: app.appKey,
			appSecret: app.appSecret,
		});
		this.token = response.data.accessToken as string;
		return this.token;
	}

	/** Creates an event through the DingTalk API and returns its ID; `extra` adds body fields (e.g. recurrence). */
	async createEvent(
		organizer: string,
		start: string,
		end: string,
		summary = 'Test meeting',
		extra: Record<string, unknown> = {},
	): Promise<string> {
		const response = await this.http.post(
			`/v1.0/calendar/users/${organizer}/calendars/primary/events`,
			{
				summary,
				start: { dateTime: start, timeZone: 'UTC' },
				end: { dateTime: end, timeZone: 'UTC' },
				...extra,
			},
			{ headers: { 'x-acs-dingtalk-access-token': await this.accessToken() } },
		);
		if (response.status !== 200)
			throw new Error(`createEvent failed: ${response.status} ${JSON.stringify(response.data)}`);
		return response.data.id as string;
	}

	/** Books rooms through the DingTalk API (test set-up, not the node). */
	async addRooms(organizer: string, eventId: string, roomIds: string[]): Promise<void> {
		const response = await this.http.post(
			`/v1.0/calendar/users/${organizer}/calendars/primary/events/${eventId}/meetingRooms`,
			{ meetingRoomsToAdd: roomIds.map((roomId) => ({ roomId })) },
			{ headers: { 'x-acs-dingtalk-access-token': await this.accessToken() } },
		);
		if (response.status !== 200)
			throw new Error(`addRooms failed: ${response.status} ${JSON.stringify(response.data)}`);
	}

	/** A stored n8n credential for the seed's internal app, pointing at this sandbox. */
	async internalCredential(overrides: Record<string, string> = {}): Promise<StoredCredential> {
		const app = (await this.seed()).apps.find((a) => a.type === 'internal')!;
		return {
			...CREDENTIAL_REF,
			type: 'dingTalkApi',
			data: {
				appType: 'internal',
				clientId: app.appKey!,
				clientSecret: app.appSecret!,
				region: 'custom',
				baseUrl: this.url,
				accessToken: '',
				...overrides,
			},
		};
	}

	async thirdPartyCredential(): Promise<StoredCredential> {
		const app = (await this.seed()).apps.find((a) => a.type === 'thirdParty')!;
		return {
			...CREDENTIAL_REF,
			type: 'dingTalkApi',
			data: {
				appType: 'thirdParty',
				suiteKey: app.suiteKey!,
				suiteSecret: app.suiteSecret!,
				authCorpId: app.corpId,
				suiteTicket: app.suiteTicket!,
				region: 'custom',
				baseUrl: this.url,
				accessToken: '',
			},
		};
	}
}

/** Picks rooms from the seed by what a test needs. */
export function roomPicker(seed: SeedView) {
	const held = new Set(seed.events.flatMap((event) => event.roomIds ?? []));
	const bookable = seed.rooms.filter((room) => room.open && !room.needsApproval);
	return {
		/** Open, no approval, held by no seeded event: free at any time. */
		free: (count: number) => {
			const rooms = bookable
				.filter((room) => !held.has(room.roomId))
				.slice(0, count)
				.map((room) => room.roomId);
			if (rooms.length < count) throw new Error(`seed has only ${rooms.length} always-free rooms`);
			return rooms;
		},
		approval: () =>
			seed.rooms.find((room) => room.open && room.needsApproval && !held.has(room.roomId))!.roomId,
		closed: () => seed.rooms.find((room) => !room.open)!.roomId,
	};
}
