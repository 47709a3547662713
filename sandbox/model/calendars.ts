/** ListCalendars (reference §4.13): every user has one calendar, `primary`. */
import { userScope } from './access';
import { DEFAULT_TIME_ZONE } from './eventInput';
import type { ModelState } from './state';
import type { AuthContext } from './types';
import type { Json } from './validate';

export function listCalendars(m: ModelState, auth: AuthContext, userId: string): Json {
	const org = userScope(m, auth, userId);
	const user = org.users.get(userId);
	return {
		response: {
			calendars: [
				{
					id: Buffer.from(`primary:${userId}`).toString('base64url'),
					summary: user?.name ?? '',
					description: '',
					timeZone: DEFAULT_TIME_ZONE,
					eTag: '0',
					type: 'primary',
					privilege: 'owner',
				},
			],
		},
	};
}
