import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isFalse, isTrue } from '../input/booleans';
import { describeValue, invalidField } from '../input/validation';

/** DingTalk's length limits on an event's texts (reference §4.0). */
export const MAX_SUMMARY_LENGTH = 2048;
export const MAX_DESCRIPTION_LENGTH = 5000;

function text(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field: string,
): string {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string')
		throw invalidField(context, itemIndex, field, `expected text but got ${describeValue(value)}`);
	return value;
}

/** The event's title: required on Create, and never blank (DingTalk: "Event summary cannot be blank"). */
export function checkSummary(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field: string,
): string {
	const summary =
		value === undefined || value === null ? '' : text(context, itemIndex, value, field).trim();
	if (summary === '') {
		throw invalidField(
			context,
			itemIndex,
			field,
			'is empty',
			'Give the event a title, or map one from the input with an expression.',
		);
	}
	if (summary.length > MAX_SUMMARY_LENGTH) {
		throw invalidField(
			context,
			itemIndex,
			field,
			`is ${summary.length} characters long; DingTalk allows ${MAX_SUMMARY_LENGTH}`,
		);
	}
	return summary;
}

/**
 * Reminders as DingTalk takes them: minutes before the start, each reminding in the DingTalk app.
 * Accepts a number, a list, or text such as "15, 60"; empty text means no reminders at all.
 */
export function readReminders(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	field: string,
): Array<{ method: string; minutes: number }> {
	const entries = Array.isArray(value)
		? value
		: typeof value === 'number'
			? [value]
			: text(context, itemIndex, value, field).split(/[\s,;]+/);
	const minutes: number[] = [];
	for (const entry of entries) {
		if (typeof entry === 'string' && entry.trim() === '') continue;
		const number = typeof entry === 'string' ? Number(entry.trim()) : entry;
		if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
			throw invalidField(
				context,
				itemIndex,
				field,
				`${describeValue(entry)} is not a number of minutes`,
				'Give whole minutes before the start, separated by commas, e.g. 15, 60 (0 = at the start). Leave it empty for no reminders.',
			);
		}
		if (!minutes.includes(number)) minutes.push(number);
	}
	return minutes.map((m) => ({ method: 'dingtalk', minutes: m }));
}

/**
 * The optional parts of an event body that Create and Update share, from the fields the user added
 * (Additional Fields / Update Fields): only what was set is sent, so Update changes nothing else.
 */
export function readEventDetails(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
	labels: { description: string; location: string; reminders: string },
): IDataObject {
	const body: IDataObject = {};
	if (fields.description !== undefined) {
		const description = text(context, itemIndex, fields.description, labels.description);
		if (description.length > MAX_DESCRIPTION_LENGTH) {
			throw invalidField(
				context,
				itemIndex,
				labels.description,
				`is ${description.length} characters long; DingTalk allows ${MAX_DESCRIPTION_LENGTH}`,
			);
		}
		body.description = description;
	}
	if (fields.location !== undefined) {
		body.location = {
			displayName: text(context, itemIndex, fields.location, labels.location).trim(),
		};
	}
	if (fields.reminders !== undefined)
		body.reminders = readReminders(context, itemIndex, fields.reminders, labels.reminders);
	if (isTrue(fields.onlineMeeting)) body.onlineMeetingInfo = { type: 'dingtalk' };
	// DingTalk's switches are "no…" flags with text values: only a notification turned off is sent.
	const extra: IDataObject = {};
	if (isFalse(fields.pushNotification)) extra.noPushNotification = 'true';
	if (isFalse(fields.chatNotification)) extra.noChatNotification = 'true';
	if (Object.keys(extra).length) body.extra = extra;
	return body;
}
