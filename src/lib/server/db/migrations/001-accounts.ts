import { sql, type Kysely } from 'kysely';

// Landed migrations are never edited: a change is a new numbered file.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('users')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) =>
			c.notNull().check(sql`role in ('admin', 'advisor', 'viewer')`)
		)
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('disabled_at', 'bigint')
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('last_seen_at', 'bigint', (c) => c.notNull())
		.addColumn('expires_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

	await db.schema
		.createTable('login_failures')
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('login_failures_kind_key_at')
		.on('login_failures')
		.columns(['kind', 'key', 'at'])
		.execute();

	await db.schema
		.createTable('setup_tokens')
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('used_at', 'bigint')
		.execute();
}
