import type { INode, INodeParameters } from 'n8n-workflow';

import { cloneSeed, ROOM_IDS } from '../../../sandbox/seed';
import { credentialsHelperWith, runWorkflow } from '../../harness/engine';
import { listSearch, loadOptions } from '../../harness/nodeMethods';
import type { SeedView } from '../../harness/sandboxClient';
import { useSandbox } from '../../harness/sandboxSuite';
import { itemsToNode } from '../../harness/workflows';

const NODE = 'DingTalk Calendar';
const continueOnFail: Partial<INode> = { onError: 'continueRegularOutput' };

/** The default seed plus rooms enough for three directory pages of 100 (250 rooms in all). */
function bigDirectorySeed() {
	const seed = cloneSeed();
	for (let i = seed.rooms.length; i < 250; i++) {
		seed.rooms.push({
			roomId: `b${i.toString(16).padStart(47, '0')}`,
			roomName: `Bulk room ${String(i).padStart(3, '0')}`,
			roomCapacity: 4 + (i % 9),
			groupId: 104,
			labels: i % 2 ? ['TV'] : ['Whiteboard'],
			needsApproval: false,
			open: true,
		});
	}
	return seed;
}

describe('Meeting Room directory: Get Many, Get, Get Many Groups, Get Group, pickers', () => {
	const suite = useSandbox();
	const { dingtalk } = suite;
	let seed: SeedView;
	let operator: string;

	beforeAll(async () => {
		seed = await dingtalk.seed();
		operator = seed.users[0].unionId;
	});

	async function run(
		parameters: INodeParameters,
		items: object[] = [{}],
		nodeOptions: Partial<INode> = {},
	) {
		const credentialsHelper = credentialsHelperWith(await dingtalk.internalCredential());
		return await runWorkflow(
			itemsToNode(
				items as never,
				{ resource: 'meetingRoom', userId: operator, ...parameters },
				nodeOptions,
			),
			{ credentialsHelper },
		);
	}

	const names = (items: Array<{ json: Record<string, unknown> }>) =>
		items.map((item) => item.json.roomName);

	describe('Get Many', () => {
		it('Return All follows the numeric nextToken across pages and keeps every room once, in order', async () => {
			const big = bigDirectorySeed();
			await dingtalk.reset(big);

			const result = await run({ operation: 'getMany', returnAll: true });

			const output = result.output(NODE);
			expect(output.map((item) => item.json.roomId)).toEqual(big.rooms.map((room) => room.roomId));
			expect(output.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
			expect(await dingtalk.callsTo(/meetingRoomLists/)).toBe(3);
			expect(output[0].json).toMatchObject({
				roomId: ROOM_IDS.phoneBoothA,
				roomCapacity: 2,
				roomLabels: [{ labelId: 2, labelName: 'Phone' }],
				roomGroup: { groupId: 102, groupName: 'HQ · 5F', parentId: 101 },
			});
		});

		it('with a Limit it stops paging as soon as it has enough', async () => {
			await dingtalk.reset(bigDirectorySeed());

			const firstFive = await run({ operation: 'getMany', returnAll: false, limit: 5 });
			expect(firstFive.output(NODE)).toHaveLength(5);
			expect(await dingtalk.callsTo(/meetingRoomLists/)).toBe(1);

			const filtered = await run({
				operation: 'getMany',
				limit: 3,
				filters: { nameContains: 'bulk room 1' },
			});
			expect(names(filtered.output(NODE))).toEqual([
				'Bulk room 100',
				'Bulk room 101',
				'Bulk room 102',
			]);
			// Page 1 holds rooms 0-99, page 2 the first matches: page 3 is never asked for.
			expect(await dingtalk.callsTo(/meetingRoomLists/)).toBe(1 + 2);
		});

		it.each([
			[
				'minimum capacity',
				{ minCapacity: 12 },
				[
					'珠峰 Everest',
					'Boardroom 董事会议室',
					'Auditorium 大礼堂',
					'Training Room 培训室',
					'外滩 The Bund',
				],
			],
			[
				'a group includes its sub-groups',
				{ groupIds: ['101'] },
				[
					'Phone Booth A',
					'Phone Booth B',
					'西溪 Xixi',
					'西湖 West Lake',
					'钱塘 Qiantang',
					'珠峰 Everest',
					'Boardroom 董事会议室',
					'Executive Lounge',
					'Auditorium 大礼堂',
					'Training Room 培训室',
				],
			],
			[
				'a sub-group alone',
				{ groupIds: ['103'] },
				['珠峰 Everest', 'Boardroom 董事会议室', 'Executive Lounge'],
			],
			[
				'every label, any case',
				{ labels: ['tv', 'Video Conference'] },
				['西湖 West Lake', '珠峰 Everest', '黄浦 Huangpu'],
			],
			['name contains', { nameContains: 'BOOTH' }, ['Phone Booth A', 'Phone Booth B']],
			[
				'groups and labels from an expression',
				{ groupIds: '={{ "104" }}', labels: '={{ "Projector, Whiteboard" }}' },
				['外滩 The Bund'],
			],
		])('filters: %s', async (_name, filters, expected) => {
			const result = await run({ operation: 'getMany', returnAll: true, filters });

			expect(result.error).toBeUndefined();
			expect(names(result.output(NODE))).toEqual(expected);
		});

		it('Bookable Only leaves out the room closed for booking (approval rooms stay: they can be booked)', async () => {
			const result = await run({
				operation: 'getMany',
				returnAll: true,
				filters: { bookableOnly: true, groupIds: ['104'] },
			});

			expect(names(result.output(NODE))).toEqual([
				'黄浦 Huangpu',
				'外滩 The Bund',
				'陆家嘴 Lujiazui',
			]);
			expect(await dingtalk.callsTo(/GET \/v1.0\/rooms\/meetingRooms\//)).toBe(4);

			const all = await run({
				operation: 'getMany',
				returnAll: true,
				filters: { bookableOnly: true },
			});
			expect(all.output(NODE)).toHaveLength(13);
			expect(names(all.output(NODE))).toContain('Boardroom 董事会议室');
		});

		it.each([
			[
				'an unknown group',
				{ filters: { groupIds: ['999'] } },
				'Item 0, field "Groups": group 999 does not exist in this organization',
				1,
			],
			[
				'a group that is not a number',
				{ filters: { groupIds: '={{ "HQ" }}' } },
				'Item 0, field "Groups": "HQ" is not a group ID (group IDs are numbers)',
				0,
			],
			[
				'a negative capacity',
				{ filters: { minCapacity: '={{ -2 }}' } },
				'Item 0, field "Minimum Capacity": number -2 is not a whole number of seats',
				0,
			],
			[
				'a limit of 0',
				{ returnAll: false, limit: '={{ 0 }}' },
				'Item 0, field "Limit": number 0 is not a whole number ≥ 1',
				0,
			],
			['an empty operator', { userId: ' ' }, 'Item 0, field "Operator User ID": is empty', 0],
		])('%s fails the item, naming the field', async (_name, parameters, message, calls) => {
			const result = await run(
				{ operation: 'getMany', returnAll: true, ...parameters },
				[{}],
				continueOnFail,
			);

			expect(result.output(NODE)).toEqual([
				{ json: expect.objectContaining({ error: message }), pairedItem: { item: 0 } },
			]);
			expect(await dingtalk.callsTo(/\/v1.0\/rooms\//)).toBe(calls);
		});

		it("an operator outside the organization gets DingTalk's reason", async () => {
			const result = await run(
				{ operation: 'getMany', returnAll: true, userId: 'notAnEmployee123' },
				[{}],
				continueOnFail,
			);

			expect(result.output(NODE)[0].json).toMatchObject({
				error: 'User notAnEmployee123 is not an employee of this organization',
				dingTalk: { code: 'user.not.employee', httpStatus: 400 },
			});
		});
	});

	describe('Get', () => {
		it("returns a room's detail with its booking rules", async () => {
			const result = await run({
				operation: 'get',
				roomId: { __rl: true, mode: 'list', value: ROOM_IDS.oldLab },
			});

			expect(result.output(NODE)).toEqual([
				{
					json: expect.objectContaining({
						roomId: ROOM_IDS.oldLab,
						roomName: 'Old Lab (closed for renovation)',
						extensionConfig: expect.objectContaining({
							openReservation: false,
							approvalSwitch: false,
						}),
					}),
					pairedItem: { item: 0 },
				},
			]);
		});

		it('room.not.found: says the room does not exist', async () => {
			const unknown = 'f'.repeat(48);
			const result = await run(
				{ operation: 'get', roomId: { __rl: true, mode: 'id', value: unknown } },
				[{}],
				continueOnFail,
			);

			expect(result.output(NODE)[0].json).toMatchObject({
				error: `Room ID ${unknown} does not exist in this organization`,
				dingTalk: { code: 'room.not.found', message: 'Room Not Found' },
			});
		});
	});

	describe('Get Many Groups and Get Group', () => {
		it('lists the groups, up to the limit', async () => {
			const all = await run({ operation: 'getManyGroups', returnAll: true });
			expect(all.output(NODE).map((item) => item.json)).toEqual([
				{ groupId: 101, groupName: 'Headquarters', parentId: 0 },
				{ groupId: 102, groupName: 'HQ · 5F', parentId: 101 },
				{ groupId: 103, groupName: 'HQ · 8F Executive', parentId: 101 },
				{ groupId: 104, groupName: 'Shanghai Office', parentId: 0 },
			]);

			const two = await run({ operation: 'getManyGroups', returnAll: false, limit: 2 });
			expect(two.output(NODE)).toHaveLength(2);
		});

		it('gets one group by ID, per item', async () => {
			const result = await run(
				{ operation: 'getGroup', groupId: { __rl: true, mode: 'id', value: '={{ $json.group }}' } },
				[{ group: 102 }, { group: '999' }, { group: 'HQ' }],
				continueOnFail,
			);

			const output = result.output(NODE);
			expect(output.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(output[0].json).toEqual({ groupId: 102, groupName: 'HQ · 5F', parentId: 101 });
			expect(output[1].json).toMatchObject({
				error: 'Room group 999 does not exist in this organization',
				dingTalk: { code: 'group.not.found' },
			});
			expect(output[2].json.error).toBe(
				'Item 2, field "Group": "HQ" is not a group ID (group IDs are numbers)',
			);
			expect(await dingtalk.callsTo(/rooms\/groups\//)).toBe(2);
		});
	});

	describe('pickers in the editor', () => {
		async function helper() {
			return credentialsHelperWith(await dingtalk.internalCredential());
		}

		it("searchRooms finds rooms by name and pages with DingTalk's nextToken", async () => {
			const found = await listSearch('searchRooms', { userId: operator }, await helper(), 'west');
			expect(found).toEqual({
				results: [{ name: '西湖 West Lake (8 seats, HQ · 5F)', value: ROOM_IDS.westLake }],
			});

			await dingtalk.reset(bigDirectorySeed());
			const first = await listSearch('searchRooms', { userId: operator }, await helper());
			expect(first.results).toHaveLength(100);
			expect(first.paginationToken).toBe('100');
			const second = await listSearch(
				'searchRooms',
				{ userId: operator },
				await helper(),
				undefined,
				first.paginationToken as string,
			);
			expect(second.results[0].name).toBe('Bulk room 100 (5 seats, Shanghai Office)');
			// A search that matches late reads on instead of handing back empty pages.
			const late = await listSearch(
				'searchRooms',
				{ userId: operator },
				await helper(),
				'bulk room 24',
			);
			expect(late.results.map((room) => room.name.slice(0, 13))).toEqual(
				Array.from({ length: 10 }, (_, i) => `Bulk room 24${i}`),
			);
			expect(late.paginationToken).toBeUndefined();
		});

		it('getRooms fills the Rooms list: every room across pages, by name, admins-only rooms marked', async () => {
			const big = bigDirectorySeed();
			big.rooms[0] = { ...big.rooms[0], roomStatus: 1 };
			await dingtalk.reset(big);

			const options = await loadOptions('getRooms', { userId: operator }, await helper());

			expect(options).toHaveLength(250);
			expect(new Set(options.map((o) => o.value))).toEqual(
				new Set(big.rooms.map((room) => room.roomId)),
			);
			const names = options.map((o) => o.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			expect(options).toContainEqual({
				name: 'Phone Booth A (2 seats, HQ · 5F, admins only)',
				value: ROOM_IDS.phoneBoothA,
			});
			expect(options).toContainEqual({
				name: '西湖 West Lake (8 seats, HQ · 5F)',
				value: ROOM_IDS.westLake,
			});
			expect(await dingtalk.callsTo(/meetingRoomLists/)).toBe(3);
			await expect(loadOptions('getRooms', { userId: '' }, await helper())).rejects.toThrow(
				/Set the User ID first/,
			);
		});

		it("getRooms marks closed rooms, with DingTalk's reason (their detail is the only place that says so)", async () => {
			const options = await loadOptions('getRooms', { userId: operator }, await helper());

			expect(options).toHaveLength(14);
			expect(options).toContainEqual({
				name: 'Old Lab (closed for renovation) (10 seats, Shanghai Office, closed for booking)',
				value: ROOM_IDS.oldLab,
				description: 'Closed for booking: Closed for renovation',
			});
			expect(options.filter((o) => o.name.includes('closed for booking'))).toHaveLength(1);
			expect(await dingtalk.callsTo(/meetingRooms\/:roomId$/)).toBe(14);
		});

		it('searchGroups shows each group with its parents', async () => {
			const found = await listSearch('searchGroups', { userId: operator }, await helper(), '5f');
			expect(found.results).toEqual([{ name: 'Headquarters / HQ · 5F', value: '102' }]);
		});

		it('getRoomGroups and getRoomLabels fill the Groups and Labels lists', async () => {
			expect(await loadOptions('getRoomGroups', { userId: operator }, await helper())).toEqual([
				{ name: 'Headquarters', value: '101' },
				{ name: 'Headquarters / HQ · 5F', value: '102' },
				{ name: 'Headquarters / HQ · 8F Executive', value: '103' },
				{ name: 'Shanghai Office', value: '104' },
			]);
			expect(
				(await loadOptions('getRoomLabels', { userId: operator }, await helper())).map(
					(o) => o.value,
				),
			).toEqual(['Phone', 'Projector', 'TV', 'Video Conference', 'Whiteboard']);
		});

		it('asks for the User ID first', async () => {
			await expect(listSearch('searchRooms', { userId: '' }, await helper())).rejects.toThrow(
				/Set the User ID first/,
			);
		});
	});
});
