import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type DB } from '../../src/lib/server/db';
import { freshSchema, testEngine } from './postgres';

const root = resolve(import.meta.dirname, '../..');

export const testAdmin = { email: 'admin@fieldbook.test', password: 'correct horse battery' };

export async function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const probe = createServer();
		probe.once('error', fail);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export interface RunningServer {
	url: string;
	/** Where its data is: a SQLite file, or a PostgreSQL URL when databaseUrl is set. */
	dbPath: string;
	databaseUrl: string | null;
	/** A connection of the test's own to the server's database, to look at what it stored. */
	openDatabase(): Promise<DB>;
	/** What the process printed so far. */
	output(): string;
	/** Stops the process (SIGTERM, or SIGKILL for a crash) and waits for it to exit. */
	stop(signal?: NodeJS.Signals): Promise<void>;
	/** Starts a new process on the same database file. */
	restart(): Promise<RunningServer>;
	/** Stops it and removes its files. */
	dispose(): Promise<void>;
}

/**
 * Starts the built server (`node build/index.js`, as `npm start` does) on a free port and a
 * database of its own (a SQLite file; a fresh PostgreSQL schema in the `-pg` projects), and
 * waits until /api/health answers. `databaseUrl` starts it on a database another server uses.
 */
export async function startServer(
	options: {
		env?: Record<string, string>;
		dbDir?: string;
		/** A fixed port, kept over restarts (a browser's service worker belongs to its origin). */
		port?: number;
		databaseUrl?: string;
		/** The schema this server made for itself: kept across restarts, dropped by dispose. */
		ownSchema?: { url: string; drop(): Promise<void> };
		/** SQLite even in the `-pg` projects: the server a move to PostgreSQL starts from. */
		sqlite?: boolean;
	} = {}
): Promise<RunningServer> {
	if (!existsSync(join(root, 'build/index.js'))) {
		throw new Error('No build: run `npm run build` first (npm test does it)');
	}
	if (!options.databaseUrl && !options.ownSchema && !options.sqlite && testEngine === 'postgres') {
		options = { ...options, ownSchema: await freshSchema() };
	}
	const databaseUrl = options.databaseUrl ?? options.ownSchema?.url ?? null;
	const dbDir = options.dbDir ?? mkdtempSync(join(tmpdir(), 'fieldbook-it-'));
	const dbPath = join(dbDir, 'fieldbook.db');
	const port = options.port ?? (await freePort());
	const url = `http://127.0.0.1:${port}`;
	const child: ChildProcess = spawn(process.execPath, ['build/index.js'], {
		cwd: root,
		env: {
			PATH: process.env.PATH ?? '',
			PORT: String(port),
			HOST: '127.0.0.1',
			BODY_SIZE_LIMIT: '3M',
			FIELDBOOK_DB: dbPath,
			...(databaseUrl ? { FIELDBOOK_DATABASE_URL: databaseUrl } : {}),
			FIELDBOOK_ADMIN_EMAIL: testAdmin.email,
			FIELDBOOK_ADMIN_PASSWORD: testAdmin.password,
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout?.on('data', (d) => (log += d));
	child.stderr?.on('data', (d) => (log += d));
	const exited = new Promise<void>((done) => child.once('exit', () => done()));

	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`The server exited at start:\n${log}`);
		try {
			if ((await fetch(`${url}/api/health`)).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`The server did not start:\n${log}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	// The PostgreSQL half must never pass by quietly testing SQLite.
	if (databaseUrl && !/database postgres/.test(log)) throw new Error(`Not on PostgreSQL:\n${log}`);

	const running: RunningServer = {
		url,
		dbPath,
		databaseUrl,
		openDatabase: () => openDatabase({ dbPath, databaseUrl }),
		output: () => log,
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			await exited;
		},
		async restart() {
			await running.stop();
			return startServer({ ...options, dbDir });
		},
		async dispose() {
			await running.stop();
			if (!options.dbDir) rmSync(dbDir, { recursive: true, force: true });
			await options.ownSchema?.drop();
		}
	};
	return running;
}

/** A cookie-keeping client of the JSON API, as a browser on the same origin would be. */
export class ApiClient {
	cookie = '';
	constructor(readonly base: string) {}

	async call(
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {}
	): Promise<{ status: number; headers: Headers; body: any }> {
		const response = await fetch(this.base + path, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.cookie ? { cookie: this.cookie } : {}),
				...headers
			},
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0]!;
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : null;
		} catch {
			// not JSON: keep the text
		}
		return { status: response.status, headers: response.headers, body: parsed };
	}

	login(email: string, password: string) {
		return this.call('POST', '/api/auth/login', { email, password });
	}
}

/** Creates an account through the admin API and signs it in: a person with their own session. */
export async function signedInAccount(
	server: RunningServer,
	name: string,
	role: 'admin' | 'advisor' | 'viewer'
): Promise<{ client: ApiClient; id: string }> {
	const admin = new ApiClient(server.url);
	await admin.login(testAdmin.email, testAdmin.password);
	const email = `${name}@fieldbook.test`;
	const password = 'a long enough password';
	const created = await admin.call('POST', '/api/admin/users', { email, name, password, role });
	if (created.status !== 201) throw new Error(`Could not create ${email}: ${created.status}`);
	const client = new ApiClient(server.url);
	await client.login(email, password);
	return { client, id: created.body.user.id };
}
