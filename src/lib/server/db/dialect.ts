import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import pg from 'pg';
import type { ServerConfig } from '../config';

export type Engine = 'sqlite' | 'postgres';

/** PostgreSQL when FIELDBOOK_DATABASE_URL is a postgres:// URL; SQLite otherwise. */
export function engineOf(config: Pick<ServerConfig, 'databaseUrl'>): Engine {
	if (!config.databaseUrl) return 'sqlite';
	if (/^postgres(ql)?:\/\//.test(config.databaseUrl)) return 'postgres';
	throw new Error('FIELDBOOK_DATABASE_URL must be a postgres:// URL (unset it to use SQLite)');
}

/**
 * The one place that knows which database is behind Kysely. Queries elsewhere are
 * dialect-neutral; what differs between the engines (locks, the event-loop turn, binary
 * columns) is in `engine.ts`.
 */
export function createDialect(config: Pick<ServerConfig, 'dbPath' | 'databaseUrl'>): Dialect {
	if (engineOf(config) === 'postgres') return postgresDialect(config.databaseUrl!);
	mkdirSync(dirname(config.dbPath), { recursive: true });
	const database = new SQLite(config.dbPath);
	// WAL: readers never wait for the writer; a crash loses no committed transaction.
	database.pragma('journal_mode = WAL');
	database.pragma('synchronous = FULL');
	database.pragma('foreign_keys = ON');
	database.pragma('busy_timeout = 5000');
	return new SqliteDialect({ database: withStatementCache(database) });
}

// bigint (int8) columns hold milliseconds and sequence numbers, all far below 2^53. pg returns
// them as strings unless told otherwise; the table types say number, as SQLite returns them.
const INT8 = 20;
const types = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === INT8 && format !== 'binary') return (text: string) => Number(text);
		return pg.types.getTypeParser(oid, format as 'text');
	}
};

function postgresDialect(connectionString: string): Dialect {
	const pool = new pg.Pool({
		connectionString,
		types,
		// Enough for pushes, pulls and sign-ins at once per instance; several instances share
		// the server's max_connections (100 by default).
		max: 10,
		// A query stuck behind a lock for this long fails the request rather than hanging it.
		statement_timeout: 60_000
	});
	// An idle client losing its connection (a PostgreSQL restart) must not stop the process.
	pool.on('error', (error) =>
		console.error(`Fieldbook: database connection lost: ${error.message}`)
	);
	return new PostgresDialect({ pool });
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
