import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { e2eAdmin } from '../../playwright.config';

/*
 * Two versions of the app, one origin: the update test serves `build/` (the version a tablet
 * already has), then stops it and serves a second build of the app on the same port and the
 * same database, as a deploy would.
 */

const root = resolve(import.meta.dirname, '../..');
// Inside node_modules so that the build's server code still finds its packages.
export const nextBuildDir = join(root, 'node_modules/.cache/fieldbook-next-build');

/** Builds the app again (a new SvelteKit version, hence a new service worker) into `outDir`. */
export async function buildNextVersion(outDir = nextBuildDir): Promise<void> {
	const child = spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
		cwd: root,
		env: { ...process.env, FIELDBOOK_BUILD_DIR: outDir },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout.on('data', (d) => (log += d));
	child.stderr.on('data', (d) => (log += d));
	const code = await new Promise<number | null>((done) => child.once('exit', done));
	if (code !== 0) throw new Error(`The second build failed:\n${log}`);
}

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

export const newDatabasePath = () =>
	join(mkdtempSync(join(tmpdir(), 'fieldbook-update-')), 'e2e.db');

/** Serves the build in `buildDir` on `port`, and waits until it answers. */
export async function serveBuild(buildDir: string, port: number, dbPath: string) {
	const child: ChildProcess = spawn(process.execPath, [join(buildDir, 'index.js')], {
		cwd: root,
		env: {
			PATH: process.env.PATH ?? '',
			PORT: String(port),
			HOST: '127.0.0.1',
			BODY_SIZE_LIMIT: '3M',
			FIELDBOOK_DB: dbPath,
			FIELDBOOK_ADMIN_EMAIL: e2eAdmin.email,
			FIELDBOOK_ADMIN_PASSWORD: e2eAdmin.password
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
		const up = await fetch(`http://127.0.0.1:${port}/api/health`).then(
			(r) => r.ok,
			() => false
		);
		if (up) break;
		if (Date.now() > deadline) throw new Error(`The server did not start:\n${log}`);
		await new Promise((r) => setTimeout(r, 100)); // polling the port, not waiting for time
	}
	return {
		/** Stops it at once, as a deploy replacing the process would. */
		async stop() {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await exited;
		}
	};
}
