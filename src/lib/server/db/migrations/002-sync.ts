import { sql, type Kysely } from 'kysely';

// Storage for sync (DESIGN.md §3). Landed migrations are never edited.
export async function up(db: Kysely<unknown>): Promise<void> {
	// The server's change-log sequence comes from this row, bumped inside each push
	// transaction: portable (no dialect-specific autoincrement), and on PostgreSQL the row lock
	// serialises log appends so a pull cursor never skips a commit that lands late.
	await db.schema
		.createTable('sync_counters')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('value', 'bigint', (c) => c.notNull())
		.execute();
	await db
		.insertInto('sync_counters' as never)
		.values({ name: 'server_seq', value: 0 } as never)
		.execute();

	// A device installation, bound to the one user who first pushed from it.
	await db.schema
		.createTable('sync_clients')
		.addColumn('client_id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
		.addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('records')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('scope', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('records_scope').on('records').columns(['scope', 'type']).execute();

	// One row per field: fields merge one by one, each with the HLC of its last write.
	await db.schema
		.createTable('record_fields')
		.addColumn('record_id', 'text', (c) => c.notNull().references('records.id'))
		.addColumn('field', 'text', (c) => c.notNull())
		.addColumn('value_json', 'text', (c) => c.notNull())
		.addColumn('hlc', 'text', (c) => c.notNull())
		.addColumn('author', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('record_fields_pk', ['record_id', 'field'])
		.execute();

	// Who may read an audit, kept beside the audit's `members` field so rights are one lookup.
	// A removed member keeps a row with removed_at, so pull can tell their devices to drop it.
	await db.schema
		.createTable('audit_members')
		.addColumn('audit_id', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('removed_at', 'bigint')
		.addPrimaryKeyConstraint('audit_members_pk', ['audit_id', 'user_id'])
		.execute();
	await db.schema.createIndex('audit_members_user').on('audit_members').column('user_id').execute();

	// Every accepted change, once: (client_id, seq) is unique, so a replay cannot log twice.
	await db.schema
		.createTable('change_log')
		.addColumn('server_seq', 'bigint', (c) => c.primaryKey())
		.addColumn('client_id', 'text', (c) => c.notNull())
		.addColumn('seq', 'bigint', (c) => c.notNull())
		.addColumn('author', 'text', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('record_id', 'text', (c) => c.notNull())
		.addColumn('scope', 'text', (c) => c.notNull())
		.addColumn('fields_json', 'text', (c) => c.notNull())
		.addColumn('hlc', 'text', (c) => c.notNull())
		.addColumn('base_json', 'text')
		.addColumn('received_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('change_log_client_seq', ['client_id', 'seq'])
		.execute();
	await db.schema
		.createIndex('change_log_scope_seq')
		.on('change_log')
		.columns(['scope', 'server_seq'])
		.execute();

	// A change that can never be applied is kept whole with its reason, never dropped.
	await db.schema
		.createTable('quarantine')
		.addColumn('client_id', 'text', (c) => c.notNull())
		.addColumn('seq', 'bigint', (c) => c.notNull())
		.addColumn('author', 'text', (c) => c.notNull())
		.addColumn('reason', 'text', (c) =>
			c.notNull().check(sql`reason in ('invalid', 'forbidden', 'unknown-type')`)
		)
		.addColumn('detail', 'text', (c) => c.notNull())
		.addColumn('change_json', 'text', (c) => c.notNull())
		.addColumn('received_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('quarantine_pk', ['client_id', 'seq'])
		.execute();
}
