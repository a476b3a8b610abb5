import pg from 'pg';
import { inject } from 'vitest';

/**
 * Which engine the server-side tests run on: the `unit-pg` and `integration-pg` projects of
 * vite.config.ts set FIELDBOOK_TEST_ENGINE=postgres and run the same files again.
 */
export const testEngine: 'sqlite' | 'postgres' =
	process.env.FIELDBOOK_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

const schemaName = () => `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;

/** Runs statements on this run's database (made by tests/helpers/postgres-run.ts). */
export async function onRunDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: inject('pgRunUrl') });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/**
 * A fresh, empty schema in this run's database, and a URL whose connections use it (the same
 * `options` an operator would put in FIELDBOOK_DATABASE_URL). `drop` removes it and its data.
 */
export async function freshSchema(): Promise<{ url: string; drop(): Promise<void> }> {
	const name = schemaName();
	await onRunDatabase((c) => c.query(`create schema ${name}`));
	const url = new URL(inject('pgRunUrl'));
	url.searchParams.set('options', `-c search_path=${name}`);
	return {
		url: url.toString(),
		drop: () => onRunDatabase((c) => c.query(`drop schema ${name} cascade`)).then(() => {})
	};
}
