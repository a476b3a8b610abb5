import { HlcClock } from '$lib/sync/hlc';
import { validateChangeFields } from '$lib/sync/fields';
import type { Change } from '$lib/sync/protocol';
import type { RecordType } from '$lib/domain/record-type';
import type { FieldbookDatabase, LocalRecord } from './database';

export class InvalidWrite extends Error {}

export interface Patch {
	type: RecordType;
	id: string;
	scope: string;
	fields: Record<string, unknown>;
}

export async function metaValue<T>(db: FieldbookDatabase, key: string, fallback: T): Promise<T> {
	return ((await db.meta.get(key))?.value as T | undefined) ?? fallback;
}

/**
 * THE way to write a synced record (DESIGN.md §3): in one strict transaction it validates the
 * patch, updates the record, stamps each changed field with a fresh HLC, takes the next seq
 * and appends one change to the outbox. Nothing is written when the patch is invalid.
 */
export async function writeRecord(
	db: FieldbookDatabase,
	clientId: string,
	userId: string,
	patch: Patch,
	now = Date.now()
): Promise<Change> {
	return db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
		const existing = await db.records.get(patch.id);
		const check = validateChangeFields(patch.type, patch.fields, !existing);
		if (!check.ok) throw new InvalidWrite(check.detail);
		if (existing && (existing.type !== patch.type || existing.scope !== patch.scope))
			throw new InvalidWrite('A record keeps its type and scope');

		// The clock lives in the database, not in memory, so every tab shares one.
		const clock = new HlcClock(clientId, await metaValue<string | null>(db, 'hlc', null));
		// A device told its clock runs ahead stamps with the server's time (see restamp.ts).
		const hlc = clock.now(now + (await metaValue(db, 'clockOffsetMs', 0)));
		const seq = await metaValue(db, 'nextSeq', 1);
		const base = existing
			? Object.fromEntries(
					Object.keys(patch.fields)
						.filter((f) => existing.hlcs[f] !== undefined)
						.map((f) => [f, existing.hlcs[f]!])
				)
			: null;
		const change: Change = {
			clientId,
			seq,
			type: patch.type,
			recordId: patch.id,
			scope: patch.scope,
			fields: patch.fields,
			hlc,
			base
		};

		const record: LocalRecord = existing ?? {
			id: patch.id,
			type: patch.type,
			scope: patch.scope,
			values: {},
			hlcs: {},
			authors: {},
			deleted: 0
		};
		for (const [field, value] of Object.entries(patch.fields)) {
			record.values[field] = value;
			record.hlcs[field] = hlc;
			record.authors[field] = userId;
		}
		record.deleted = record.values.deleted === true ? 1 : 0;

		await db.records.put(record);
		await db.outbox.add({ seq, change });
		await db.meta.bulkPut([
			{ key: 'nextSeq', value: seq + 1 },
			{ key: 'hlc', value: clock.last }
		]);
		return change;
	});
}
