import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/lib/server/db';
import {
	auditFields,
	FakeDevice,
	newId,
	observationFields,
	schoolFields
} from '../../helpers/changes';
import { freshSchema } from '../../helpers/postgres';
import { ApiClient, startServer, testAdmin, type RunningServer } from '../../helpers/server';
import { pullLog, Tablet } from './tablet';

/*
 * Issue 15: `npm run migrate-to-postgres` moves a SQLite server's data to PostgreSQL. A built
 * server on SQLite with synced devices, stopped; the command; a built server on PostgreSQL:
 * every table arrives row for row, people sign in and sessions go on, and the devices pull on
 * from their cursors (only what changed since) and push on with their seqs.
 */

const root = resolve(import.meta.dirname, '../../..');
type Schema = Awaited<ReturnType<typeof freshSchema>>;

function move(from: string, to: string) {
	const run = spawnSync(
		'npm',
		['run', '--silent', 'migrate-to-postgres', '--', '--from', from, '--to', to],
		{
			cwd: root,
			encoding: 'utf8'
		}
	);
	return { status: run.status, out: run.stdout, err: run.stderr };
}

async function onSchema<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** Each table's rows, as comparable text (bytes as hex), sorted: Kysely's own tables aside. */
type Contents = Record<string, string[]>;
const asText = (row: Record<string, unknown>) =>
	JSON.stringify(
		Object.keys(row)
			.sort()
			.map((k) => {
				const v = row[k];
				return v === null
					? null
					: v instanceof Uint8Array
						? Buffer.from(v).toString('hex')
						: String(v);
			})
	);

function sqliteContents(path: string): Contents {
	const db = new SQLite(path, { readonly: true });
	try {
		const names = (
			db.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[]
		)
			.map((r) => r.name)
			.filter((n) => !n.startsWith('kysely_') && !n.startsWith('sqlite_'));
		return Object.fromEntries(
			names
				.sort()
				.map((n) => [
					n,
					(db.prepare(`select * from "${n}"`).all() as Record<string, unknown>[]).map(asText).sort()
				])
		);
	} finally {
		db.close();
	}
}

function postgresContents(url: string): Promise<Contents> {
	return onSchema(url, async (c) => {
		const { rows } = await c.query<{ name: string }>(
			`select table_name as name from information_schema.tables
			 where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely\\_%'`
		);
		const contents: Contents = {};
		for (const { name } of rows.sort((a, b) => a.name.localeCompare(b.name)))
			contents[name] = (await c.query(`select * from "${name}"`)).rows.map(asText).sort();
		return contents;
	});
}

const flag = (by: string) => ({
	flaggedAt: new Date().toISOString(),
	by,
	reportedAt: new Date().toISOString(),
	reportedTo: 'Deputy head (DSL)'
});

async function account(url: string, name: string) {
	const admin = new ApiClient(url);
	await admin.login(testAdmin.email, testAdmin.password);
	const email = `${name}@fieldbook.test`;
	const password = `${name}'s long enough password`;
	const made = await admin.call('POST', '/api/admin/users', {
		email,
		name,
		password,
		role: 'advisor'
	});
	expect(made.status).toBe(201);
	return { id: made.body.user.id as string, email, password };
}

let old: RunningServer;
let target: Schema;
let moved: RunningServer | undefined;
let url = '';
const others: Schema[] = [];
afterAll(async () => {
	await moved?.stop();
	await old?.dispose();
	await target?.drop();
	for (const s of others) await s.drop();
});

