import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { applyPulled } from '../../src/lib/client/db/apply';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import { InvalidWrite, writeRecord } from '../../src/lib/client/db/write';
import { compareHlc } from '../../src/lib/sync/hlc';
import { schoolFields } from '../helpers/changes';
import { unlockedVault } from '../helpers/vault';

const clientId = '9f86d081884c7d65';
const user = '0192f0a0-7b1c-7cc3-9f2a-3c4d5e6f7a8b';
const T = Date.parse('2026-11-23T09:00:00.000Z');

/** A fresh IndexedDB per call: nothing leaks between tests. */
function freshDatabase(factory = new IDBFactory()) {
	return new FieldbookDatabase(
		'fieldbook-test',
		{ indexedDB: factory, IDBKeyRange },
		unlockedVault()
	);
}

const school = schoolFields();

describe('the one write function', () => {
	it('writes the record, stamps each field and queues one change with the next seq', async () => {
		const db = freshDatabase();
		const id = uuidv7();
		const created = await writeRecord(
			db,
			clientId,
			user,
			{ type: 'school', id, scope: 'org', fields: school },
			T
		);
		const renamed = await writeRecord(
			db,
			clientId,
			user,
			{ type: 'school', id, scope: 'org', fields: { name: 'Renamed' } },
			T
		);
		expect([created.seq, renamed.seq]).toEqual([1, 2]);
		expect(created.base).toBeNull();
		expect(renamed.base).toEqual({ name: created.hlc });
		expect(compareHlc(renamed.hlc, created.hlc)).toBe(1);
		const record = await db.records.get(id);
		expect(record?.values).toEqual({ ...school, name: 'Renamed' });
		expect(record?.hlcs.name).toBe(renamed.hlc);
		expect(record?.hlcs.urn).toBe(created.hlc);
		expect((await db.outbox.toArray()).map((e) => e.change)).toEqual([created, renamed]);
	});

	it('writes nothing at all for an invalid patch, and keeps what was saved before', async () => {
		const db = freshDatabase();
		const id = uuidv7();
		await writeRecord(db, clientId, user, { type: 'school', id, scope: 'org', fields: school }, T);
		const before = { records: await db.records.toArray(), outbox: await db.outbox.toArray() };
		await expect(
			writeRecord(
				db,
				clientId,
				user,
				{ type: 'school', id, scope: 'org', fields: { urn: '12' } },
				T
			)
		).rejects.toBeInstanceOf(InvalidWrite);
		await expect(
			writeRecord(
				db,
				clientId,
				user,
				{ type: 'school', id: uuidv7(), scope: 'org', fields: { name: 'No URN' } },
				T
			)
		).rejects.toThrow(/needs/);
		expect({ records: await db.records.toArray(), outbox: await db.outbox.toArray() }).toEqual(
			before
		);
		// The next valid write still takes seq 2: a failed write used no number.
		const next = await writeRecord(
			db,
			clientId,
			user,
			{ type: 'school', id, scope: 'org', fields: { name: 'B' } },
			T
		);
		expect(next.seq).toBe(2);
	});

	it('keeps everything across a restart of the app, and its clock never goes back', async () => {
		const factory = new IDBFactory();
		const first = freshDatabase(factory);
		const id = uuidv7();
		const a = await writeRecord(
			first,
			clientId,
			user,
			{ type: 'school', id, scope: 'org', fields: school },
			T
		);
		first.close();
		const second = freshDatabase(factory);
		// The wall clock went back an hour while the app was closed.
		const b = await writeRecord(
			second,
			clientId,
			user,
			{ type: 'school', id, scope: 'org', fields: { name: 'Later' } },
			T - 3_600_000
		);
		expect(b.seq).toBe(2);
		expect(compareHlc(b.hlc, a.hlc)).toBe(1);
		expect((await second.records.get(id))?.values.name).toBe('Later');
	});
});

