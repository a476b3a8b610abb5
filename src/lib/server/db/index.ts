import { Kysely, Migrator, sql, type Migration } from 'kysely';
import type { ServerConfig } from '../config';
import { createDialect } from './dialect';
import { engine } from './engine';
import { migrations } from './migrations';
import type { Database } from './schema';

export type { Database } from './schema';
export type DB = Kysely<Database>;

/** Opens the database and brings its schema up to date; refuses to start on a failed migration. */
export async function openDatabase(config: Pick<ServerConfig, 'dbPath' | 'databaseUrl'>) {
	const db = new Kysely<Database>({ dialect: createDialect(config) });
	const { error, results } = await (await migratorOf(db)).migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		await db.destroy();
		throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
	}
	return db;
}

/** Where the data lives, for the start-up log: the file, or the URL without its password. */
export function describeDatabase(config: Pick<ServerConfig, 'dbPath' | 'databaseUrl'>): string {
	if (!config.databaseUrl) return config.dbPath;
	const url = new URL(config.databaseUrl);
	if (url.password) url.password = '***';
	return url.toString();
}

/**
 * The migrator of these migrations (or of the first few, for a test of an upgrade). On
 * PostgreSQL it keeps its table in the schema the tables go to (the first of the search path,
 * `public` unless the URL's `options` say otherwise): Kysely looks for its table in every
 * schema unless told one, and would take another schema's for this one's.
 */
export async function migratorOf(db: DB, these: Record<string, Migration> = migrations) {
	let migrationTableSchema: string | undefined;
	if (engine(db) === 'postgres') {
		const { rows } = await sql<{ name: string }>`select current_schema() as name`.execute(db);
		migrationTableSchema = rows[0]!.name;
	}
	return new Migrator({ db, provider: { getMigrations: async () => these }, migrationTableSchema });
}

let current: DB | null = null;

export function setDatabase(db: DB) {
	current = db;
}

/** The server's database, opened once at start by hooks.server.ts. */
export function database(): DB {
	if (!current) throw new Error('The database is not open yet');
	return current;
}
