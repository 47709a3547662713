import { IANAZone } from 'luxon';
import type { IExecuteFunctions } from 'n8n-workflow';

import { describeValue, invalidField } from '../input/validation';

export function isValidTimeZone(zone: string): boolean {
	return IANAZone.isValidZone(zone);
}

/** The IANA zone as DingTalk expects it (`asia/shanghai` → `Asia/Shanghai`), or undefined when unknown. */
export function canonicalTimeZone(zone: string): string | undefined {
	const trimmed = zone.trim();
	if (trimmed === '' || !isValidTimeZone(trimmed)) return undefined;
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
	} catch {
		return undefined;
	}
}

/**
 * The time zone an operation works in: the one given in `parameter` (an IANA name), else the workflow's
 * (Workflow Settings > Timezone, which n8n hands over as `getTimezone()`).
 */
export function readTimeZone(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
): string {
	const raw = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
		return canonicalTimeZone(context.getTimezone()) ?? 'UTC';
	}
	const zone = typeof raw === 'string' ? canonicalTimeZone(raw) : undefined;
	if (!zone) {
		throw invalidField(
			context,
			itemIndex,
			field,
			`${typeof raw === 'string' ? `"${raw}"` : describeValue(raw)} is not a time zone`,
			'Give an IANA time zone name such as Asia/Shanghai, Europe/Berlin or UTC, or leave it empty for the workflow time zone.',
		);
	}
	return zone;
}
