/**
 * Event bodies: parsing CreateEvent/PatchEvent input (reference §4.0, §4.1, §4.5) and rendering the
 * Event object with DingTalk's JSON types (reminder minutes are strings, booleans are booleans).
 */
import { randomUUID } from 'node:crypto';

import { dingError, invalidParameter } from '../errors';
import type { Org } from './directory';
import {
	PATTERN_TYPES,
	RANGE_TYPES,
	WEEKDAYS,
	WEEK_INDEXES,
	type PatternType,
	type RangeType,
	type Recurrence,
} from './recurrence';
import {
	formatDate,
	formatInZone,
	formatTimestamp,
	isValidTimeZone,
	parseDate,
	parseInstant,
} from './time';
import type { EventRecord, EventTimeOut, ResponseStatus } from './types';
import {
	arrayOfObjects,
	isObject,
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

/** Everything a create or patch may set; `undefined` = not sent. */
export interface EventInput {
	summary?: string;
	description?: string;
	isAllDay?: boolean;
	start?: Json;
	end?: Json;
	recurrence?: Recurrence | null;
	attendees?: Array<{ id: string; isOptional: boolean }>;
	location?: { displayName?: string };
	reminders?: Array<{ method: string; minutes: number }>;
	onlineMeetingInfo?: { type: string };
	extra?: Record<string, string>;
	uiConfigs?: Array<{ uiName: string; uiStatus: string }>;
	richTextDescription?: { text: string };
	categories?: Array<{ categoryId?: string; displayName: string }>;
	cardInstances?: Array<{ outTrackId?: string; scenario?: string }>;
	freeBusyStatus?: string;
}

export interface Timing {
	isAllDay: boolean;
	timeZone: string;
	start: EventTimeOut;
	end: EventTimeOut;
	startMs: number;
	endMs: number;
}

function parseRecurrence(v: unknown): Recurrence | null {
	if (v === null) return null;
	if (!isObject(v)) throw typeError('recurrence', 'an object');
	const pattern = optObject(v, 'pattern', 'recurrence.pattern');
	if (!pattern) throw invalidParameter('Recurrence pattern must be provided.');
	const type = optString(pattern, 'type', 'recurrence.pattern.type');
	if (!type || !PATTERN_TYPES.includes(type as PatternType)) {
		throw invalidParameter(`Recurrence pattern type invalid: ${type ?? ''}`);
	}
	const interval = optInteger(pattern, 'interval', 'recurrence.pattern.interval') ?? 1;
	if (interval < 1 || interval > 365) throw dingError('recurrenceInterval');
	const dayOfMonth = optInteger(pattern, 'dayOfMonth', 'recurrence.pattern.dayOfMonth');
	if (dayOfMonth !== undefined && (dayOfMonth < 1 || dayOfMonth > 31)) {
		throw invalidParameter('Recurrence pattern dayOfMonth must between [1, 31]');
	}
	const daysOfWeek = optString(pattern, 'daysOfWeek', 'recurrence.pattern.daysOfWeek');
	if (daysOfWeek !== undefined && daysOfWeek !== '') {
		for (const d of daysOfWeek.split(',')) {
			if (!WEEKDAYS.includes(d.trim().toLowerCase() as (typeof WEEKDAYS)[number])) {
				throw invalidParameter(`Recurrence pattern daysOfWeek invalid: ${daysOfWeek}`);
			}
		}
	}
	const index = optString(pattern, 'index', 'recurrence.pattern.index');
	if (index !== undefined && !WEEK_INDEXES.includes(index as (typeof WEEK_INDEXES)[number])) {
		throw invalidParameter(`Recurrence pattern index invalid: ${index}`);
	}
	const firstDayOfWeek = optString(pattern, 'firstDayOfWeek', 'recurrence.pattern.firstDayOfWeek');
	if (
		firstDayOfWeek !== undefined &&
		!WEEKDAYS.includes(firstDayOfWeek as (typeof WEEKDAYS)[number])
	) {
		throw invalidParameter(`Recurrence pattern firstDayOfWeek invalid: ${firstDayOfWeek}`);
	}
	const range = optObject(v, 'range', 'recurrence.range') ?? { type: 'noEnd' };
	const rangeType = optString(range, 'type', 'recurrence.range.type') ?? 'noEnd';
	if (!RANGE_TYPES.includes(rangeType as RangeType))
		throw invalidParameter(`Recurrence range type invalid: ${rangeType}`);
	const endDate = optString(range, 'endDate', 'recurrence.range.endDate');
	const numberOfOccurrences = optInteger(
		range,
		'numberOfOccurrences',
		'recurrence.range.numberOfOccurrences',
	);
	if (numberOfOccurrences !== undefined && (numberOfOccurrences < 1 || numberOfOccurrences > 99)) {
		throw dingError('recurrenceOccurrences');
	}
	if (endDate !== undefined && numberOfOccurrences !== undefined) {
		throw invalidParameter(
			'Recurrence range endDate and numberOfOccurrences cannot be set at the same time',
		);
	}
	if (rangeType === 'numbered' && numberOfOccurrences === undefined)
		throw dingError('recurrenceOccurrences');
	if (
		rangeType === 'endDate' &&
		(endDate === undefined || (parseInstant(endDate) === null && parseDate(endDate) === null))
	) {
		throw invalidParameter('Recurrence range endDate invalid');
	}
	const out: Recurrence = {
		pattern: { type: type as PatternType, interval },
		range: { type: rangeType as RangeType },
	};
	if (dayOfMonth !== undefined) out.pattern.dayOfMonth = dayOfMonth;
	if (daysOfWeek) out.pattern.daysOfWeek = daysOfWeek.toLowerCase();
	if (index !== undefined) out.pattern.index = index;
	if (firstDayOfWeek !== undefined) out.pattern.firstDayOfWeek = firstDayOfWeek;
	if (rangeType === 'endDate') out.range.endDate = endDate;
	if (rangeType === 'numbered') out.range.numberOfOccurrences = numberOfOccurrences;
	return out;
}

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

export function newOnlineMeeting(eventId: string): NonNullable<EventRecord['onlineMeetingInfo']> {
	const conferenceId = randomUUID();
	return {
		type: 'dingtalk',
		conferenceId,
		url: `dingtalk://dingtalkclient/page/videoConfFromCalendar?confId=${conferenceId}&calendarId=${eventId}`,
		extraInfo: {},
	};
}

// ---------------------------------------------------------------- rendering

export type RenderKind = 'create' | 'patch' | 'get' | 'list';

export function renderEventTime(t: EventTimeOut): EventTimeOut {
	const out: EventTimeOut = {};
	if (t.date !== undefined) out.date = t.date;
	if (t.dateTime !== undefined) out.dateTime = t.dateTime;
	if (t.timeZone !== undefined) out.timeZone = t.timeZone;
	return out;
}

/** The Event object as the given API returns it (field sets follow the SDK response models). */
export function renderEvent(
	org: Org,
	ev: EventRecord,
	viewer: string,
	kind: RenderKind,
	maxAttendees = 100,
): Record<string, unknown> {
	const name = (id: string): string => org.users.get(id)?.name ?? '';
	const out: Record<string, unknown> = { id: ev.id, summary: ev.summary };
	if (ev.description !== undefined) out.description = ev.description;
	if (kind === 'get' || kind === 'list') out.status = ev.status;
	out.start = renderEventTime(ev.start);
	out.end = renderEventTime(ev.end);
	out.isAllDay = ev.isAllDay;
	if (ev.recurrence) out.recurrence = JSON.parse(JSON.stringify(ev.recurrence));
	out.attendees = ev.attendees.slice(0, maxAttendees).map((a) => ({
		id: a.id,
		displayName: name(a.id),
		responseStatus: a.responseStatus,
		self: a.id === viewer,
		isOptional: a.isOptional,
	}));
	out.organizer = {
		id: ev.organizerId,
		displayName: name(ev.organizerId),
		responseStatus: 'accepted',
		self: ev.organizerId === viewer,
	};
	const roomNames = ev.meetingRooms
		.filter((r) => r.responseStatus !== 'declined')
		.map((r) => org.rooms.get(r.roomId)?.roomName ?? '');
	const location: Record<string, unknown> = {};
	if (ev.location?.displayName !== undefined) location.displayName = ev.location.displayName;
	if (kind !== 'create') location.meetingRooms = roomNames;
	out.location = location;
	out.reminders = ev.reminders.map((r) => ({ method: r.method, minutes: String(r.minutes) }));
	if (ev.onlineMeetingInfo) {
		const o = ev.onlineMeetingInfo;
		out.onlineMeetingInfo =
			kind === 'patch'
				? { type: o.type, conferenceId: o.conferenceId, url: o.url }
				: { type: o.type, conferenceId: o.conferenceId, url: o.url, extraInfo: o.extraInfo ?? {} };
	}
	if (ev.uiConfigs) out.uiConfigs = ev.uiConfigs.map((u) => ({ ...u }));
	if (ev.richTextDescription) out.richTextDescription = { ...ev.richTextDescription };
	if (ev.categories) {
		out.categories = ev.categories.map((c) =>
			kind === 'get' || kind === 'list' ? { displayName: c.displayName } : { ...c },
		);
	}
	if (ev.cardInstances) out.cardInstances = ev.cardInstances.map((c) => ({ ...c }));
	if (kind === 'get' || kind === 'list') {
		out.meetingRooms = ev.meetingRooms.map((r) => ({
			roomId: r.roomId,
			responseStatus: r.responseStatus,
			displayName: org.rooms.get(r.roomId)?.roomName ?? '',
		}));
		// The series an event belongs to: "" for a single event (reference §4.0). The sandbox keeps a series
		// as its master only (no materialised instances), so a recurring event names itself.
		out.seriesMasterId = ev.recurrence ? ev.id : '';
		// sourceOpenCid: the group chat an event was created from; events made through the API have none.
		out.extendedProperties = { sharedProperties: { sourceOpenCid: '', belongCorpId: ev.corpId } };
	}
	out.createTime = formatTimestamp(ev.createdMs);
	out.updateTime = formatTimestamp(ev.updatedMs);
	return out;
}

/** Start/end of one occurrence as free/busy answers show it. */
export function occurrenceTime(ev: EventRecord, ms: number, withDate: boolean): EventTimeOut {
	if (ev.isAllDay) {
		return withDate
			? { date: formatDate(ms), timeZone: 'UTC' }
			: { dateTime: formatInZone(ms, 'UTC'), timeZone: 'UTC' };
	}
	return { dateTime: formatInZone(ms, ev.timeZone), timeZone: ev.timeZone };
}
