// `npm run demo`: the built app on a fresh database holding a demo school, an audit in
// progress and a demo advisor, whose sign-in is printed. Everything goes in through the real
// API (admin account creation, login, sync push), so the server validates the demo like any
// tablet's data. Ctrl-C stops it; the database is a temporary file, fresh each run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfStale, built, root } from './build.js';
import { demoRecords } from './demo-data.js';

buildIfStale();

const port = process.env.PORT || '3000';
const base = `http://localhost:${port}`;
const dbPath = join(mkdtempSync(join(tmpdir(), 'fieldbook-demo-')), 'demo.db');
const secret = () => randomBytes(12).toString('base64url');
const admin = { email: 'admin@demo.fieldbook.test', password: secret() };
const advisor = { email: 'dana@demo.fieldbook.test', password: secret(), name: 'Dana Demo' };
const colleague = { email: 'sam@demo.fieldbook.test', password: secret(), name: 'Sam Second' };

const server = spawn(process.execPath, [built], {
	cwd: root,
	stdio: ['ignore', 'inherit', 'inherit'],
	env: {
		...process.env,
		PORT: port,
		BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT || '3M',
		FIELDBOOK_DB: dbPath,
		FIELDBOOK_ADMIN_EMAIL: admin.email,
		FIELDBOOK_ADMIN_PASSWORD: admin.password,
		FIELDBOOK_ADMIN_NAME: 'Demo administrator'
	}
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM']))
	process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

/** A cookie-keeping JSON client, as a browser on the same origin would be. */
function client() {
	let cookie = '';
	/** @param {string} method @param {string} path @param {unknown} [body] @returns {Promise<any>} */
	return async (method, path, body) => {
		const response = await fetch(base + path, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(cookie ? { cookie } : {})
			},
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const set = response.headers.get('set-cookie');
		if (set) cookie = set.split(';')[0] ?? '';
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
		return text ? JSON.parse(text) : null;
	};
}

async function serverUp() {
	for (let tries = 0; tries < 300; tries++) {
		if (server.exitCode !== null) throw new Error('The server stopped while starting');
		try {
			if ((await fetch(`${base}/api/health`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`The server did not answer on ${base} within 30 s`);
}

async function seed() {
	const asAdmin = client();
	await asAdmin('POST', '/api/auth/login', admin);
	/** @type {Record<string, string>} */
	const people = {};
	for (const person of [advisor, colleague])
		people[person.email] = (
			await asAdmin('POST', '/api/admin/users', { ...person, role: 'advisor' })
		).user.id;

	const asAdvisor = client();
	await asAdvisor('POST', '/api/auth/login', advisor);
	const framework = await asAdvisor('GET', '/api/framework');
	const now = Date.now();
	const { records } = demoRecords(
		framework,
		people[advisor.email] ?? '',
		people[colleague.email] ?? '',
		now
	);
	const clientId = randomBytes(8).toString('hex');
	const wall = new Date(now).toISOString();
	const changes = records.map((r, i) => ({
		clientId,
		seq: i + 1,
		...r,
		hlc: `${wall}-${i.toString(16).padStart(4, '0')}-${clientId}`,
		base: null
	}));
	for (let i = 0; i < changes.length; i += 200) {
		const reply = await asAdvisor('POST', '/api/sync/push', {
			protocol: 1,
			clientId,
			changes: changes.slice(i, i + 200)
		});
		// A demo the server refuses is a broken demo: say so rather than show half of it.
		if (reply.quarantined.length > 0)
			throw new Error(`The server refused demo records: ${JSON.stringify(reply.quarantined)}`);
	}
	const count = (/** @type {string} */ type) => records.filter((r) => r.type === type).length;
	return { observations: count('observation'), activities: count('activity') };
}

try {
	await serverUp();
	const seeded = await seed();
	console.log(`
Fieldbook demo: ${base}
  ${seeded.activities} activities and ${seeded.observations} observations at Hartwell Primary School.
  Sign in as the demo advisor:
    e-mail:   ${advisor.email}
    password: ${advisor.password}
  Her colleague (a member of the same audit): ${colleague.email} / ${colleague.password}
  Administrator: ${admin.email} / ${admin.password}
  Database: ${dbPath} (a new one each run). Ctrl-C stops the demo.
`);
} catch (error) {
	console.error(`Fieldbook demo: ${error instanceof Error ? error.message : error}`);
	server.kill();
	process.exitCode = 1;
}
