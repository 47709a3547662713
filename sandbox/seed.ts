/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets */
/**
 * The deterministic default seed (documented in sandbox/README.md, "Default seed").
 *
 * - One org, corpId `ding9d252414c6ad860dbf8d16ed4435fdf2` ("Sandbox Corp"), with an internal app
 *   (`apps[0]`) and a third-party app authorized by the same org, so either app sees the same rooms.
 * - Five users; `users[0]` (Alice Wang) is the default organizer.
 * - Four room groups, one nested (HQ · 5F and HQ · 8F Executive under Headquarters).
 * - Fourteen rooms (48-hex roomIds), capacities 2–30, labels TV / Phone / Projector / Whiteboard /
 *   Video Conference, two rooms that need approval, one closed room.
 * - Five events on fixed dates in January 2030 (Asia/Shanghai), four of which hold rooms, so "find a
 *   free room" has something to avoid. Times never depend on the wall clock.
 */
import type { SandboxSeed } from './model/types';

export const SANDBOX_CORP_ID = 'ding9d252414c6ad860dbf8d16ed4435fdf2';

export const ROOM_IDS = {
	phoneBoothA: '449cd99f9e757298c4c373b31826b841ac08ef23c415a89c',
	phoneBoothB: 'e56495fa0d4229694e003a3519fc7c1180bd357cbb7d871e',
	xixi: '382dbfcad8acd0b7111a2fb5621afe7dabaa850ec5b32908',
	westLake: '85769763bfff03246b81bd75c1926e37c1adaa6313bc009d',
	qiantang: '00afe3dfd3033b7214b48b4e8ac46cd6d74534791d3a69b4',
	everest: '00a8e4c2f355dd0435a6f6d549cd85b22965473ad2629cd9',
	boardroom: 'ae3ec06c129e2efb293ced68d790e3695727b9a62a6197ec',
	executiveLounge: 'fe640a3e935774db1854dcdfa4166b7ffc91b31b74a53c38',
	auditorium: '51aa994344c5ee65a0c1817422dc24b3b87d17161fb29eec',
	trainingRoom: '5f3145cd4e934510a64f381f46e357a6bfe68e3c1270b56a',
	huangpu: 'd9c0c3ec34532db93d26779d83e4f169cb9528258811b38f',
	bund: '652f3181338df407391efda8c5ea8215453eeecbb1f919ef',
	lujiazui: '23c1a3b03b229795155d818879c9a3e8ca03f7db4c25c69a',
	oldLab: '6d03d6d2d340678230e2c73997628f31057128468dac9a4a',
} as const;

export const USER_IDS = {
	alice: 'X1bkGkX0gPiULKC66DpDiEiF',
	bob: '3VRoyJSQ3XeujP7Hov3siEiF',
	carol: 'rYIvvnslIx9TsVwDw9NPiEiF',
	david: 'g0SZOBhcvlJ16K4jdPoriEiF',
	erin: 'rTjU6zbGvMSBRJ4Kvwe3iEiF',
} as const;

export const EVENT_IDS = {
	quarterlyPlanning: 'c2FuZGJveC1ldmVudC0wMDAx',
	designReview: 'c2FuZGJveC1ldmVudC0wMDAy',
	boardMeeting: 'c2FuZGJveC1ldmVudC0wMDAz',
	allHands: 'c2FuZGJveC1ldmVudC0wMDA0',
	oneOnOne: 'c2FuZGJveC1ldmVudC0wMDA1',
} as const;

