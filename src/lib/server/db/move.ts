import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations';

/*
 * `npm run migrate-to-postgres` (scripts/migrate-to-postgres.js): an existing SQLite server's
 * data into an empty PostgreSQL database, every table the migrations make, row for row. The
 * change log keeps its server_seq and each device its last_seq, and the log's counter
 * (sync_counters) comes along, so devices pull on from their cursors and push on with their
 * seqs. The whole copy is one transaction on the target: a failure leaves it as it was.
 */

/** A refusal or failure the operator can act on: printed as it is, without a stack. */
export class MoveRefused extends Error {}

export interface MoveReport {
	/** Every table copied, in the order copied, with its row count. */
	tables: { name: string; rows: number }[];
	serverSeq: number;
	/** Photos whose bytes are files in FIELDBOOK_BLOB_DIR, not in the database. */
	photosAsFiles: number;
}

type Row = Record<string, unknown>;
type AnyDB = Kysely<Record<string, Row>>;

/** Kysely's own tables (migrations done, their lock) are made by the migrator, never copied. */
const ours = (name: string) => !name.startsWith('kysely_') && !name.startsWith('sqlite_');

/** The URL without its password, for messages. */
export function shown(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return '(not a URL)';
	}
}

export async function moveToPostgres(
	from: string,
	to: string,
	say: (line: string) => void = () => {}
): Promise<MoveReport> {
	if (!/^postgres(ql)?:\/\//.test(to))
		throw new MoveRefused(`--to must be a postgres:// URL, not ${JSON.stringify(shown(to))}`);
	if (!existsSync(from)) throw new MoveRefused(`No SQLite database at ${from}`);

	const work = mkdtempSync(join(tmpdir(), 'fieldbook-move-'));
	try {
		const copy = await snapshot(from, join(work, 'snapshot.db'));
		try {
			return await intoPostgres(copy, to, say);
		} finally {
			copy.close();
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

/**
 * A consistent copy of the source (SQLite's backup API: the WAL included, even if a server
 * still had it open), brought up to this version's schema: the source file is only read.
 */
async function snapshot(from: string, path: string): Promise<SQLite.Database> {
	let source: SQLite.Database;
	try {
		source = new SQLite(from, { readonly: true, fileMustExist: true });
	} catch (error) {
		throw new MoveRefused(`Cannot open ${from} as SQLite: ${(error as Error).message}`);
	}
	try {
		const known = source
			.prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`)
			.get();
		if (!known) throw new MoveRefused(`${from} is not a Fieldbook database (no migrations table)`);
		await source.backup(path);
	} catch (error) {
		if (error instanceof MoveRefused) throw error;
		throw new MoveRefused(`Cannot read ${from}: ${(error as Error).message}`);
	} finally {
		source.close();
	}
	const copy = new SQLite(path);
	const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: copy }) });
	await migrate(db, undefined, false);
	// Kysely would close the file with the dialect; the copy stays open for reading.
	return copy;
}

async function migrate(db: Kysely<unknown>, schema: string | undefined, inTransaction: boolean) {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
		migrationTableSchema: schema,
		// On the target the move's own transaction holds the migrations too.
		disableTransactions: inTransaction
	});
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed)
		throw new MoveRefused(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
}

async function intoPostgres(source: SQLite.Database, to: string, say: (line: string) => void) {
	const client = new pg.Client({ connectionString: to, connectionTimeoutMillis: 10_000 });
	try {
		await client.connect();
	} catch (error) {
		throw new MoveRefused(`Cannot reach PostgreSQL at ${shown(to)}: ${(error as Error).message}`);
	}
	// One connection, one transaction: Kysely's pool is this client, so every statement (the
	// migrations too) runs inside the BEGIN below, and a lost connection commits nothing.
	const pool = {
		connect: async () => Object.assign(client, { release() {} }),
		end: async () => {}
	};
	const db = new Kysely<Record<string, Row>>({
		dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool })
	});
	try {
		await sql`begin`.execute(db);
		const schema = (await sql<{ name: string | null }>`select current_schema() as name`.execute(db))
			.rows[0]?.name;
		if (!schema) throw new MoveRefused(`${shown(to)} has no schema to write to (search_path)`);
		await refuseIfHolding(db, schema);
		await migrate(db as Kysely<unknown>, schema, true);
		const report = await copyTables(source, db, schema, say);
		await sql`commit`.execute(db);
		return report;
	} catch (error) {
		await sql`rollback`.execute(db).catch(() => {});
		throw error;
	} finally {
		await client.end().catch(() => {});
	}
}

async function tablesOf(db: AnyDB, schema: string): Promise<string[]> {
	const { rows } = await sql<{ name: string }>`
		select table_name as name from information_schema.tables
		where table_schema = ${schema} and table_type = 'BASE TABLE' order by table_name`.execute(db);
	return rows.map((r) => r.name);
}

/**
 * The target must hold no data: tables a server made on its first start are fine while they
 * are empty (and the log's counter still at 0); any row elsewhere stops the move.
 */
async function refuseIfHolding(db: AnyDB, schema: string) {
	const holding: string[] = [];
	for (const table of await tablesOf(db, schema)) {
		if (table.startsWith('kysely_')) continue;
		const counted = db.selectFrom(table).select((e) => e.fn.countAll<string>().as('n'));
		const only = table === 'sync_counters' ? counted.where('value', '<>', 0) : counted;
		const n = Number((await only.executeTakeFirstOrThrow()).n);
		if (n > 0) holding.push(`${table}: ${n}`);
	}
	if (holding.length > 0)
		throw new MoveRefused(
			`The target already holds data (${holding.join(', ')}); move into an empty database or schema`
		);
}

/** Parents before children, so every foreign key finds its row. */
async function inKeyOrder(db: AnyDB, schema: string, tables: string[]): Promise<string[]> {
	const { rows } = await sql<{ child: string; parent: string }>`
		select c.relname as child, p.relname as parent
		from pg_constraint k
		join pg_class c on c.oid = k.conrelid
		join pg_class p on p.oid = k.confrelid
		join pg_namespace n on n.oid = c.relnamespace
		where k.contype = 'f' and n.nspname = ${schema}`.execute(db);
	const ordered: string[] = [];
	const visit = (table: string, path: string[]) => {
		if (ordered.includes(table) || path.includes(table)) return;
		for (const { parent } of rows.filter((r) => r.child === table && r.parent !== table))
			visit(parent, [...path, table]);
		ordered.push(table);
	};
	for (const table of tables) visit(table, []);
	return ordered;
}

async function copyTables(
	source: SQLite.Database,
	db: AnyDB,
	schema: string,
	say: (line: string) => void
): Promise<MoveReport> {
	const from = (
		source.prepare(`select name from sqlite_master where type = 'table' order by name`).all() as {
			name: string;
		}[]
	)
		.map((r) => r.name)
		.filter(ours);
	const to = (await tablesOf(db, schema)).filter(ours);
	if (JSON.stringify(from) !== JSON.stringify(to))
		throw new MoveRefused(
			`The two schemas differ: SQLite has ${from.join(', ')}; PostgreSQL has ${to.join(', ')}`
		);

	const tables: MoveReport['tables'] = [];
	for (const table of await inKeyOrder(db, schema, to)) {
		const columns = (source.prepare(`pragma table_info("${table}")`).all() as { name: string }[])
			.map((c) => c.name)
			.sort();
		// Only the counter's row is there already (made by a migration): the source's replaces it.
		await db.deleteFrom(table).execute();
		// PostgreSQL takes at most 65,535 parameters a statement; photos go a few MB at a time.
		const perStatement = Math.floor(30_000 / columns.length);
		let batch: Row[] = [];
		let bytes = 0;
		let rows = 0;
		const flush = async () => {
			if (batch.length > 0) await db.insertInto(table).values(batch).execute();
			rows += batch.length;
			batch = [];
			bytes = 0;
		};
		for (const row of source.prepare(`select * from "${table}"`).iterate() as Iterable<Row>) {
			batch.push(row);
			for (const column of columns) {
				const value = row[column];
				if (value instanceof Uint8Array) bytes += value.byteLength;
			}
			if (batch.length >= perStatement || bytes >= 8_000_000) await flush();
		}
		await flush();
		const landed = await db
			.selectFrom(table)
			.select((e) => e.fn.countAll<string>().as('n'))
			.executeTakeFirstOrThrow();
		if (Number(landed.n) !== rows)
			throw new MoveRefused(`${table}: ${rows} rows read but ${landed.n} in PostgreSQL`);
		tables.push({ name: table, rows });
		say(`${table.padEnd(20)} ${rows}`);
	}

	// The log's counter came over with sync_counters; it must never be behind the log itself.
	await sql`update sync_counters set value = greatest(value,
		(select coalesce(max(server_seq), 0) from change_log)) where name = 'server_seq'`.execute(db);
	// Any column a PostgreSQL sequence numbers (none today) continues past the rows copied.
	const { rows: serials } = await sql<{ table: string; column: string; seq: string }>`
		select table_name as table, column_name as column,
			pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
		from information_schema.columns
		where table_schema = ${schema}
			and pg_get_serial_sequence(quote_ident(table_name), column_name) is not null`.execute(db);
	for (const s of serials)
		await sql`select setval(${s.seq}, (select coalesce(max(${sql.ref(s.column)}), 0) + 1
			from ${sql.table(s.table)}), false)`.execute(db);

	const counter = await db
		.selectFrom('sync_counters')
		.select('value')
		.where('name', '=', 'server_seq')
		.executeTakeFirstOrThrow();
	const asFiles = await db
		.selectFrom('blobs')
		.select((e) => e.fn.countAll<string>().as('n'))
		.where(sql<boolean>`length(bytes) = 0 and size > 0`)
		.executeTakeFirstOrThrow();
	return { tables, serverSeq: Number(counter.value), photosAsFiles: Number(asFiles.n) };
}
