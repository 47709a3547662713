/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType } from 'n8n-workflow';

import { startSandbox } from '../../sandbox';
import { TestCredentialsHelper } from '../harness/credentialsHelper';
import { createNodeTypes, NODE_TYPE, runWorkflow, shutdownN8nCore } from '../harness/engine';
import { roomPicker, SandboxClient } from '../harness/sandboxClient';
import { addToEventParameters, itemsToNode } from '../harness/workflows';
import { buildAndUnpack } from './packedPackage';

/** The tarball, loaded by n8n-core's own community-package loader: what n8n does at start-up. */
describe('the packed package, loaded the way n8n loads community packages', () => {
	let packageDir: string;
	let loader: PackageDirectoryLoader;

	beforeAll(async () => {
		packageDir = buildAndUnpack();
		loader = new PackageDirectoryLoader(packageDir);
		await loader.loadAll();
	}, 120000);

	it('registers the nodes and the credential under their package names', () => {
		expect(loader.packageName).toBe('n8n-nodes-dingtalk-calendar');
		expect(Object.keys(loader.nodeTypes).sort()).toEqual([
			'dingTalkCalendar',
			'dingTalkCalendarTrigger',
		]);
		expect(Object.keys(loader.credentialTypes)).toEqual(['dingTalkApi']);
		const description = loader.types.nodes.find((node) => node.name === 'dingTalkCalendar');
		expect(description).toBeDefined();
		expect(description!.credentials).toEqual([{ name: 'dingTalkApi', required: true }]);
		expect(description!.usableAsTool).toBe(true);
		const trigger = loader.types.nodes.find((node) => node.name === 'dingTalkCalendarTrigger');
		expect(trigger).toMatchObject({
			polling: true,
			group: ['trigger'],
			inputs: [],
			credentials: [{ name: 'dingTalkApi', required: true }],
		});
		expect(typeof (loader.getNode('dingTalkCalendarTrigger').type as { poll?: unknown }).poll).toBe(
			'function',
		);
	});

	it('ships the light and dark icons n8n serves for the nodes and the credential', () => {
		const iconUrls = [...loader.types.nodes, ...loader.types.credentials].map(
			(type) => (type as { iconUrl?: { light: string; dark: string } }).iconUrl,
		);
		expect(iconUrls).toHaveLength(3);
		for (const iconUrl of iconUrls) {
			expect(iconUrl).toBeDefined();
			for (const url of [iconUrl!.light, iconUrl!.dark]) {
				// n8n serves icons/<package>/<path inside the package>
				const prefix = 'icons/n8n-nodes-dingtalk-calendar/';
				expect(url.startsWith(prefix)).toBe(true);
				expect(existsSync(join(packageDir, url.slice(prefix.length)))).toBe(true);
			}
		}
	});

	it('exposes the list methods the editor calls', () => {
		const node = loader.getNode('dingTalkCalendar').type as {
			methods: { loadOptions: object; listSearch: object };
		};
		expect(Object.keys(node.methods.loadOptions)).toContain('getRooms');
		expect(Object.keys(node.methods.listSearch)).toContain('searchEvents');
	});

	it('books a room with the compiled node and credential from the tarball', async () => {
		const sandbox = await startSandbox({ port: 0 });
		try {
			const dingtalk = new SandboxClient(sandbox.url);
			const seed = await dingtalk.seed();
			const organizer = seed.users[0].unionId;
			const eventId = await dingtalk.createEvent(
				organizer,
				'2031-05-05T09:00:00.000Z',
				'2031-05-05T10:00:00.000Z',
			);
			const [room] = roomPicker(seed).free(1);
			const credentialsHelper = new TestCredentialsHelper({
				dingTalkApi: loader.getCredential('dingTalkApi').type as ICredentialType,
			});
			credentialsHelper.add(await dingtalk.internalCredential());

			const result = await runWorkflow(
				itemsToNode([{ organizer, eventId, rooms: [room] }], addToEventParameters()),
				{
					credentialsHelper,
					nodeTypes: createNodeTypes({ [NODE_TYPE]: loader.getNode('dingTalkCalendar').type }),
				},
			);

			expect(result.error).toBeUndefined();
			expect(result.output('DingTalk Calendar')[0].json).toMatchObject({
				eventId,
				roomIds: [room],
				result: true,
			});
			expect(Object.keys(await dingtalk.roomsOf(eventId))).toEqual([room]);
		} finally {
			await sandbox.close();
			shutdownN8nCore();
		}
	});

	it('ships no sources, tests or sandbox', () => {
		expect(existsSync(join(packageDir, 'sandbox'))).toBe(false);
		expect(existsSync(join(packageDir, 'test'))).toBe(false);
		expect(existsSync(join(packageDir, 'nodes'))).toBe(false);
		expect(existsSync(join(packageDir, 'dist/tsconfig.tsbuildinfo'))).toBe(false);
	});
});
