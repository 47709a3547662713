/**
 * CreateEvent/PatchEvent bodies (reference §4.0, §4.1, §4.5): field checks with DingTalk's messages, and
 * start/end resolved into a timing (reference §2.8).
 */
import { dingError, invalidParameter } from '../errors';
import type { Recurrence } from './recurrence';
import { parseRecurrence } from './recurrenceInput';
import { formatInZone, isValidTimeZone, parseDate, parseInstant } from './time';
import type { EventRecord, EventTimeOut, ResponseStatus } from './types';
import {
	arrayOfObjects,
	optArray,
	optBoolean,
	optInteger,
	optObject,
	optString,
	typeError,
	type Json,
} from './validate';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const MAX_SUMMARY = 2048;
export const MAX_DESCRIPTION = 5000;
export const MAX_ATTENDEES_PER_CALL = 500;
export const MAX_ATTENDEES_PER_EVENT = 5000;
const UI_NAMES = [
	'updateEventButton',
	'deleteEventButton',
	'transferEventButton',
	'attendee',
	'comment',
];
const UI_STATUSES = ['hide', 'disable', 'enable'];
const REMINDER_METHODS = ['dingtalk', 'sms', 'phone'];
export const RESPONSE_STATUSES: readonly ResponseStatus[] = [
	'needsAction',
	'accepted',
	'declined',
	'tentative',
];

/** Record fields a create or patch sets as they come. */
type CopiedFields =
	| 'summary'
	| 'description'
	| 'isAllDay'
	| 'location'
	| 'reminders'
	| 'extra'
	| 'uiConfigs'
	| 'richTextDescription'
	| 'categories'
	| 'cardInstances'
	| 'freeBusyStatus';

/** Everything a create or patch may set; `undefined` = not sent. */
export interface EventInput extends Partial<Pick<EventRecord, CopiedFields>> {
	start?: Json;
	end?: Json;
	/** `null`: a patch that ends the series. */
	recurrence?: Recurrence | null;
	attendees?: Array<{ id: string; isOptional: boolean }>;
	/** Only the type is sent; the sandbox mints the conference. */
	onlineMeetingInfo?: { type: string };
}

/** An event's time fields, resolved from a request's start/end (in the record's key order). */
export type Timing = Pick<
	EventRecord,
	'isAllDay' | 'timeZone' | 'start' | 'end' | 'startMs' | 'endMs'
>;

export function parseAttendees(
	items: unknown[],
	path: string,
): Array<{ id: string; isOptional: boolean }> {
	if (items.length > MAX_ATTENDEES_PER_CALL) {
		throw invalidParameter(
			`attendees batch size too large. Maximum allowed:${MAX_ATTENDEES_PER_CALL}`,
		);
	}
	return arrayOfObjects(items, path).map((a, i) => {
		const id = optString(a, 'id', `${path}[${i}].id`);
		if (!id || !id.trim()) throw invalidParameter('attendee id cannot be blank');
		optString(a, 'email', `${path}[${i}].email`);
		return { id, isOptional: optBoolean(a, 'isOptional', `${path}[${i}].isOptional`) ?? false };
	});
}

