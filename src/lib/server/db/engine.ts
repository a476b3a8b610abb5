import { PostgresAdapter, sql, type QueryExecutorProvider } from 'kysely';
import type { Engine } from './dialect';

/**
 * What differs between SQLite and PostgreSQL beyond the SQL Kysely writes for both: locks, the
 * event-loop turn, binary columns. Everything else calls these instead of asking which engine.
 */
export function engine(db: QueryExecutorProvider): Engine {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** The column type of raw bytes: SQLite's `blob` is PostgreSQL's `bytea`. */
export function binaryType(db: QueryExecutorProvider): 'blob' | 'bytea' {
	return engine(db) === 'postgres' ? 'bytea' : 'blob';
}

/**
 * Holds a named lock until the caller's transaction ends, across every instance sharing the
 * database. SQLite needs none: Kysely gives its one connection to one transaction at a time,
 * so a transaction there is already alone.
 */
export async function lockUntilCommit(db: QueryExecutorProvider, name: string): Promise<void> {
	if (engine(db) === 'postgres')
		await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(db);
}

/**
 * better-sqlite3 runs a whole transaction without giving the event loop a turn, and transactions
 * waiting for the connection follow on at once: under 20 devices pushing together the server
 * read no socket for seconds and dropped kept-alive connections (issue 6). One turn per batch
 * lets it read what has arrived. pg's queries are asynchronous I/O: the loop turns anyway.
 */
export async function yieldTurn(db: QueryExecutorProvider): Promise<void> {
	if (engine(db) === 'sqlite') await new Promise((turn) => setImmediate(turn));
}

/**
 * Taken first in every push transaction: the row lock on the change log's counter, held until
 * commit, so pushes run one at a time across every instance. Then no push reads a record
 * another is about to change (an older stamp can never be written over a newer one), a
 * device's last seq is read after any overlapping push from it has committed, and log entries
 * commit in server_seq order, so a pull's cursor never passes one that commits later. Pulls
 * take no lock: they read what has committed. SQLite's one connection serialises already.
 */
export async function lockSyncLog(db: QueryExecutorProvider): Promise<void> {
	if (engine(db) === 'postgres')
		await sql`select value from sync_counters where name = 'server_seq' for update`.execute(db);
}
