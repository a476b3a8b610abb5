import { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDialect } from '../../src/lib/server/db/dialect';
import { migratorOf, openDatabase, type Database } from '../../src/lib/server/db';
import { migrations } from '../../src/lib/server/db/migrations';
import { createUser, listUsers } from '../../src/lib/server/users';
import { tempStorage, type TempStorage } from '../helpers/temp-db';

const made: TempStorage[] = [];
afterEach(async () => {
	for (const storage of made.splice(0)) await storage.remove();
});

async function emptyStorage() {
	const storage = await tempStorage();
	made.push(storage);
	return storage.config;
}

describe('server migrations', () => {
	it('are numbered and run in order', () => {
		const names = Object.keys(migrations);
		expect(names).toEqual([...names].sort());
		expect(names.every((n) => /^\d{3}-[a-z-]+$/.test(n))).toBe(true);
	});

	it('upgrade a database made by an earlier release without losing its accounts', async () => {
		const storage = await emptyStorage();
		const old = new Kysely<Database>({ dialect: createDialect(storage) });
		const first = { '001-accounts': migrations['001-accounts']! };
		await (await migratorOf(old, first)).migrateToLatest();
		await createUser(old, {
			email: 'kept@x.org',
			name: 'Kept',
			password: 'a long enough password',
			role: 'advisor'
		});
		await old.destroy();

		const db = await openDatabase(storage);
		expect((await listUsers(db)).map((u) => u.email)).toEqual(['kept@x.org']);
		const counter = await db.selectFrom('sync_counters').selectAll().execute();
		expect(counter).toEqual([{ name: 'server_seq', value: 0 }]);
		await db.destroy();
		// Opening again runs nothing twice.
		const again = await openDatabase(storage);
		expect(await again.selectFrom('sync_counters').selectAll().execute()).toEqual(counter);
		await again.destroy();
	});

	it('let the change log hold one entry per (client, seq), and quarantine only known reasons', async () => {
		const db = await openDatabase(await emptyStorage());
		const entry = {
			server_seq: 1,
			client_id: '9f86d081884c7d65',
			seq: 1,
			author: 'u',
			type: 'school',
			record_id: 'r',
			scope: 'org',
			fields_json: '{}',
			hlc: 'h',
			base_json: null,
			received_at: 0
		};
		await db.insertInto('change_log').values(entry).execute();
		await expect(
			db
				.insertInto('change_log')
				.values({ ...entry, server_seq: 2 })
				.execute()
		).rejects.toThrow(/unique/i);
		const held = {
			client_id: 'c',
			seq: 1,
			author: 'u',
			detail: 'd',
			change_json: '{}',
			received_at: 0
		};
		await db
			.insertInto('quarantine')
			.values({ ...held, reason: 'forbidden' })
			.execute();
		await expect(
			db
				.insertInto('quarantine')
				.values({ ...held, seq: 2, reason: 'whatever' as 'invalid' })
				.execute()
		).rejects.toThrow(/check/i);
		await db.destroy();
	});
	it('bind the photos of an earlier release to the scopes their uploader named them in', async () => {
		const storage = await emptyStorage();
		const old = new Kysely<Database>({ dialect: createDialect(storage) });
		const upTo003 = Object.fromEntries(Object.entries(migrations).filter(([n]) => n < '004'));
		await (await migratorOf(old, upTo003)).migrateToLatest();
		const [own, named] = ['a'.repeat(64), 'b'.repeat(64)];
		const blob = { content_type: 'image/jpeg', bytes: new Uint8Array([1]), size: 1, created_at: 5 };
		await old
			.insertInto('blobs')
			.values([
				{ ...blob, hash: own, uploaded_by: 'ann' },
				{ ...blob, hash: named, uploaded_by: 'ann' }
			])
			.execute();
		await old
			.insertInto('records')
			.values([
				{ id: 'r1', type: 'observation', scope: 'audit-1', created_at: 1 },
				{ id: 'r2', type: 'observation', scope: 'audit-2', created_at: 1 }
			])
			.execute();
		const field = { field: 'photoHashes', hlc: 'h' };
		await old
			.insertInto('record_fields')
			.values([
				{ ...field, record_id: 'r1', value_json: JSON.stringify([own]), author: 'ann' },
				// Bob named Ann's photo in his audit: that grants his audit nothing.
				{ ...field, record_id: 'r2', value_json: JSON.stringify([own, named]), author: 'bob' }
			])
			.execute();
		await old.destroy();

		const db = await openDatabase(storage);
		expect(
			await db.selectFrom('blob_scopes').select(['hash', 'scope', 'uploaded_by']).execute()
		).toEqual([{ hash: own, scope: 'audit-1', uploaded_by: 'ann' }]);
		const uploads = await db
			.selectFrom('blob_uploads')
			.select(['hash', 'user_id'])
			.orderBy('hash')
			.execute();
		expect(uploads).toEqual([
			{ hash: own, user_id: 'ann' },
			{ hash: named, user_id: 'ann' }
		]);
		await db.destroy();
	});
});
