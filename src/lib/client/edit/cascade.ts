import type { Device } from '../db/device';
import { writeRecords, type Patch } from '../db/write';

/*
 * Deleting what holds other records (issue 14). An activity's notes and survey responses are
 * tombstoned with it, in the same transaction, so every list, count, coverage grid and export
 * that leaves out deleted notes leaves these out too, on every device after sync. Undo clears
 * exactly the tombstones that deletion set, nothing a person deleted before.
 */

export interface Deleted {
	/** The patches that undo it: each tombstone this deletion set, cleared. */
	undo: Patch[];
	/** How many notes and responses went with it. */
	withIt: number;
}

/** Tombstones the activity and its notes and responses; returns what undoes it. */
export async function deleteActivity(
	device: Device,
	activity: { id: string; auditId: string }
): Promise<Deleted> {
	const { db } = device;
	const held = await db.records
		.where('activityId')
		.equals(activity.id)
		.filter(
			(r) =>
				r.scope === activity.auditId &&
				!r.deleted &&
				(r.type === 'observation' || r.type === 'response')
		)
		.toArray();
	const targets = [
		{ type: 'activity' as const, id: activity.id, scope: activity.auditId },
		...held.map((r) => ({ type: r.type, id: r.id, scope: r.scope }))
	];
	const patch = (deleted: boolean) => targets.map((t) => ({ ...t, fields: { deleted } }));
	await writeRecords(db, device.clientId, device.userId, patch(true));
	return { undo: patch(false), withIt: held.length };
}

/** Tombstones one record on its own (a note, an audit, a school); returns what undoes it. */
export async function deleteOne(device: Device, record: Omit<Patch, 'fields'>): Promise<Deleted> {
	await writeRecords(device.db, device.clientId, device.userId, [
		{ ...record, fields: { deleted: true } }
	]);
	return { undo: [{ ...record, fields: { deleted: false } }], withIt: 0 };
}

/** Puts back what a deletion tombstoned. */
export async function undoDelete(device: Device, deleted: Deleted): Promise<void> {
	await writeRecords(device.db, device.clientId, device.userId, deleted.undo);
}
