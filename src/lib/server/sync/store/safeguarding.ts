import type { DB } from '../../db';
import type { SafeguardingFlagsTable } from '../../db/schema';

/* The SQL of safeguarding concerns (issue 14); the rule itself is in sync/safeguarding.ts. */

export type FlagRow = SafeguardingFlagsTable;

/** The records flagged now in these scopes (every scope for 'all'). */
export async function flagsIn(db: DB, scopes: string[] | 'all'): Promise<FlagRow[]> {
	let query = db.selectFrom('safeguarding_flags').selectAll();
	if (scopes !== 'all') query = query.where('scope', 'in', scopes.length ? scopes : ['']);
	return query.execute();
}

export async function flagOf(db: DB, recordId: string): Promise<FlagRow | undefined> {
	return db
		.selectFrom('safeguarding_flags')
		.selectAll()
		.where('record_id', '=', recordId)
		.executeTakeFirst();
}

export async function setFlag(db: DB, row: FlagRow) {
	await db
		.insertInto('safeguarding_flags')
		.values(row)
		.onConflict((oc) =>
			oc.column('record_id').doUpdateSet({ flagged_by: row.flagged_by, flagged_at: row.flagged_at })
		)
		.execute();
}

export async function clearFlag(db: DB, recordId: string) {
	await db.deleteFrom('safeguarding_flags').where('record_id', '=', recordId).execute();
}

/** Who wrote a record: the author of its first log entry. */
export async function firstAuthor(db: DB, recordId: string, scope: string) {
	const row = await db
		.selectFrom('change_log')
		.select('author')
		.where('scope', '=', scope)
		.where('record_id', '=', recordId)
		.orderBy('server_seq')
		.limit(1)
		.executeTakeFirst();
	return row?.author;
}

/** One field's current value of each of these records, by record id. */
export async function fieldOf(db: DB, recordIds: string[], field: string) {
	const values = new Map<string, unknown>();
	if (recordIds.length === 0) return values;
	const rows = await db
		.selectFrom('record_fields')
		.select(['record_id', 'value_json'])
		.where('field', '=', field)
		.where('record_id', 'in', recordIds)
		.execute();
	for (const row of rows) values.set(row.record_id, JSON.parse(row.value_json));
	return values;
}
