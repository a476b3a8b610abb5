import type { Kysely } from 'kysely';

/*
 * Issue 14: the records flagged as a safeguarding concern now, with the two people beside the
 * audit's lead and admins who may still read them (src/lib/sync/withheld.ts). A row exists
 * while the record is flagged; pull reads the few rows of the user's scopes on every page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('safeguarding_flags')
		.addColumn('record_id', 'text', (c) => c.primaryKey())
		.addColumn('scope', 'text', (c) => c.notNull())
		.addColumn('author', 'text', (c) => c.notNull())
		.addColumn('flagged_by', 'text', (c) => c.notNull())
		.addColumn('flagged_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('safeguarding_flags_scope')
		.on('safeguarding_flags')
		.column('scope')
		.execute();

	// Records a device flagged before the server knew the rule (the field's shape landed first).
	const t = db as Kysely<Legacy>;
	const flagged = await t
		.selectFrom('record_fields')
		.innerJoin('records', 'records.id', 'record_fields.record_id')
		.select(['records.id', 'records.scope', 'record_fields.author', 'records.created_at'])
		.where('record_fields.field', '=', 'safeguarding')
		.where('record_fields.value_json', '<>', 'null')
		.where('records.type', 'in', ['observation', 'response'])
		.execute();
	for (const row of flagged) {
		const first = await t
			.selectFrom('change_log')
			.select('author')
			.where('record_id', '=', row.id)
			.orderBy('server_seq')
			.limit(1)
			.executeTakeFirst();
		await t
			.insertInto('safeguarding_flags')
			.values({
				record_id: row.id,
				scope: row.scope,
				author: first?.author ?? row.author,
				flagged_by: row.author,
				flagged_at: row.created_at
			})
			.execute();
	}
}

interface Legacy {
	records: { id: string; type: string; scope: string; created_at: number };
	record_fields: { record_id: string; field: string; value_json: string; author: string };
	change_log: { server_seq: number; record_id: string; author: string };
	safeguarding_flags: {
		record_id: string;
		scope: string;
		author: string;
		flagged_by: string;
		flagged_at: number;
	};
}
