import type { AllEntities } from 'n8n-workflow';

/** Every resource and its operations: the router dispatches on this map. */
type NodeMap = {
	meetingRoom:
		| 'addToEvent'
		| 'findAndBook'
		| 'get'
		| 'getAvailability'
		| 'getGroup'
		| 'getMany'
		| 'getManyGroups'
		| 'removeFromEvent';
	event: 'create' | 'delete' | 'get' | 'getAll' | 'getUserAvailability' | 'update';
	attendee: 'add' | 'getAll' | 'remove';
};

export type DingTalkCalendarType = AllEntities<NodeMap>;
