import type { FieldState, RecordState } from '$lib/sync/merge';
import type { DB } from '../../db';

/** The server's copy of one record: its type, scope and every field with its last write. */
export interface StoredRecord {
	type: string;
	scope: string;
	state: RecordState;
}

export async function loadRecord(db: DB, id: string): Promise<StoredRecord | null> {
	const record = await db
		.selectFrom('records')
		.select(['type', 'scope'])
		.where('id', '=', id)
		.executeTakeFirst();
	if (!record) return null;
	const fields = await db
		.selectFrom('record_fields')
		.select(['field', 'value_json', 'hlc', 'author'])
		.where('record_id', '=', id)
		.execute();
	const state: RecordState = {};
	for (const f of fields) {
		state[f.field] = { value: JSON.parse(f.value_json), hlc: f.hlc, author: f.author };
	}
	return { type: record.type, scope: record.scope, state };
}

/** The type of a record, or undefined when there is none with this id. */
export async function recordType(db: DB, id: string): Promise<string | undefined> {
	const row = await db.selectFrom('records').select('type').where('id', '=', id).executeTakeFirst();
	return row?.type;
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
