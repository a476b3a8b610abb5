import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DB } from '../../src/lib/server/db';
import { freshSchema, testEngine } from './postgres';

export interface TempStorage {
	/** What openDatabase and createDialect take: a SQLite path, or a PostgreSQL URL. */
	config: { dbPath: string; databaseUrl: string | null };
	remove(): Promise<void>;
}

/**
 * Empty storage of the test's own: a fresh folder for a SQLite file, or a fresh schema on
 * PostgreSQL when the test runs in a `-pg` project.
 */
export async function tempStorage(): Promise<TempStorage> {
	if (testEngine === 'postgres') {
		const schema = await freshSchema();
		return { config: { dbPath: '', databaseUrl: schema.url }, remove: schema.drop };
	}
	const dir = mkdtempSync(join(tmpdir(), 'fieldbook-test-'));
	return {
		config: { dbPath: join(dir, 'test.db'), databaseUrl: null },
		remove: async () => rmSync(dir, { recursive: true, force: true })
	};
}

/** A real, migrated server database of its own (see tempStorage); `close` removes it. */
export async function tempDatabase(): Promise<{ db: DB; close(): Promise<void> }> {
	const storage = await tempStorage();
	const db = await openDatabase(storage.config);
	return {
		db,
		async close() {
			await db.destroy();
			await storage.remove();
		}
	};
}
