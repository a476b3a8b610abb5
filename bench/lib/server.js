// The built server as a child process on a temporary SQLite file (or a fresh PostgreSQL
// database), as the integration tests run it.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ports } from '../config.js';
import { root } from './build.js';

export const admin = { email: 'bench-admin@fieldbook.test', password: 'bench admin passphrase' };

/** A fresh temporary folder; everything the bench writes to disk goes under one. */
export const scratch = (/** @type {string} */ name) =>
	mkdtempSync(join(tmpdir(), `fieldbook-bench-${name}-`));

/**
 * Serves `buildDir` on 127.0.0.1:`port` with a new SQLite database, or on `databaseUrl`, and
 * waits until it answers.
 * @param {string} buildDir @param {number} port @param {{ databaseUrl?: string }} [options]
 */
export async function startServer(buildDir, port, { databaseUrl } = {}) {
	const child = spawn(process.execPath, [join(buildDir, 'index.js')], {
		cwd: root,
		env: {
			PATH: process.env.PATH ?? '',
			PORT: String(port),
			HOST: '127.0.0.1',
			BODY_SIZE_LIMIT: '3M',
			FIELDBOOK_DB: join(scratch('db'), 'bench.db'),
			...(databaseUrl ? { FIELDBOOK_DATABASE_URL: databaseUrl } : {}),
			FIELDBOOK_ADMIN_EMAIL: admin.email,
			FIELDBOOK_ADMIN_PASSWORD: admin.password
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout.on('data', (d) => (log += d));
	child.stderr.on('data', (d) => (log += d));
	const exited = new Promise((done) => child.once('exit', done));
	const url = `http://localhost:${port}`;
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the server on ${port} exited:\n${log}`);
		const up = await fetch(`${url}/api/health`).then(
			(r) => r.ok,
			() => false
		);
		if (up) break;
		if (Date.now() > deadline) throw new Error(`the server on ${port} did not start:\n${log}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		/** What the server printed, for a scenario that failed. */
		log: () => log,
		exited: () => child.exitCode !== null || child.signalCode !== null,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await exited;
		}
	};
}

/** The PostgreSQL server the bench may use: BENCH_DATABASE_URL, else the local one. */
const postgresBase =
	process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let databases = 0;

/**
 * A new, empty PostgreSQL database for one measurement (dropped by `drop`), or why there is
 * none: the PostgreSQL figures are then left out, never failed.
 * @returns {Promise<{ url: string, drop(): Promise<void> } | { url: null, why: string }>}
 */
export async function freshPostgres() {
	const name = `fieldbook_bench_${Date.now()}_${process.pid}_${databases++}`;
	/** @param {string} statement */
	const admin = async (statement) => {
		const client = new pg.Client({ connectionString: postgresBase, connectionTimeoutMillis: 3000 });
		await client.connect();
		try {
			await client.query(statement);
		} finally {
			await client.end();
		}
	};
	const shown = new URL(postgresBase);
	if (shown.password) shown.password = '***';
	try {
		await admin(`create database ${name}`);
	} catch (error) {
		return {
			url: null,
			why: `no PostgreSQL to use at ${shown} (${/** @type {Error} */ (error).message}); set BENCH_DATABASE_URL`
		};
	}
	const url = new URL(postgresBase);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: () => admin(`drop database if exists ${name} with (force)`).catch(() => {})
	};
}

/**
 * `work` against `instances` servers of `buildDir` on one fresh PostgreSQL database (ports from
 * BENCH_PORT + 8), given their URLs; the servers stop and the database is dropped after.
 * Without a PostgreSQL, says why instead.
 * @template T
 * @param {string} buildDir @param {number} instances @param {(urls: string[]) => Promise<T>} work
 * @returns {Promise<{ measured: true, figures: T } | { measured: false, why: string }>}
 */
export async function onPostgres(buildDir, instances, work) {
	const database = await freshPostgres();
	if (!database.url) return { measured: false, why: database.why };
	/** @type {Awaited<ReturnType<typeof startServer>>[]} */
	const servers = [];
	try {
		for (let i = 0; i < instances; i++)
			servers.push(await startServer(buildDir, ports.postgres[i], { databaseUrl: database.url }));
		return { measured: true, figures: await work(servers.map((s) => s.url)) };
	} finally {
		for (const server of servers) await server.stop();
		await database.drop();
	}
}
