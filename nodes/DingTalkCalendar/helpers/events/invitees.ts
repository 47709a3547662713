import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { AttendeeToAdd } from '../../../shared/transport/api/attendees';
import { MAX_ATTENDEES_PER_EVENT, readAttendeeIds } from '../input/attendeeIds';
import { invalidField } from '../input/validation';

/**
 * The people Event > Create invites, from its Attendees and Optional Attendees (Additional Fields):
 * each once, required before optional, and no more than an event holds; checked before anything is
 * created.
 */
export function readInvitees(
	context: IExecuteFunctions,
	itemIndex: number,
	fields: IDataObject,
): AttendeeToAdd[] {
	const read = (key: string, field: string) =>
		fields[key] === undefined
			? []
			: readAttendeeIds(context, itemIndex, `additionalFields.${key}`, field, { required: false });
	const required = read('attendeeIds', 'Attendees');
	const optional = read('optionalAttendeeIds', 'Optional Attendees');
	const twice = optional.filter((id) => required.includes(id));
	if (twice.length) {
		throw invalidField(
			context,
			itemIndex,
			'Optional Attendees',
			`${twice.join(', ')} also in Attendees`,
			'List each person in one of the two fields.',
		);
	}
	if (required.length + optional.length > MAX_ATTENDEES_PER_EVENT) {
		throw invalidField(
			context,
			itemIndex,
			'Attendees',
			`${required.length + optional.length} attendees given, but a DingTalk event holds at most ${MAX_ATTENDEES_PER_EVENT}`,
		);
	}
	return [
		...required.map((id) => ({ id, isOptional: false })),
		...optional.map((id) => ({ id, isOptional: true })),
	];
}
