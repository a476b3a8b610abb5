import type { Kysely } from 'kysely';
import { binaryType } from '../engine';

// Photos, content-addressed by the SHA-256 of their bytes (DESIGN.md §3 "Attachments"). They
// live in the database so that every server instance sees the same store. The bytes column is
// `blob` on SQLite (the SQL this migration always wrote there) and `bytea` on PostgreSQL.
export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('blobs')
		.addColumn('hash', 'text', (c) => c.primaryKey())
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('bytes', binaryType(db), (c) => c.notNull())
		.addColumn('size', 'bigint', (c) => c.notNull())
		.addColumn('uploaded_by', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
}
