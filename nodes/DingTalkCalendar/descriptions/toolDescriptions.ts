import type { INodeProperties } from 'n8n-workflow';

import type { DingTalkCalendarType } from '../actions/node.type';

/**
 * What an AI agent or MCP client is told each operation does, as the default of the tool's Description.
 *
 * n8n's automatic tool description is only "<action> in DingTalk Calendar", which says nothing about
 * limits or formats. A usableAsTool node that has its own `toolDescription` parameter keeps it (n8n then
 * adds no Description field of its own, `convertNodeToAiTool`), and `getToolDescriptionForNode` sends
 * its value to the model. These parameters show only on the tool (`@tool`), one per operation, so the
 * plain node is unchanged, and a workflow author can still edit the text.
 */
const TOOL_DESCRIPTIONS: { [R in DingTalkCalendarType['resource']]: Record<string, string> } = {
	meetingRoom: {
		addToEvent:
			"Book 1 to 5 meeting rooms onto an existing DingTalk calendar event, for the event's own time. Give the event ID and room IDs (from the tool that lists meeting rooms); the event is in the organizer's calendar. DingTalk allows 5 rooms per event, counting rooms it already holds. A room that is busy then fails the call with DingTalk's code meetingRoomNotAvailable and a request ID: check availability first, or find and book free rooms instead.",
		findAndBook:
			'Find free meeting rooms that fit and book them, for an existing event (event ID) or a new event (title, start and end). Times are ISO 8601 with an offset, e.g. 2026-12-03T15:00:00+08:00, at most 90 days apart. Optional: number of rooms (1 to 5), minimum seats, group IDs, equipment labels, preferred room IDs. Returns the event ID and each booked room (roomId, roomName, seats, status accepted or tentative while an approver decides). All or none: if fewer rooms are free, nothing stays booked and the answer says why.',
		get: 'Get one meeting room by its room ID (from the tool that lists meeting rooms): name, seats, group, location, equipment, who may book it, whether it is open for booking and whether bookings need an approver.',
		getAvailability:
			'Check whether meeting rooms are free between a start and an end (ISO 8601 with an offset, e.g. 2026-12-03T15:00:00+08:00, at most 90 days apart). Give room IDs from the tool that lists meeting rooms; any number. Returns one entry per room: status free, busy or unknown, and the busy times in UTC.',
		getGroup:
			'Get one meeting-room group (a building or floor) by its numeric group ID: its name and parent group.',
		getMany:
			"List the organization's meeting rooms: roomId, roomName, roomCapacity (seats), group, location, equipment labels and who may book each. Optional filters: minimum seats, group IDs, labels, text in the name. Use the room IDs with the tools that check availability or book rooms.",
		getManyGroups:
			"List the organization's meeting-room groups (buildings, floors): numeric group IDs, names and parent groups. Group IDs narrow the room list and room search.",
		removeFromEvent:
			"Cancel the booking of 1 to 5 meeting rooms on a calendar event. Give the event ID and the room IDs to remove; the event is in the organizer's calendar.",
	},
	event: {
		create:
			"Create a DingTalk calendar event in the organizer's calendar: title, start and end (ISO 8601 with an offset, e.g. 2026-12-03T15:00:00+08:00), optional attendees (unionIds), repeat pattern and up to 5 meeting rooms. Returns the event ID.",
		delete:
			'Delete a calendar event by its event ID: the organizer cancels it for everyone, an attendee removes it from their own calendar.',
		get: 'Get a calendar event by its event ID: title, times, attendees with their answers, meeting rooms and online meeting.',
		getAll:
			"List a user's calendar events in a time window (ISO 8601 with an offset). Returns event IDs, titles, times and rooms.",
		getUserAvailability:
			'Get when users (1 to 20 unionIds) are busy between a start and an end (ISO 8601 with an offset). Returns the busy times per user.',
		update:
			'Change fields of a calendar event by its event ID (title, times, description, location); fields not given stay as they are.',
	},
	attendee: {
		add: 'Invite people (unionIds) to a calendar event by its event ID.',
		getAll:
			'List the attendees of a calendar event by its event ID, with their answers (accepted, declined, tentative, needs action).',
		remove: 'Take people (unionIds) off a calendar event by its event ID.',
	},
};

export const toolDescriptionFields: INodeProperties[] = Object.entries(TOOL_DESCRIPTIONS).flatMap(
	([resource, operations]) =>
		Object.entries(operations).map(
			([operation, text]): INodeProperties => ({
				displayName: 'Tool Description',
				name: 'toolDescription',
				type: 'string',
				typeOptions: { rows: 4 },
				default: text,
				description:
					'What the AI agent or MCP client is told this tool does. The default states the limits and formats of this operation; add your own rules (e.g. which rooms to prefer).',
				displayOptions: { show: { '@tool': [true], resource: [resource], operation: [operation] } },
			}),
		),
);
