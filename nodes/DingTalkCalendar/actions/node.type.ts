import type { AllEntities } from 'n8n-workflow';

import type { operations } from './router';

/** Every resource and its operations, read off the router's table. */
type NodeMap = { [R in keyof typeof operations]: keyof (typeof operations)[R] & string };

export type DingTalkCalendarType = AllEntities<NodeMap>;
