import type { DB } from '../../db';
import type { SafeguardingFlagsTable } from '../../db/schema';
import { chunked } from './chunks';

/* The SQL of safeguarding concerns (issue 14); the rule itself is in sync/safeguarding.ts. */

export type FlagRow = SafeguardingFlagsTable;

/** The records flagged now in these scopes (every scope for 'all'). */
export async function flagsIn(db: DB, scopes: string[] | 'all'): Promise<FlagRow[]> {
	let query = db.selectFrom('safeguarding_flags').selectAll();
	if (scopes !== 'all') query = query.where('scope', 'in', scopes.length ? scopes : ['']);
	return query.execute();
}

/** The flags of these records, those that have one; one query per 500 ids. */
export async function flagsOf(db: DB, recordIds: string[]): Promise<FlagRow[]> {
	const flags: FlagRow[] = [];
	for (const slice of chunked([...new Set(recordIds)])) {
		flags.push(
			...(await db
				.selectFrom('safeguarding_flags')
				.selectAll()
				.where('record_id', 'in', slice)
				.execute())
		);
	}
	return flags;
}

/** Sets what a batch changed: the flags of `touched` records become `flags` (none for the rest). */
export async function replaceFlags(db: DB, touched: string[], flags: FlagRow[]) {
	for (const slice of chunked(touched)) {
		await db.deleteFrom('safeguarding_flags').where('record_id', 'in', slice).execute();
	}
	for (const slice of chunked(flags)) {
		await db.insertInto('safeguarding_flags').values(slice).execute();
	}
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
