import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ApiClient, startServer, testAdmin, type RunningServer } from '../helpers/server';

/*
 * The built server on a fresh SQLite file, as playwright.config.ts's webServer starts it, but
 * held by the test: the day stops it and starts it again on the same file and port. The page
 * loads it as http://localhost (a secure context in WebKit, as on a tablet over https), so
 * ORIGIN says localhost too. Set-up goes through the wire API of DESIGN.md §6, as another
 * tablet's would (tests/e2e/sync-api.ts does the same for Playwright).
 */

export const appPort = Number(process.env.WEBKIT_PORT ?? 4196);
export const appUrl = `http://localhost:${appPort}`;

export async function startApp() {
	const dbDir = mkdtempSync(join(tmpdir(), 'fieldbook-webkit-'));
	let server: RunningServer = await startServer({
		dbDir,
		port: appPort,
		env: { ORIGIN: appUrl, FIELDBOOK_ADMIN_NAME: 'Ada Admin' }
	});
	return {
		stop: () => server.stop(),
		/** A new server process on the same database file and port. */
		async start() {
			server = await server.restart();
		},
		async dispose() {
			await server.stop();
			rmSync(dbDir, { recursive: true, force: true });
		},
		api: () => new ApiClient(server.url)
	};
}

export interface Account {
	id: string;
	email: string;
	name: string;
	password: string;
	api: ApiClient;
}

/** A new advisor, made by the admin over the API, with a signed-in API session of their own. */
export async function createAdvisor(base: ApiClient, name: string): Promise<Account> {
	const admin = new ApiClient(base.base);
	expect((await admin.login(testAdmin.email, testAdmin.password)).status).toBe(200);
	const email = `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@fieldbook.test`;
	const password = `${name} keeps a long passphrase`;
	const made = await admin.call('POST', '/api/admin/users', {
		email,
		name,
		password,
		role: 'advisor'
	});
	expect(made.status).toBe(201);
	const api = new ApiClient(base.base);
	expect((await api.login(email, password)).status).toBe(200);
	return { id: made.body.user.id, email, name, password, api };
}

export interface NewRecord {
	type: string;
	recordId: string;
	scope: string;
	fields: Record<string, unknown>;
}

/** Pushes `records` as one batch from a client of its own; the server must take them all. */
export async function push(api: ApiClient, records: NewRecord[]) {
	const clientId = randomBytes(8).toString('hex');
	const wall = new Date().toISOString();
	const changes = records.map((r, i) => ({
		clientId,
		seq: i + 1,
		...r,
		hlc: `${wall}-${i.toString(16).padStart(4, '0')}-${clientId}`,
		base: null
	}));
	const answer = await api.call('POST', '/api/sync/push', { protocol: 1, clientId, changes });
	expect(answer.status).toBe(200);
	expect(answer.body).toMatchObject({ lastProcessedSeq: changes.length, quarantined: [] });
}

export const newId = () => uuidv7();

/** A school and an audit of it, as a tablet would have made them: where every WebKit test starts. */
export function schoolWithAudit(
	ids: { schoolId: string; auditId: string },
	school: { name: string; urn: string; localAuthority: string },
	audit: { title: string; lead: string; members: string[]; stage: number; componentIds: string[] }
): NewRecord[] {
	return [
		{
			type: 'school',
			recordId: ids.schoolId,
			scope: 'org',
			fields: { ...school, phase: 'primary', deleted: false }
		},
		{
			type: 'audit',
			recordId: ids.auditId,
			scope: ids.auditId,
			fields: { schoolId: ids.schoolId, frameworkId: 'imhars', ...audit, deleted: false }
		}
	];
}

/** Every record this user may read, its fields merged from the whole log (latest HLC wins). */
export async function serverRecords(api: ApiClient, type: string) {
	const records = new Map<string, Record<string, { value: unknown; hlc: string }>>();
	let since = '';
	for (;;) {
		const query = since ? `&since=${encodeURIComponent(since)}` : '';
		const page = await api.call('GET', `/api/sync/pull?limit=500${query}`);
		expect(page.status).toBe(200);
		for (const change of page.body.changes) {
			if (change.type !== type) continue;
			const fields = records.get(change.recordId) ?? {};
			for (const [name, value] of Object.entries(change.fields)) {
				if (!fields[name] || fields[name].hlc < change.hlc)
					fields[name] = { value, hlc: change.hlc };
			}
			records.set(change.recordId, fields);
		}
		if (!page.body.more) break;
		since = page.body.cursor;
	}
	return [...records].map(([recordId, fields]) => ({
		recordId,
		...Object.fromEntries(Object.entries(fields).map(([n, f]) => [n, f.value]))
	})) as ({ recordId: string } & Record<string, any>)[];
}
