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
	return new SqliteDialect({ database: withStatementCache(database) });
}

/**
 * Kysely prepares every query anew; a push runs a dozen statements per change, and preparing
 * them was a third of its time (issue 6). better-sqlite3 statements can be reused, so the
 * last few hundred distinct SQL texts stay prepared. A statement still being iterated (a
 * streamed query) is never handed out twice: that one gets a fresh statement.
 */
function withStatementCache(database: SQLite.Database, size = 500) {
	const statements = new Map<string, SQLite.Statement>();
	return {
		close: () => database.close(),
		prepare(sql: string) {
			const held = statements.get(sql);
			if (held && !held.busy) {
				// Most recently used last, so the oldest goes first when the cache is full.
				statements.delete(sql);
				statements.set(sql, held);
				return held;
			}
			const statement = database.prepare(sql);
			if (held) return statement;
			statements.set(sql, statement);
			if (statements.size > size) statements.delete(statements.keys().next().value!);
			return statement;
		}
	};
}
