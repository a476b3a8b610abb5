// The built server as a child process on a temporary SQLite file, as the integration tests run it.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './build.js';

export const admin = { email: 'bench-admin@fieldbook.test', password: 'bench admin passphrase' };

/** A fresh temporary folder; everything the bench writes to disk goes under one. */
export const scratch = (/** @type {string} */ name) =>
	mkdtempSync(join(tmpdir(), `fieldbook-bench-${name}-`));

/**
 * Serves `buildDir` on 127.0.0.1:`port` with a new database and waits until it answers.
 * @param {string} buildDir @param {number} port
 */
export async function startServer(buildDir, port) {
	const child = spawn(process.execPath, [join(buildDir, 'index.js')], {
		cwd: root,
		env: {
			PATH: process.env.PATH ?? '',
			PORT: String(port),
			HOST: '127.0.0.1',
			BODY_SIZE_LIMIT: '3M',
			FIELDBOOK_DB: join(scratch('db'), 'bench.db'),
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