/** Parse the fields of a CreateEvent/PatchEvent body (presence rules are checked by the caller). */
export function parseEventInput(body: Json): EventInput {
	const input: EventInput = {};
	const summary = optString(body, 'summary');
	if (summary !== undefined) {
		if (summary.length > MAX_SUMMARY)
			throw invalidParameter(`Event summary length must less than ${MAX_SUMMARY}`);
		input.summary = summary;
	}
	const description = optString(body, 'description');
	if (description !== undefined) {
		if (description.length > MAX_DESCRIPTION) {
			throw invalidParameter(`Event description length must less than ${MAX_DESCRIPTION}`);
		}
		input.description = description;
	}
	input.isAllDay = optBoolean(body, 'isAllDay');
	input.start = optObject(body, 'start');
	input.end = optObject(body, 'end');
	if (body.recurrence !== undefined) input.recurrence = parseRecurrence(body.recurrence);
	const attendees = optArray(body, 'attendees');
	if (attendees) input.attendees = parseAttendees(attendees, 'attendees');
	const location = optObject(body, 'location');
	if (location)
		input.location = { displayName: optString(location, 'displayName', 'location.displayName') };
	const reminders = optArray(body, 'reminders');
	if (reminders) {
		input.reminders = arrayOfObjects(reminders, 'reminders').map((r, i) => {
			const method = optString(r, 'method', `reminders[${i}].method`) ?? 'dingtalk';
			if (!REMINDER_METHODS.includes(method))
				throw invalidParameter(`reminder method invalid: ${method}`);
			const minutes = optInteger(r, 'minutes', `reminders[${i}].minutes`);
			if (minutes === undefined || minutes < 0)
				throw typeError(`reminders[${i}].minutes`, 'an integer >= 0');
			return { method, minutes };
		});
	}
	const online = optObject(body, 'onlineMeetingInfo');
	if (online) {
		const type = optString(online, 'type', 'onlineMeetingInfo.type');
		if (type !== 'dingtalk') throw invalidParameter('onlineMeetingInfo type must be dingtalk');
		input.onlineMeetingInfo = { type };
	}
	const extra = optObject(body, 'extra');
	if (extra) {
		const out: Record<string, string> = {};
		for (const [k, v] of Object.entries(extra)) {
			if (typeof v !== 'string') throw typeError(`extra.${k}`, 'a string');
			out[k] = v;
		}
		input.extra = out;
	}
	const uiConfigs = optArray(body, 'uiConfigs');
	if (uiConfigs) {
		input.uiConfigs = arrayOfObjects(uiConfigs, 'uiConfigs').map((u, i) => {
			const uiName = optString(u, 'uiName', `uiConfigs[${i}].uiName`) ?? '';
			const uiStatus = optString(u, 'uiStatus', `uiConfigs[${i}].uiStatus`) ?? 'enable';
			if (!UI_NAMES.includes(uiName)) throw invalidParameter(`uiName invalid: ${uiName}`);
			if (!UI_STATUSES.includes(uiStatus)) throw invalidParameter(`uiStatus invalid: ${uiStatus}`);
			return { uiName, uiStatus };
		});
	}
	const rich = optObject(body, 'richTextDescription');
	if (rich)
		input.richTextDescription = { text: optString(rich, 'text', 'richTextDescription.text') ?? '' };
	const categories = optArray(body, 'categories');
	if (categories) {
		input.categories = arrayOfObjects(categories, 'categories').map((c, i) => {
			const categoryId = optString(c, 'categoryId', `categories[${i}].categoryId`);
			const displayName = optString(c, 'displayName', `categories[${i}].displayName`) ?? '';
			return categoryId === undefined ? { displayName } : { categoryId, displayName };
		});
	}
	const cards = optArray(body, 'cardInstances');
	if (cards) {
		input.cardInstances = arrayOfObjects(cards, 'cardInstances').map((c, i) => ({
			outTrackId: optString(c, 'outTrackId', `cardInstances[${i}].outTrackId`),
			scenario: optString(c, 'scenario', `cardInstances[${i}].scenario`),
		}));
	}
	input.freeBusyStatus = optString(body, 'freeBusyStatus');
	return input;
}

function timePart(
	obj: Json,
	which: 'start' | 'end',
	isAllDay: boolean,
): { ms: number; zone?: string; out: EventTimeOut } {
	const notSet = which === 'start' ? dingError('eventStartNotSet') : dingError('eventEndNotSet');
	const date = optString(obj, 'date', `${which}.date`);
	const dateTime = optString(obj, 'dateTime', `${which}.dateTime`);
	const timeZone = optString(obj, 'timeZone', `${which}.timeZone`);
	if (isAllDay) {
		if (!date) throw notSet;
		if (dateTime || timeZone) throw dingError('allDayTimeNotEmpty');
		const ms = parseDate(date);
		if (ms === null) throw invalidParameter(`Invalid ${which}.date: ${date}`);
		return { ms, out: { date } };
	}
	if (!dateTime) throw notSet;
	const ms = parseInstant(dateTime);
	if (ms === null) throw invalidParameter(`Invalid ${which}.dateTime: ${dateTime}`);
	if (timeZone !== undefined && timeZone !== '' && !isValidTimeZone(timeZone)) {
		throw invalidParameter(`Invalid ${which}.timeZone: ${timeZone}`);
	}
	return { ms, zone: timeZone || undefined, out: {} };
}

/** Resolve start/end (reference §2.8): timed `{dateTime, timeZone}`, all-day `{date}` with exclusive end. */
export function resolveTiming(
	isAllDay: boolean,
	start: Json | undefined,
	end: Json | undefined,
): Timing {
	if (!start) throw dingError('eventStartNotSet');
	if (!end) throw dingError('eventEndNotSet');
	const s = timePart(start, 'start', isAllDay);
	const e = timePart(end, 'end', isAllDay);
	if (isAllDay) {
		if (e.ms <= s.ms) throw invalidParameter('Event end date must be later than start date');
		return { isAllDay, timeZone: 'UTC', start: s.out, end: e.out, startMs: s.ms, endMs: e.ms };
	}
	const zone = s.zone ?? e.zone ?? DEFAULT_TIME_ZONE;
	if (s.zone && e.zone && s.zone !== e.zone) {
		throw invalidParameter('The timeZone of start and end must be the same');
	}
	if (e.ms < s.ms) throw invalidParameter('Event end time must be later than start time');
	return {
		isAllDay,
		timeZone: zone,
		start: { dateTime: formatInZone(s.ms, zone), timeZone: zone },
		end: { dateTime: formatInZone(e.ms, zone), timeZone: zone },
		startMs: s.ms,
		endMs: e.ms,
	};
}

/** The raw `{date|dateTime, timeZone}` objects of an existing event, for a patch that changes one side. */
export function timingSource(ev: EventRecord, which: 'start' | 'end'): Json {
	const t = which === 'start' ? ev.start : ev.end;
	return ev.isAllDay ? { date: t.date } : { dateTime: t.dateTime, timeZone: t.timeZone };
}
