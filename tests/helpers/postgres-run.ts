import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		pgRunUrl: string;
	}
}

/**
 * globalSetup of the PostgreSQL projects: one new database per test run, on the server that
 * FIELDBOOK_TEST_DATABASE_URL names, dropped at the end, so runs never see each other's data.
 * Each test then works in a schema of its own inside it (tests/helpers/postgres.ts).
 */
export default async function setup(project: TestProject) {
	const base = process.env.FIELDBOOK_TEST_DATABASE_URL;
	if (!base) throw new Error('FIELDBOOK_TEST_DATABASE_URL is not set');
	const name = `fieldbook_run_${Date.now()}_${process.pid}_${project.name.replace(/\W/g, '_')}`;
	const admin = async (statement: string) => {
		const client = new pg.Client({ connectionString: base });
		await client.connect();
		try {
			await client.query(statement);
		} finally {
			await client.end();
		}
	};
	await admin(`create database ${name}`);
	const url = new URL(base);
	url.pathname = `/${name}`;
	project.provide('pgRunUrl', url.toString());
	return () => admin(`drop database if exists ${name} with (force)`);
}
