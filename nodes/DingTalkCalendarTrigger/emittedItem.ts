import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** A room's status on an event, as DingTalk reports it, or `removed` once it is no longer on the event. */
export type RoomStatus = 'accepted' | 'tentative' | 'declined' | 'removed';

export type Change = 'created' | 'updated' | 'cancelled' | 'roomStatusChanged' | 'starting';

export interface RoomChange {
	roomId: string;
	roomName: string;
	/** null: the room was not on the event at the previous poll (a new booking). */
	previousStatus: Exclude<RoomStatus, 'removed'> | null;
	status: RoomStatus;
}

/** One change, as one output item: `{ change, event, room? }`. `event` is DingTalk's event object, unchanged. */
export interface TriggerItem {
	change: Change;
	event: IDataObject;
	room?: RoomChange;
}

export function toExecutionData(items: TriggerItem[]): INodeExecutionData[] {
	return items.map((item) => {
		const json: IDataObject = { change: item.change, event: item.event };
		if (item.room) json.room = { ...item.room };
		return { json };
	});
}
