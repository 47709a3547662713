import type { RoomSummary } from '../../../shared/transport/api/rooms';

/** What a room must offer, as Get Many's filters and Find and Book's criteria describe it. */
export interface RoomCriteria {
	/** At least this many seats (0: any). */
	minCapacity: number;
	/** The room's group is one of these (already widened to their sub-groups); undefined: any group. */
	groupIds?: Set<number>;
	/** People's names of the chosen groups, for messages. */
	groupNames?: string[];
	/** Every one of these labels (equipment), by name (any case) or label ID. */
	labels: string[];
	/** Part of the room's name, any case. */
	nameContains: string;
}

function hasLabel(room: RoomSummary, wanted: string): boolean {
	const needle = wanted.toLowerCase();
	return (room.roomLabels ?? []).some(
		(label) =>
			(label.labelName ?? '').toLowerCase() === needle || String(label.labelId ?? '') === wanted,
	);
}

export function matchesCriteria(room: RoomSummary, criteria: RoomCriteria): boolean {
	if (criteria.minCapacity > 0 && (room.roomCapacity ?? 0) < criteria.minCapacity) return false;
	if (criteria.groupIds && !criteria.groupIds.has(room.roomGroup?.groupId ?? 0)) return false;
	if (!criteria.labels.every((label) => hasLabel(room, label))) return false;
	const name = criteria.nameContains.trim().toLowerCase();
	if (name && !(room.roomName ?? '').toLowerCase().includes(name)) return false;
	return true;
}

/** The criteria in words, for messages: "with capacity ≥ 10 in group HQ · 5F (or its sub-groups)". */
export function describeCriteria(criteria: RoomCriteria): string {
	const parts: string[] = [];
	if (criteria.minCapacity > 0) parts.push(`with capacity ≥ ${criteria.minCapacity}`);
	if (criteria.groupNames?.length) {
		const plural = criteria.groupNames.length > 1;
		parts.push(
			`in group${plural ? 's' : ''} ${criteria.groupNames.join(', ')} (or ${plural ? 'their' : 'its'} sub-groups)`,
		);
	}
	if (criteria.labels.length) parts.push(`with ${criteria.labels.join(' and ')}`);
	if (criteria.nameContains.trim()) parts.push(`named like "${criteria.nameContains.trim()}"`);
	return parts.join(' ');
}
