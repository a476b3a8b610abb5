import { conflictFieldsSchema, type Conflict } from '$lib/domain/conflict';
import type { FieldbookDatabase, LocalRecord } from './database';
import type { Device } from './device';
import { InvalidWrite, writeRecords } from './write';

/** An open conflict with the record it concerns, as the Sync page shows it. */
export interface OpenConflict {
	conflict: Conflict;
	scope: string;
	/** The record as this device holds it now, or undefined if it never arrived here. */
	record: LocalRecord | undefined;
}

function asConflict(record: LocalRecord): Conflict | null {
	const parsed = conflictFieldsSchema.safeParse(record.values);
	return parsed.success ? { ...parsed.data, id: record.id } : null;
}

export { openConflictCount } from './conflict-count';

/** Unresolved conflicts, oldest first (ids are UUIDv7, so id order is creation order). */
export async function openConflicts(db: FieldbookDatabase): Promise<OpenConflict[]> {
	const rows = await db.records.where('type').equals('conflict').sortBy('id');
	const open: OpenConflict[] = [];
	for (const row of rows) {
		const conflict = asConflict(row);
		if (!conflict || conflict.resolved || row.deleted) continue;
		open.push({ conflict, scope: row.scope, record: await db.records.get(conflict.recordId) });
	}
	return open;
}

/**
 * Closes a conflict with the value a person chose — one of the versions, or their own merge —
 * written to the record's field and the conflict marked resolved in one transaction, so no
 * device ever sees the one without the other.
 */
export async function resolveConflict(
	device: Device,
	conflictId: string,
	value: unknown,
	now = Date.now()
) {
	const row = await device.db.records.get(conflictId);
	const conflict = row && asConflict(row);
	if (!row || !conflict) throw new InvalidWrite('No such conflict on this device');
	if (conflict.resolved) throw new InvalidWrite('This conflict is already resolved');
	const target = await device.db.records.get(conflict.recordId);
	if (!target) throw new InvalidWrite('The record this conflict concerns is not on this device');
	return writeRecords(
		device.db,
		device.clientId,
		device.userId,
		[
			{
				type: conflict.recordType,
				id: conflict.recordId,
				scope: target.scope,
				fields: { [conflict.field]: value }
			},
			{ type: 'conflict', id: conflictId, scope: row.scope, fields: { resolved: true } }
		],
		now
	);
}
