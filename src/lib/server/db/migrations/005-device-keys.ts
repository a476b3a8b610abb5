import type { Kysely } from 'kysely';

// Issue 13: one random key per user that wraps the data key on each of their tablets, handed
// only to a live session, so a forgotten passphrase costs a sign-in online, never unsynced work.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('device_keys')
		.addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
}
