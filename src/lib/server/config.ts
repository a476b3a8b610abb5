import { resolve } from 'node:path';

/** Every setting comes from the environment; the README lists each one. */
export interface ServerConfig {
	/** Path of the SQLite file (the default storage). */
	dbPath: string;
	/** A postgres:// URL switches storage to PostgreSQL (the scale-out option). */
	databaseUrl: string | null;
	/** Photos go to files here (a directory every instance shares) instead of the database. */
	blobDir: string | null;
	adminEmail: string | null;
	adminPassword: string | null;
	adminName: string;
	/** A session ends after this long without a request… */
	sessionIdleMs: number;
	/** …and after this long whatever happens. */
	sessionMaxMs: number;
	/** Where people reach the app; used for the printed setup link. */
	publicOrigin: string;
}

function positiveNumber(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
	return n;
}

const HOUR = 3_600_000;

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
	const port = env.PORT || '3000';
	return {
		dbPath: resolve(env.FIELDBOOK_DB || 'data/fieldbook.db'),
		databaseUrl: env.FIELDBOOK_DATABASE_URL || null,
		blobDir: env.FIELDBOOK_BLOB_DIR ? resolve(env.FIELDBOOK_BLOB_DIR) : null,
		adminEmail: env.FIELDBOOK_ADMIN_EMAIL || null,
		adminPassword: env.FIELDBOOK_ADMIN_PASSWORD || null,
		adminName: env.FIELDBOOK_ADMIN_NAME || 'Administrator',
		// About one working day idle: an advisor signs in at the office, works offline in school
		// all day and syncs at the end of it.
		sessionIdleMs:
			positiveNumber(env.FIELDBOOK_SESSION_IDLE_HOURS, 12, 'FIELDBOOK_SESSION_IDLE_HOURS') * HOUR,
		sessionMaxMs:
			positiveNumber(env.FIELDBOOK_SESSION_MAX_DAYS, 7, 'FIELDBOOK_SESSION_MAX_DAYS') * 24 * HOUR,
		publicOrigin: (env.ORIGIN || `http://localhost:${port}`).replace(/\/$/, '')
	};
}
