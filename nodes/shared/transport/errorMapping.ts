import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import type { DingTalkFailure } from './dingTalkError';

/** What the failing call was about, so a message can name the room, event or user involved. */
export interface RequestSubject {
	/** The DingTalk permission the call needs, e.g. `Calendar.Event.Write`. */
	permission?: string;
	userId?: string;
	eventId?: string;
	roomIds?: string[];
	/** Room names the node already knows (it read the directory), by room ID: messages then name the room. */
	roomNames?: Record<string, string | undefined>;
	/** A meeting-room group, for the rooms directory APIs. */
	groupId?: string;
}

interface Explanation {
	message: string;
	hint: string;
}

const list = (ids: string[] | undefined) =>
	ids && ids.length ? ids.join(', ') : 'the requested room';

/**
 * English message and advice for each DingTalk error. The code, DingTalk's own message, HTTP status and
 * request ID always go to the error details as well. Codes are case-sensitive and differ per product.
 */
function explain(failure: DingTalkFailure, subject: RequestSubject, baseUrl: string): Explanation {
	const { code = '', dingTalkMessage = '', httpStatus } = failure;
	const event = subject.eventId ? `event ${subject.eventId}` : 'the event';
	const rooms = subject.roomIds;
	/** One room as a message names it: `Room "Boardroom 董事会议室" (ae3e…)` when its name is known, else by ID. */
	const oneRoom = (roomId: string) => {
		const name = subject.roomNames?.[roomId];
		return name ? `Room "${name}" (${roomId})` : `Room ${roomId}`;
	};

	if (code.startsWith('Forbidden.AccessDenied.Qp')) {
		return {
			message: 'DingTalk rate limit reached: too many calls per second for this app and API',
			hint: 'Lower the number of items per run, or set this node to Retry On Fail with a wait of at least 1 second.',
		};
	}
	switch (code) {
		case 'meetingRoomNotAvailable':
			// DingTalk gives no documented text for a room closed to bookings; the sandbox says "not open".
			if (/not open/i.test(dingTalkMessage)) {
				return {
					message:
						rooms && rooms.length === 1
							? `${oneRoom(rooms[0])} is closed for booking`
							: `One of the rooms (${list(rooms)}) is closed for booking`,
					hint: 'Pick another room. Meeting Room > Get Many with "Bookable Only" lists the rooms open for booking.',
				};
			}
			return {
				message:
					rooms && rooms.length === 1
						? `${oneRoom(rooms[0])} is already booked for this time`
						: `One of the rooms (${list(rooms)}) is already booked for this time`,
				hint: 'Pick another room or time. Meeting Room > Get Availability shows which rooms are free.',
			};
		case 'invalidParameter':
			if (dingTalkMessage === 'roomId invalid') {
				return {
					message:
						rooms && rooms.length === 1
							? `Room ID ${rooms[0]} does not exist in this organization`
							: `A room ID (${list(rooms)}) does not exist in this organization`,
					hint: 'Choose rooms from the list, or copy room IDs from Meeting Room > Get Many.',
				};
			}
			// The same text caps attendees, at 500 per call and 5,000 per event; rooms end in ":5".
			if (/^attendees batch size too large\. Maximum allowed:5\d+$/.test(dingTalkMessage)) {
				const max = Number(dingTalkMessage.slice(dingTalkMessage.lastIndexOf(':') + 1));
				return max === 500
					? {
							message: 'DingTalk received more than 500 attendees in one call',
							hint: 'The node sends at most 500 per call, so this is a bug in the node: please report it.',
						}
					: {
							message: `${event} would have more than ${max.toLocaleString('en-US')} attendees`,
							hint: `DingTalk allows at most ${max.toLocaleString('en-US')} attendees per event, counting those it already has. Remove attendees first, or invite fewer.`,
						};
			}
			if (dingTalkMessage.startsWith('attendees batch size too large')) {
				return {
					message: `${event} would hold more than 5 meeting rooms`,
					hint: 'DingTalk allows at most 5 rooms per event, counting the rooms it already has. Remove rooms first, or book fewer.',
				};
			}
			if (dingTalkMessage === 'roomId must be provided.') {
				return {
					message: 'DingTalk received no room ID',
					hint: 'Give at least one room ID in Rooms.',
				};
			}
			if (dingTalkMessage === 'Meeting rooms to remove must be provided.') {
				return {
					message: 'DingTalk received no room to remove',
					hint: 'Give at least one room ID in Rooms.',
				};
			}
			if (dingTalkMessage === 'query ids cannot be empty') {
				return {
					message: 'DingTalk received no room to check',
					hint: 'Give at least one room ID in Rooms.',
				};
			}
			if (dingTalkMessage === 'Cannot get schedule information for more than limit.' && !rooms) {
				return {
					message: 'DingTalk refused to check this many users at once',
					hint: 'The node asks about at most 20 users per call, which DingTalk documents as its limit. If this persists, check fewer users per item.',
				};
			}
			if (dingTalkMessage === 'Cannot get schedule information for more than limit.') {
				return {
					message: `DingTalk refused to check this many rooms at once (${list(rooms)})`,
					hint: 'The node asks about at most 5 rooms per call, which DingTalk documents as its limit. If this persists, DingTalk lowered the limit: check fewer rooms per item.',
				};
			}
			if (dingTalkMessage === 'Cannot query schedule for more than 90 days.') {
				return {
					message: 'The time window is longer than the 90 days DingTalk looks at',
					hint: 'Shorten the window between Start and End to 90 days or less, and split longer periods into several items.',
				};
			}
			if (dingTalkMessage === 'Event summary cannot be blank') {
				return {
					message: 'DingTalk refused an event without a summary (title)',
					hint: 'Give the event a Summary.',
				};
			}
			if (
				dingTalkMessage === 'Event start time not set.' ||
				dingTalkMessage === 'Event end time not set.'
			) {
				const side = dingTalkMessage.startsWith('Event start') ? 'start' : 'end';
				return {
					message: `DingTalk received the event without its ${side} time`,
					hint: `Give the event a ${side === 'start' ? 'Start' : 'End'}.`,
				};
			}
			if (dingTalkMessage.startsWith('Recurrence interval must between')) {
				return {
					message: "Repeat Every is outside DingTalk's range of 1 to 365",
					hint: 'Repeat every 1 to 365 days, weeks, months or years.',
				};
			}
			if (dingTalkMessage.startsWith('Recurrence range numberOfOccurrences must between')) {
				return {
					message: "Repeat How Many Times is outside DingTalk's range of 1 to 99",
					hint: 'For more occurrences, end the series with Repeat Until, or let it repeat without end.',
				};
			}
			if (dingTalkMessage === 'Meeting room invalid') {
				return {
					message: `A meeting room of ${event} is not free at the new time`,
					hint: 'Move the event to a time when its rooms are free (Meeting Room > Get Availability), or take the room off the event first (Meeting Room > Remove From Event).',
				};
			}
			if (
				dingTalkMessage === 'Event id summary cannot be blank' ||
				dingTalkMessage === 'Event must be provided.' ||
				dingTalkMessage === 'CalendarId cannot be blank'
			) {
				return {
					message: `DingTalk received an incomplete request (${dingTalkMessage})`,
					hint: 'The node checks these fields before sending, so this is a bug in the node: please report it.',
				};
			}
			return {
				message: `DingTalk rejected a parameter: ${dingTalkMessage || 'invalid parameter'}`,
				hint: 'Check the values of this item against the field descriptions.',
			};
		case 'itemNotFound':
		case 'instanceNotExist':
			return {
				message: `The calendar of user ${subject.userId ?? '?'} has no ${event}`,
				hint: 'Check the Event ID, and that Organizer User ID is the unionId of the event organizer (not the staff user ID).',
			};
		case 'InvalidAuthentication':
			return {
				message: 'DingTalk rejected the access token, also after fetching a new one',
				hint: 'Check that the credential belongs to this organization and region, then test the credential.',
			};
		case 'AuthenticationFailed.MissingParameter':
			return {
				message: 'The request reached DingTalk without an access token',
				hint: 'Re-save the DingTalk credential and test it.',
			};
		case 'Forbidden.AccessDenied.AccessTokenPermissionDenied': {
			const scopes =
				failure.requiredScopes?.join(', ') ?? subject.permission ?? 'the permission of this API';
			return {
				message: `The DingTalk app lacks the permission ${scopes}`,
				hint: `In the DingTalk developer console open your app > Permissions, grant ${scopes}, then publish a new app version.`,
			};
		}
		case 'Forbidden.AccessDenied.IpNotInWhiteList':
			return {
				message: "This n8n server's IP address is not on the DingTalk app's allow-list",
				hint: "Add n8n's outgoing IP in the developer console: your app > Security Settings > Server IP allow-list.",
			};
		case 'Forbidden.AccessDenied.ApiCountLimitForOrg':
			return {
				message: 'The organization used up its monthly DingTalk API quota',
				hint: 'Wait for the next month or upgrade the DingTalk edition.',
			};
		case 'permissionDeny':
			return {
				message: `User ${subject.userId ?? ''} is outside the app's authorized range`.replace(
					'  ',
					' ',
				),
				hint: "Add the user (or their department) to the app's visible range in the developer console.",
			};
		case 'idempotencyProcessing':
			return {
				message: 'DingTalk is still processing an identical request',
				hint: 'Wait a few seconds and run the item again.',
			};
		case 'flowLimit':
			return {
				message:
					`User ${subject.userId ?? ''} reached DingTalk's daily limit: this user may create at most 100 events per day`.replace(
						'  ',
						' ',
					),
				hint: 'Create the remaining events tomorrow (the count restarts at midnight, China time), or with another organizer.',
			};
		// DingTalk's code for a change by someone other than the organizer is undocumented; the sandbox
		// follows the reference's suggestion (§6.12).
		case 'forbidden.accessDenied':
			return {
				message: `Only the organizer can change ${event}, and user ${subject.userId ?? '?'} is not its organizer`,
				hint: "Set Organizer User ID to the unionId of the event's organizer.",
			};
		case 'paramIllegal':
			return {
				message: 'DingTalk rejected the free/busy query',
				hint: 'Check that Users are unionIds of members of the organization, and that Start comes before End.',
			};
		case 'param.error':
			return {
				message: `DingTalk's rooms API rejected a parameter: ${dingTalkMessage || 'Param Error'}`,
				hint: 'Check that Organizer User ID is a unionId.',
			};
		case 'user.not.employee':
			return {
				message: `User ${subject.userId ?? ''} is not an employee of this organization`.replace(
					'  ',
					' ',
				),
				hint: 'Organizer User ID must be the unionId of a member of the organization the app belongs to.',
			};
		case 'org.not.found':
			return { message: 'DingTalk does not know this organization', hint: 'Check the credential.' };
		case 'room.not.found':
			return {
				message:
					rooms && rooms.length === 1
						? `Room ID ${rooms[0]} does not exist in this organization`
						: `Room ${list(rooms)} was not found`,
				hint: 'Choose rooms from the list, or copy room IDs from Meeting Room > Get Many.',
			};
		case 'group.not.found':
			return {
				message: `Room group ${subject.groupId ?? ''} does not exist in this organization`.replace(
					'  ',
					' ',
				),
				hint: 'Choose a group from the list, or copy group IDs (numbers) from Meeting Room > Get Many Groups.',
			};
		case 'group.query.error':
			return {
				message: 'DingTalk could not read the room groups',
				hint: 'This is usually temporary: run the item again, or set the node to Retry On Fail.',
			};
		case 'InvalidAction.NotFound':
			return {
				message: `${baseUrl} does not serve this DingTalk API`,
				hint: "Check the credential's Region or Base URL.",
			};
		case 'Missingbody':
			return {
				message: 'DingTalk received no request body',
				hint: 'This is a bug in the node: please report it.',
			};
		default:
			break;
	}
	if (httpStatus === undefined) {
		return {
			message: `Could not reach DingTalk at ${baseUrl}`,
			hint: "Check the network, and the credential's Region or Base URL. Retry On Fail helps with passing outages.",
		};
	}
	if (httpStatus >= 500) {
		return {
			message: `DingTalk had a server error (HTTP ${httpStatus})`,
			hint: 'This is usually temporary: run the item again, or set the node to Retry On Fail.',
		};
	}
	if (!failure.code && failure.rawBody !== undefined) {
		return {
			message: `DingTalk answered HTTP ${httpStatus} with a page that is not an API answer`,
			hint: 'DingTalk bans an IP for 5 minutes after more than 10,000 calls in 20 seconds. Wait, then run again.',
		};
	}
	return {
		message: `DingTalk refused the request (HTTP ${httpStatus}${code ? `, ${code}` : ''})`,
		hint: dingTalkMessage
			? `DingTalk says: ${dingTalkMessage}`
			: 'Check the parameters of this item.',
	};
}

