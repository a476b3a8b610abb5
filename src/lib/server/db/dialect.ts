import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect, type Dialect } from 'kysely';
import type { ServerConfig } from '../config';

/**
 * The one place that knows which database is behind Kysely. Queries elsewhere are
 * dialect-neutral, so PostgreSQL can follow here without touching them.
 */
export function createDialect(config: Pick<ServerConfig, 'dbPath' | 'databaseUrl'>): Dialect {
	if (config.databaseUrl) {
		throw new Error(
			'FIELDBOOK_DATABASE_URL is set, but PostgreSQL storage is not available yet: unset it to use SQLite'
		);
	}
	mkdirSync(dirname(config.dbPath), { recursive: true });
	const database = new SQLite(config.dbPath);
	// WAL: readers never wait for the writer; a crash loses no committed transaction.
	database.pragma('journal_mode = WAL');
	database.pragma('synchronous = FULL');
	database.pragma('foreign_keys = ON');
	database.pragma('busy_timeout = 5000');
	return new SqliteDialect({ database });
}