describe('applying pulled changes', () => {
	it('takes newer fields only, and stores the cursor with them', async () => {
		const db = freshDatabase();
		const id = uuidv7();
		const mine = await writeRecord(
			db,
			clientId,
			user,
			{ type: 'school', id, scope: 'org', fields: school },
			T
		);
		const other = (second: number, fields: Record<string, unknown>) => ({
			clientId: 'aaaaaaaaaaaaaaaa',
			seq: second,
			type: 'school',
			recordId: id,
			scope: 'org',
			fields,
			hlc: `2026-11-23T0${second}:00:00.000Z-0000-aaaaaaaaaaaaaaaa`,
			base: null,
			serverSeq: second,
			author: 'someone'
		});
		// 08:00 is older than my 09:00 write; 10:00 is newer.
		await applyPulled(
			db,
			clientId,
			[
				other(8, { name: 'Older' }),
				{
					...other(9, {}),
					hlc: '2026-11-23T10:00:00.000Z-0000-aaaaaaaaaaaaaaaa',
					fields: { urn: '999999' }
				},
				{ ...other(7, { colour: 'x' }), type: 'spaceship' }
			],
			'3.abc',
			T
		);
		const record = await db.records.get(id);
		expect(record?.values.name).toBe(school.name);
		expect(record?.hlcs.name).toBe(mine.hlc);
		expect(record?.values.urn).toBe('999999');
		expect(record?.authors.urn).toBe('someone');
		expect(await db.records.count()).toBe(1);
		expect((await db.meta.get('cursor'))?.value).toBe('3.abc');
		// A local write after seeing a 10:00 stamp orders after it, whatever the wall clock says.
		const after = await writeRecord(
			db,
			clientId,
			user,
			{ type: 'school', id, scope: 'org', fields: { urn: '100412' } },
			T
		);
		expect(compareHlc(after.hlc, '2026-11-23T10:00:00.000Z-0000-aaaaaaaaaaaaaaaa')).toBe(1);
	});
});

describe('applying a page of pulled changes', () => {
	const remote = (recordId: string, n: number, fields: Record<string, unknown>) => ({
		clientId: 'aaaaaaaaaaaaaaaa',
		seq: n,
		type: 'school',
		recordId,
		scope: 'org',
		fields,
		hlc: `2026-11-23T10:00:00.${String(n).padStart(3, '0')}Z-0000-aaaaaaaaaaaaaaaa`,
		base: null,
		serverSeq: n,
		author: 'someone'
	});

	it('merges into exactly the records held, however many others lie between their ids', async () => {
		const db = freshDatabase();
		const ids: string[] = [];
		for (let i = 0; i < 6; i++) {
			const id = uuidv7();
			ids.push(id);
			await writeRecord(
				db,
				clientId,
				user,
				{ type: 'school', id, scope: 'org', fields: school },
				T
			);
		}
		const urn = (id: string) => db.records.get(id).then((r) => r?.values.urn);
		// Two held records with four others between them; then four held side by side and a new
		// one; then only new ones (a fresh device's page).
		await applyPulled(
			db,
			clientId,
			[remote(ids[0]!, 1, { urn: '1' }), remote(ids[5]!, 2, { urn: '2' })],
			'c1',
			T
		);
		const fresh = [uuidv7(), uuidv7()];
		await applyPulled(
			db,
			clientId,
			[
				...ids.slice(1, 5).map((id, i) => remote(id, 3 + i, { urn: `${3 + i}` })),
				remote(fresh[0]!, 7, school)
			],
			'c2',
			T
		);
		await applyPulled(db, clientId, [remote(fresh[1]!, 8, school)], 'c3', T);
		expect(await Promise.all(ids.map(urn))).toEqual(['1', '3', '4', '5', '6', '2']);
		// Each record kept its other fields, stamped by this device's write.
		for (const id of ids) expect((await db.records.get(id))?.values.name).toBe(school.name);
		expect(await db.records.count()).toBe(8);
		expect((await db.records.get(fresh[1]!))?.values.name).toBe(school.name);
	});

	it('writes nothing over a cursor that moved since the page was asked for', async () => {
		const db = freshDatabase();
		const id = uuidv7();
		expect(await applyPulled(db, clientId, [remote(id, 1, school)], 'c1', T, { since: null })).toBe(
			true
		);
		// A restore (or another tab's sync) put the cursor elsewhere meanwhile.
		expect(
			await applyPulled(db, clientId, [remote(id, 2, { urn: '2' })], 'c2', T, { since: 'c0' })
		).toBe(false);
		expect((await db.meta.get('cursor'))?.value).toBe('c1');
		expect((await db.records.get(id))?.values.urn).toBe(school.urn);
	});
});
