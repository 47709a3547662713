import type { IExecuteFunctions } from 'n8n-workflow';

import type { DingTalkClient } from '../../../shared/transport/client';
import { readIdList } from '../input/idList';
import type { RoomCriteria } from './criteria';
import { groupPath, listRoomGroups, withSubGroups } from './groups';
import { describeValue, invalidField } from '../input/validation';
import { readWholeNumber } from '../input/wholeNumber';

/** Where an operation keeps each criterion: a parameter path (dots reach into collections) and its label. */
export interface CriteriaParameters {
	minCapacity: [parameter: string, field: string];
	groupIds: [parameter: string, field: string];
	labels: [parameter: string, field: string];
	nameContains: [parameter: string, field: string];
}

/** The criteria as the item gives them, checked without a request; groups are not looked up yet. */
export interface CriteriaInput {
	criteria: RoomCriteria;
	groupIds: number[];
	/** The Groups field's label, for the error when a group does not exist. */
	groupsField: string;
}

/** Reads the room criteria of an item, checking each before any request. */
export function readCriteriaInput(
	context: IExecuteFunctions,
	itemIndex: number,
	parameters: CriteriaParameters,
): CriteriaInput {
	const minCapacity = readWholeNumber(context, itemIndex, ...parameters.minCapacity, {
		fallback: 0,
		whenEmpty: 0,
		min: 0,
		expected: 'a whole number of seats',
		description: 'Give a number such as 8, or 0 for any size.',
	});
	const groupIds = readIdList(context, itemIndex, parameters.groupIds[0], parameters.groupIds[1], {
		noun: 'group ID',
		objectKey: 'groupId',
		required: false,
		check: (entry) =>
			/^\d{1,15}$/.test(entry) ? undefined : `"${entry}" is not a group ID (group IDs are numbers)`,
		help: 'Pick groups from the list, or give group IDs (numbers, see Meeting Room > Get Many Groups) as a list or a comma-separated text.',
	}).map(Number);
	const labels = readIdList(context, itemIndex, parameters.labels[0], parameters.labels[1], {
		noun: 'label',
		objectKey: 'labelName',
		required: false,
		// Label names may hold spaces ("Video Conference"): only commas, semicolons and new lines separate.
		separator: /[,;\n]+/,
		help: 'Pick labels from the list, or give label names (e.g. "TV, Projector") as a list or a comma-separated text.',
	});
	const nameRaw = context.getNodeParameter(parameters.nameContains[0], itemIndex, '') as unknown;
	if (typeof nameRaw !== 'string' && typeof nameRaw !== 'number') {
		throw invalidField(
			context,
			itemIndex,
			parameters.nameContains[1],
			`expected text but got ${describeValue(nameRaw)}`,
		);
	}
	return {
		criteria: { minCapacity, labels, nameContains: String(nameRaw) },
		groupIds,
		groupsField: parameters.groupIds[1],
	};
}

/**
 * The criteria ready to match rooms: groups are looked up (one call, once per run) only when some are
 * given; an unknown group is an error naming the field, and each group is widened to its sub-groups,
 * however deep.
 */
export async function resolveRoomCriteria(
	context: IExecuteFunctions,
	itemIndex: number,
	client: DingTalkClient,
	unionId: string,
	input: CriteriaInput,
): Promise<RoomCriteria> {
	const criteria: RoomCriteria = { ...input.criteria };
	const { groupIds } = input;
	if (groupIds.length) {
		const groups = await listRoomGroups(client, unionId, itemIndex);
		const known = new Set(groups.map((group) => group.groupId));
		const unknown = groupIds.filter((id) => !known.has(id));
		if (unknown.length) {
			throw invalidField(
				context,
				itemIndex,
				input.groupsField,
				`group ${unknown.join(', ')} does not exist in this organization`,
				'Pick groups from the list, or copy group IDs from Meeting Room > Get Many Groups.',
			);
		}
		criteria.groupIds = withSubGroups(groups, groupIds);
		criteria.groupNames = groupIds.map((id) => groupPath(groups, id));
	}
	return criteria;
}
