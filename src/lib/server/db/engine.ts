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
 * Taken in every push transaction before anything is written: the row lock on the change log's
 * counter, held until commit, so pushes write one at a time across every instance. Log entries
 * then commit in server_seq order, so a pull's cursor never passes one that commits later, and
 * a device's last seq is read after any overlapping push from it has committed. Pulls take no
 * lock: they read what has committed. SQLite's one connection serialises already.
 *
 * Returns the counter as the lock found it on PostgreSQL (null on SQLite): with `logPosition`
 * read before a batch's reads, it says whether a push committed in between (see
 * sync/working-set.ts `catchUp`).
 */
export async function lockSyncLog(db: QueryExecutorProvider): Promise<number | null> {
	if (engine(db) === 'sqlite') return null;
	const { rows } = await sql<{
		value: number | string;
	}>`select value from sync_counters where name = 'server_seq' for update`.execute(db);
	return Number(rows[0]!.value);
}

/**
 * The change log's counter as last committed, without a lock (null on SQLite, where nothing
 * commits between a transaction's statements): read before a push batch reads what it touches.
 */
export async function logPosition(db: QueryExecutorProvider): Promise<number | null> {
	if (engine(db) === 'sqlite') return null;
	const { rows } = await sql<{
		value: number | string;
	}>`select value from sync_counters where name = 'server_seq'`.execute(db);
	return Number(rows[0]!.value);
}