describe('moving a SQLite server to PostgreSQL (npm run migrate-to-postgres)', () => {
	let ann: Awaited<ReturnType<typeof account>>;
	let bob: Awaited<ReturnType<typeof account>>;
	let annTablet: Tablet;
	let bobTablet: Tablet;
	let annSession: ApiClient;
	let before: Contents;
	let logBefore: number;
	let photo: { hash: string; bytes: ArrayBuffer };
	const auditId = newId();
	const disclosure = newId();

	beforeAll(async () => {
		old = await startServer({ sqlite: true });
		url = old.url;
		ann = await account(url, 'ann');
		bob = await account(url, 'bob');
		annTablet = await Tablet.signIn(
			'move-ann',
			'a15e000000000001',
			ann,
			() => url,
			() => url
		);
		bobTablet = await Tablet.signIn(
			'move-bob',
			'b15e000000000001',
			bob,
			() => url,
			() => url
		);
		const schoolId = newId();
		await annTablet.write('school', schoolId, 'org', schoolFields('Moved Primary'));
		await annTablet.write(
			'audit',
			auditId,
			auditId,
			auditFields(schoolId, ann.id, [ann.id, bob.id])
		);
		for (let n = 0; n < 40; n++) await annTablet.note(auditId, newId(), `ann's note ${n}`);
		await annTablet.photo(auditId, 'the library corner');
		await annTablet.write('observation', disclosure, auditId, {
			...observationFields(auditId, 'a disclosure'),
			safeguarding: flag(ann.id)
		});
		expect(await annTablet.sync()).toMatchObject({ ok: true, quarantined: 0 });
		for (let n = 0; n < 20; n++) await bobTablet.note(auditId, newId(), `bob's note ${n}`);
		expect(await bobTablet.sync()).toMatchObject({ ok: true, quarantined: 0 });
		for (const t of [annTablet, bobTablet, annTablet]) await t.sync();

		// A change no one may make, kept in quarantine; a failed sign-in; ann's device key.
		const bobs = new ApiClient(url);
		await bobs.login(bob.email, bob.password);
		const stray = new FakeDevice('b15e0000000000ff');
		const elsewhere = newId();
		const forbidden = await bobs.call(
			'POST',
			'/api/sync/push',
			stray.body([
				stray.change('observation', newId(), elsewhere, observationFields(elsewhere, 'x'))
			])
		);
		expect(forbidden.body.quarantined).toHaveLength(1);
		expect((await new ApiClient(url).login(ann.email, 'not the password')).status).toBe(401);
		annSession = new ApiClient(url);
		expect((await annSession.login(ann.email, ann.password)).status).toBe(200);
		expect((await annSession.call('GET', '/api/auth/device-key')).status).toBe(200);
		const [hash] = await annTablet.photoHashes();
		const served = await fetch(`${url}/api/blobs/${hash}`, {
			headers: { cookie: annSession.cookie }
		});
		photo = { hash: hash!, bytes: await served.arrayBuffer() };
		logBefore = (await pullLog(ann, () => url)).length;

		await old.stop();
		// A one-time setup link, used: the flows above never leave one with admins set by env.
		const file = new SQLite(old.dbPath);
		file
			.prepare(
				`insert into setup_tokens (token_hash, created_at, used_at) values ('a-used-token', 1, 2)`
			)
			.run();
		file.close();
		before = sqliteContents(old.dbPath);
		target = await freshSchema();
	}, 120_000);

	it('copies every table row for row in one run, printing the counts', async () => {
		const run = move(old.dbPath, target.url);
		expect(run.err).toBe('');
		expect(run.status).toBe(0);
		const after = await postgresContents(target.url);
		// The same tables (a table a later migration adds is compared too) with the same rows.
		expect(Object.keys(after)).toEqual(Object.keys(before));
		for (const table of Object.keys(before)) {
			expect(after[table], table).toEqual(before[table]);
			expect(run.out).toMatch(new RegExp(`\\b${table} +${before[table]!.length}\\n`));
		}
		// Every table had rows to move: a table added later needs data in this test too.
		expect(Object.keys(before).filter((t) => before[t]!.length === 0)).toEqual([]);
		expect(run.out).toMatch(/one transaction/);
	});

	it('refuses a target that already holds data, and leaves it as it was', async () => {
		const held = await postgresContents(target.url);
		const again = move(old.dbPath, target.url);
		expect(again.status).toBe(1);
		expect(again.err).toMatch(/already holds data \(.*users: 3/);
		expect(again.err).toMatch(/Nothing was written/);
		expect(await postgresContents(target.url)).toEqual(held);
	});

	it('the new server: same passwords, same sessions, same photos', async () => {
		moved = await startServer({ databaseUrl: target.url });
		url = moved.url;
		expect((await new ApiClient(url).login(bob.email, bob.password)).status).toBe(200);
		expect((await new ApiClient(url).login(bob.email, 'not the password')).status).toBe(401);
		// The cookie the old server set still works on the new one.
		const me = await new ApiClient(url).call('GET', '/api/auth/me', undefined, {
			cookie: annSession.cookie
		});
		expect(me.status).toBe(200);
		expect(me.body.user.email).toBe(ann.email);
		const served = await fetch(`${url}/api/blobs/${photo.hash}`, {
			headers: { cookie: annSession.cookie }
		});
		expect(served.status).toBe(200);
		expect(Buffer.from(await served.arrayBuffer())).toEqual(Buffer.from(photo.bytes));
		expect(await pullLog(ann, () => url)).toHaveLength(logBefore);
	});

	it('devices pull on from their cursors and push on with their seqs', async () => {
		const views = await annTablet.recordValues();
		for (let n = 0; n < 3; n++) await bobTablet.note(auditId, newId(), `bob after the move ${n}`);
		expect(await bobTablet.sync()).toMatchObject({ ok: true, quarantined: 0 });
		// Ann's tablet pulls only bob's three new notes: no re-download of what it had.
		const pulls = annTablet.pulled.length;
		expect(await annTablet.sync()).toMatchObject({ ok: true, quarantined: 0 });
		expect(annTablet.pulled.slice(pulls).reduce((a, b) => a + b, 0)).toBe(3);
		expect(Object.keys(await annTablet.recordValues())).toHaveLength(Object.keys(views).length + 3);
		// And pushes on: its next seqs are accepted, after the ones the old server logged.
		for (let n = 0; n < 2; n++) await annTablet.note(auditId, newId(), `ann after the move ${n}`);
		expect(await annTablet.sync()).toMatchObject({ ok: true, quarantined: 0 });
		expect(await annTablet.waiting()).toBe(0);
		const log = await pullLog(ann, () => url);
		for (const t of [annTablet, bobTablet]) {
			const seqs = log.filter((c) => c.clientId === t.clientId).map((c) => c.seq);
			expect(seqs).toEqual(Array.from({ length: await t.lastSeq }, (_, k) => k + 1));
		}
		const serverSeqs = log.map((c) => c.serverSeq);
		expect(serverSeqs).toEqual([...serverSeqs].sort((a, b) => a - b));
		expect(new Set(serverSeqs).size).toBe(logBefore + 5);
		// Bob sees all of it but the note ann flagged as a safeguarding concern (issue 14).
		await bobTablet.sync();
		const { [disclosure]: flagged, ...unflagged } = await annTablet.recordValues();
		expect(flagged).toBeDefined();
		expect(await bobTablet.recordValues()).toEqual(unflagged);
	}, 60_000);

	it('bad input leaves the target untouched', async () => {
		const empty = await freshSchema();
		others.push(empty);
		const tables = () =>
			onSchema(
				empty.url,
				async (c) =>
					(
						await c.query(
							`select table_name from information_schema.tables where table_schema = current_schema()`
						)
					).rows.length
			);

		const missing = move('/nowhere/fieldbook.db', empty.url);
		expect(missing.status).toBe(1);
		expect(missing.err).toMatch(/No SQLite database at \/nowhere\/fieldbook.db/);
		const unreachable = move(old.dbPath, 'postgres://postgres@127.0.0.1:1/test');
		expect(unreachable.status).toBe(1);
		expect(unreachable.err).toMatch(
			/Cannot reach PostgreSQL at postgres:\/\/postgres@127.0.0.1:1\/test/
		);
		const noTarget = move(old.dbPath, '');
		expect(noTarget.status).toBe(2);
		expect(await tables()).toBe(0);

		// Halfway: the schema a server made on its first start (empty), with a table that refuses
		// every row. Tables copied before it are rolled back with it.
		const made = await openDatabase({ dbPath: '', databaseUrl: empty.url });
		await made.destroy();
		await onSchema(empty.url, (c) =>
			c.query(`alter table sessions add constraint refuse check (false)`)
		);
		const halfway = move(old.dbPath, empty.url);
		expect(halfway.status).toBe(1);
		expect(halfway.err).toMatch(/refuse/);
		const left = await postgresContents(empty.url);
		expect(left.users).toEqual([]);
		expect(left.change_log).toEqual([]);
		expect(left.sync_counters).toEqual([asText({ name: 'server_seq', value: 0 })]);
		expect(Object.values(left).flat()).toHaveLength(1);
	});
});
