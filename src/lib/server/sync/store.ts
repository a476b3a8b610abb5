import type { FieldState, RecordState } from '$lib/sync/merge';
import type { DB } from '../db';

/** The server's copy of one record: its type, scope and every field with its last write. */
export interface StoredRecord {
	type: string;
	scope: string;
	state: RecordState;
}

export async function loadRecord(db: DB, id: string): Promise<StoredRecord | null> {
	const record = await db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst();
	if (!record) return null;
	const fields = await db
		.selectFrom('record_fields')
		.selectAll()
		.where('record_id', '=', id)
		.execute();
	const state: RecordState = {};
	for (const f of fields) {
		state[f.field] = { value: JSON.parse(f.value_json), hlc: f.hlc, author: f.author };
	}
	return { type: record.type, scope: record.scope, state };
}

/** Writes the fields a merge took; creates the record row the first time. */
export async function saveFields(
	db: DB,
	id: string,
	record: { type: string; scope: string; isNew: boolean },
	fields: Record<string, FieldState>,
	now: number
) {
	if (record.isNew) {
		await db
			.insertInto('records')
			.values({ id, type: record.type, scope: record.scope, created_at: now })
			.execute();
	}
	const rows = Object.entries(fields).map(([field, f]) => ({
		record_id: id,
		field,
		value_json: JSON.stringify(f.value),
		hlc: f.hlc,
		author: f.author
	}));
	if (rows.length === 0) return;
	// One statement for all the fields a merge took, not one per field (issue 6).
	await db
		.insertInto('record_fields')
		.values(rows)
		.onConflict((oc) =>
			oc.columns(['record_id', 'field']).doUpdateSet((eb) => ({
				value_json: eb.ref('excluded.value_json'),
				hlc: eb.ref('excluded.hlc'),
				author: eb.ref('excluded.author')
			}))
		)
		.execute();
}

/** The next number of the change log, taken inside the caller's transaction. */
export async function nextServerSeq(db: DB): Promise<number> {
	const row = await db
		.updateTable('sync_counters')
		.set((eb) => ({ value: eb('value', '+', 1) }))
		.where('name', '=', 'server_seq')
		.returning('value')
		.executeTakeFirstOrThrow();
	return Number(row.value);
}

/** Keeps audit_members in step with an audit's `members` field. */
export async function setAuditMembers(db: DB, auditId: string, members: string[], now: number) {
	await db
		.updateTable('audit_members')
		.set({ removed_at: now })
		.where('audit_id', '=', auditId)
		.where('removed_at', 'is', null)
		.where('user_id', 'not in', members.length ? members : [''])
		.execute();
	for (const userId of members) {
		await db
			.insertInto('audit_members')
			.values({ audit_id: auditId, user_id: userId, removed_at: null })
			.onConflict((oc) => oc.columns(['audit_id', 'user_id']).doUpdateSet({ removed_at: null }))
			.execute();
	}
}
