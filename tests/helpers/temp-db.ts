import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DB } from '../../src/lib/server/db';

/** A real SQLite file in a fresh folder, migrated; `close` removes it. */
export async function tempDatabase(): Promise<{ db: DB; path: string; close(): Promise<void> }> {
	const dir = mkdtempSync(join(tmpdir(), 'fieldbook-test-'));
	const path = join(dir, 'test.db');
	const db = await openDatabase({ dbPath: path, databaseUrl: null });
	return {
		db,
		path,
		async close() {
			await db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
