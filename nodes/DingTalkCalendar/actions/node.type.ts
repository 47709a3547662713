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
};

export type DingTalkCalendarType = AllEntities<NodeMap>;