/** Builds the node error for a failed DingTalk call: English message and advice, DingTalk's facts in the details. */
export function toNodeApiError(
	node: INode,
	failure: DingTalkFailure,
	subject: RequestSubject,
	baseUrl: string,
	itemIndex?: number,
	calls?: { tries: number; outcomeWasUnknown: boolean },
): NodeApiError {
	const { message, hint } = explain(failure, subject, baseUrl);
	const facts = [
		failure.code && `code ${failure.code}`,
		failure.dingTalkMessage && `message "${failure.dingTalkMessage}"`,
		failure.httpStatus !== undefined && `HTTP ${failure.httpStatus}`,
		failure.requestId && `request ID ${failure.requestId}`,
	].filter(Boolean);
	const tried = calls && calls.tries > 1 ? ` (after ${calls.tries} tries)` : '';
	const description = facts.length
		? `${hint} DingTalk: ${facts.join(', ')}${tried}.`
		: `${hint}${tried}`;
	const details: JsonObject = {
		code: failure.code ?? null,
		message: failure.dingTalkMessage ?? null,
		requestId: failure.requestId ?? null,
		httpStatus: failure.httpStatus ?? null,
	};
	if (failure.requiredScopes) details.requiredScopes = failure.requiredScopes;
	if (failure.rawBody) details.body = failure.rawBody;
	if (calls) details.tries = calls.tries;

	const error = new NodeApiError(node, details, {
		message,
		description,
		httpCode: failure.httpStatus !== undefined ? String(failure.httpStatus) : undefined,
		itemIndex,
	});
	// NodeApiError swaps messages that mention a network code (ECONNRESET, ...) for generic ones: keep ours.
	error.message = message;
	error.description = description;
	error.context.dingTalk = details;
	// A write whose earlier try may have been applied: the operation can check DingTalk's state.
	error.context.outcomeWasUnknown = calls?.outcomeWasUnknown ?? false;
	return error;
}
