import { Kysely, Migrator } from 'kysely';
import type { ServerConfig } from '../config';
import { createDialect } from './dialect';
import { migrations } from './migrations';
import type { Database } from './schema';

export type { Database } from './schema';
export type DB = Kysely<Database>;

/** Opens the database and brings its schema up to date; refuses to start on a failed migration. */
export async function openDatabase(config: Pick<ServerConfig, 'dbPath' | 'databaseUrl'>) {
	const db = new Kysely<Database>({ dialect: createDialect(config) });
	const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
	const { error, results } = await migrator.migrateToLatest();
	const failed = results?.find((r) => r.status === 'Error');
	if (error || failed) {
		await db.destroy();
		throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
	}
	return db;
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