export const defaultSeed: SandboxSeed = {
	apps: [
		{
			type: 'internal',
			appKey: 'dingsandboxinternal01',
			appSecret: 'sandbox-internal-secret-0123456789abcdef0123456789abcdef',
			corpId: SANDBOX_CORP_ID,
			name: 'Sandbox Room Booking (internal app)',
		},
		{
			type: 'thirdParty',
			suiteKey: 'suitesandboxthirdparty01',
			suiteSecret: 'sandbox-suite-secret-fedcba9876543210fedcba9876543210',
			suiteTicket: 'sandbox-suite-ticket-0001',
			corpId: SANDBOX_CORP_ID,
			name: 'Sandbox Room Booking (third-party app)',
		},
	],
	users: [
		{ unionId: USER_IDS.alice, userId: 'manager1001', name: 'Alice Wang' },
		{ unionId: USER_IDS.bob, userId: 'user2002', name: 'Bob Li' },
		{ unionId: USER_IDS.carol, userId: 'user3003', name: 'Carol Zhang' },
		{ unionId: USER_IDS.david, userId: 'user4004', name: 'David Chen' },
		{ unionId: USER_IDS.erin, userId: 'user5005', name: 'Erin Liu' },
	],
	roomGroups: [
		{ groupId: 101, groupName: 'Headquarters', parentId: 0 },
		{ groupId: 102, groupName: 'HQ · 5F', parentId: 101 },
		{ groupId: 103, groupName: 'HQ · 8F Executive', parentId: 101 },
		{ groupId: 104, groupName: 'Shanghai Office', parentId: 0 },
	],
	rooms: [
		{
			roomId: ROOM_IDS.phoneBoothA,
			roomName: 'Phone Booth A',
			roomCapacity: 2,
			groupId: 102,
			labels: ['Phone'],
			needsApproval: false,
			open: true,
		},
		{
			roomId: ROOM_IDS.phoneBoothB,
			roomName: 'Phone Booth B',
			roomCapacity: 2,
			groupId: 102,
			labels: ['Phone'],
			needsApproval: false,
			open: true,
		},
		{
			roomId: ROOM_IDS.xixi,
			roomName: '西溪 Xixi',
			roomCapacity: 4,
			groupId: 102,
			labels: ['TV', 'Whiteboard'],
			needsApproval: false,
			open: true,
		},
		{
			roomId: ROOM_IDS.westLake,
			roomName: '西湖 West Lake',
			roomCapacity: 8,
			groupId: 102,
			labels: ['TV', 'Video Conference'],
			needsApproval: false,
			open: true,
		},
		{
			roomId: ROOM_IDS.qiantang,
			roomName: '钱塘 Qiantang',
			roomCapacity: 10,
			groupId: 102,
			labels: ['Projector', 'Whiteboard'],
			needsApproval: false,
			open: true,
		},
		{
			roomId: ROOM_IDS.everest,
			roomName: '珠峰 Everest',
			roomCapacity: 12,
			groupId: 103,
			labels: ['TV', 'Video Conference', 'Whiteboard'],
			needsApproval: false,
			open: true,
		},
		{
			roomId: ROOM_IDS.boardroom,
			roomName: 'Boardroom 董事会议室',
			roomCapacity: 20,
			groupId: 103,
			labels: ['Projector', 'Video Conference'],
			needsApproval: true,
			open: true,
		},
		{
			roomId: ROOM_IDS.executiveLounge,
			roomName: 'Executive Lounge',
			roomCapacity: 6,
			groupId: 103,
			labels: ['TV'],
			needsApproval: true,
			open: true,
		},
		{
			roomId: ROOM_IDS.auditorium,
			roomName: 'Auditorium 大礼堂',
			roomCapacity: 30,
			groupId: 101,
			labels: ['Projector', 'Video Conference'],
			needsApproval: false,
			open: true,
		},
		{
			roomId: ROOM_IDS.trainingRoom,
			roomName: 'Training Room 培训室',
			roomCapacity: 24,
			groupId: 101,
			labels: ['Projector', 'Whiteboard'],
			needsApproval: false,
			open: true,
		},
		{
			roomId: ROOM_IDS.huangpu,
			roomName: '黄浦 Huangpu',
			roomCapacity: 8,
			groupId: 104,
			labels: ['TV', 'Video Conference'],
			needsApproval: false,
			open: true,
		},
		{
			roomId: ROOM_IDS.bund,
			roomName: '外滩 The Bund',
			roomCapacity: 16,
			groupId: 104,
			labels: ['Projector', 'TV', 'Whiteboard'],
			needsApproval: false,
			open: true,
		},
		{
			roomId: ROOM_IDS.lujiazui,
			roomName: '陆家嘴 Lujiazui',
			roomCapacity: 6,
			groupId: 104,
			labels: ['Whiteboard'],
			needsApproval: false,
			open: true,
		},
		{
			roomId: ROOM_IDS.oldLab,
			roomName: 'Old Lab (closed for renovation)',
			roomCapacity: 10,
			groupId: 104,
			labels: ['Projector'],
			needsApproval: false,
			open: false,
			closeReason: 'Closed for renovation',
		},
	],
	events: [
		{
			eventId: EVENT_IDS.quarterlyPlanning,
			organizerUnionId: USER_IDS.alice,
			summary: 'Quarterly planning',
			start: '2030-01-15T10:00:00+08:00',
			end: '2030-01-15T12:00:00+08:00',
			roomIds: [ROOM_IDS.westLake],
			attendeeUnionIds: [USER_IDS.bob, USER_IDS.carol],
		},
		{
			eventId: EVENT_IDS.designReview,
			organizerUnionId: USER_IDS.bob,
			summary: 'Design review',
			start: '2030-01-15T11:00:00+08:00',
			end: '2030-01-15T12:00:00+08:00',
			roomIds: [ROOM_IDS.everest],
			attendeeUnionIds: [USER_IDS.david],
		},
		{
			eventId: EVENT_IDS.boardMeeting,
			organizerUnionId: USER_IDS.carol,
			summary: 'Board meeting',
			start: '2030-01-15T14:00:00+08:00',
			end: '2030-01-15T16:00:00+08:00',
			roomIds: [ROOM_IDS.boardroom],
			attendeeUnionIds: [USER_IDS.alice],
		},
		{
			eventId: EVENT_IDS.allHands,
			organizerUnionId: USER_IDS.david,
			summary: 'All hands',
			start: '2030-01-16T09:00:00+08:00',
			end: '2030-01-16T10:00:00+08:00',
			roomIds: [ROOM_IDS.auditorium],
			attendeeUnionIds: [USER_IDS.alice, USER_IDS.bob, USER_IDS.carol, USER_IDS.erin],
		},
		{
			eventId: EVENT_IDS.oneOnOne,
			organizerUnionId: USER_IDS.alice,
			summary: '1:1 Alice / Bob',
			start: '2030-01-15T15:00:00+08:00',
			end: '2030-01-15T15:30:00+08:00',
			roomIds: [],
			attendeeUnionIds: [USER_IDS.bob],
		},
	],
};

/** A deep copy of the default seed (callers may mutate it freely). */
export function cloneSeed(seed: SandboxSeed = defaultSeed): SandboxSeed {
	return JSON.parse(JSON.stringify(seed)) as SandboxSeed;
}
