import 'fake-indexeddb/auto'; // Dexie's live queries, told of the commit, re-read through it
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { liveQuery } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { applyPulled } from '../../src/lib/client/db/apply';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import { getMeta, MetaDamaged } from '../../src/lib/client/db/meta';
import { pullPathCounts } from '../../src/lib/client/db/pull-ahead';
import { writePathCounts, writeRecord } from '../../src/lib/client/db/write';
import { syncOnce, type SyncTransport } from '../../src/lib/client/sync/engine';
import { compareHlc } from '../../src/lib/sync/hlc';
import { schoolFields } from '../helpers/changes';
import { unlockedVault } from '../helpers/vault';

/*
 * A page of records this device does not hold is sealed before its transaction and written on
 * IndexedDB itself (pull-ahead.ts, issue 16: the second device of the day sync). It must keep
 * every rule of the usual way: the cursor with the page, the clock in the counters row, live
 * queries told, nothing over a moved cursor or a damaged clock.
 */

const clientId = '9f86d081884c7d65';
const user = '0192f0a0-7b1c-7cc3-9f2a-3c4d5e6f7a8b';
const T = Date.parse('2026-11-27T09:00:00.000Z');

const freshDatabase = () =>
	new FieldbookDatabase(
		'fieldbook-test',
		{ indexedDB: new IDBFactory(), IDBKeyRange },
		unlockedVault()
	);

const stampAt = (n: number) =>
	`2026-11-27T10:00:00.${String(n).padStart(3, '0')}Z-0000-aaaaaaaaaaaaaaaa`;

const remote = (recordId: string, n: number, fields: Record<string, unknown>, type = 'school') => ({
	clientId: 'aaaaaaaaaaaaaaaa',
	seq: n,
	type,
	recordId,
	scope: 'org',
	fields,
	hlc: stampAt(n),
	base: null,
	serverSeq: n,
	author: 'someone'
});

/** The row as IndexedDB holds it. */
function rawRow(db: FieldbookDatabase, table: string, key: string): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const get = db.backendDB().transaction(table).objectStore(table).get(key);
		get.onsuccess = () => resolve(get.result);
		get.onerror = () => reject(get.error);
	});
}

describe('a pulled page of records the device does not hold', () => {
	it('is stored sealed, with its cursor and the clock in the counters row, the fast way', async () => {
		const db = freshDatabase();
		const [a, b] = [uuidv7(), uuidv7()];
		const before = { ...pullPathCounts };
		const page = [
			remote(a, 1, schoolFields('First')),
			remote(a, 2, { name: 'First, renamed' }),
			remote(b, 3, schoolFields('Second')),
			remote(uuidv7(), 4, { colour: 'x' }, 'spaceship')
		];
		expect(await applyPulled(db, clientId, page, 'c1', T, { since: null })).toBe(true);
		expect(pullPathCounts.ahead - before.ahead).toBe(1);
		expect(pullPathCounts.read - before.read).toBe(0);

		expect((await db.records.get(a))?.values.name).toBe('First, renamed');
		expect((await db.records.get(a))?.hlcs.name).toBe(stampAt(2));
		expect((await db.records.get(b))?.authors.name).toBe('someone');
		expect(await db.records.count()).toBe(2);
		// At rest the content is sealed; only the indexed fields are in the clear.
		const raw = (await rawRow(db, 'records', a)) as Record<string, unknown>;
		expect(raw).toHaveProperty('sealed');
		expect(raw).not.toHaveProperty('values');

		expect(await getMeta(db, 'cursor')).toBe('c1');
		expect(await getMeta(db, 'maxRemoteHlc')).toBe(stampAt(4));
		// The clock took in the newest stamp of a type this app knows (a spaceship's is not its).
		const hlc = await getMeta(db, 'hlc');
		expect(compareHlc(hlc!, stampAt(3))).toBe(1);
		expect(compareHlc(hlc!, stampAt(4))).toBe(-1);
		// The clock lives in the one counters row, never in a row of its own.
		expect(await db.meta.get('hlc')).toBeUndefined();
		expect(await rawRow(db, 'meta', 'counters')).toMatchObject({ value: { hlc } });
		db.close();
	});

	it('reaches a live query reading the records', async () => {
		const db = freshDatabase();
		const seen: string[][] = [];
		const names = liveQuery(() => db.records.toArray()).subscribe((rows) =>
			seen.push(rows.map((r) => String(r.values.name)))
		);
		try {
			await expect.poll(() => seen.length).toBe(1);
			await applyPulled(db, clientId, [remote(uuidv7(), 1, schoolFields('Pulled'))], 'c1', T);
			await expect.poll(() => seen.at(-1)).toEqual(['Pulled']);
		} finally {
			names.unsubscribe();
			db.close();
		}
	});

	it('leaves the next save on its fast way, stamped after the page', async () => {
		const db = freshDatabase();
		const school = (name: string) => ({
			type: 'school' as const,
			id: uuidv7(),
			scope: 'org',
			fields: schoolFields(name)
		});
		await writeRecord(db, clientId, user, school('Mine'), T);
		await applyPulled(db, clientId, [remote(uuidv7(), 1, schoolFields('Pulled'))], 'c1', T);
		const before = { ...writePathCounts };
		const after = await writeRecord(db, clientId, user, school('Mine again'), T + 1);
		expect(writePathCounts.ahead - before.ahead).toBe(1);
		expect(writePathCounts.retried - before.retried).toBe(0);
		expect(after.seq).toBe(2);
		expect(compareHlc(after.hlc, stampAt(1))).toBe(1);
		db.close();
	});

	it('writes nothing over a cursor that moved since the page was asked for', async () => {
		const db = freshDatabase();
		const before = { ...pullPathCounts };
		const page = [remote(uuidv7(), 1, schoolFields('Late'))];
		expect(await applyPulled(db, clientId, page, 'c2', T, { since: 'c1' })).toBe(false);
		expect(pullPathCounts).toEqual(before);
		expect(await db.records.count()).toBe(0);
		expect(await getMeta(db, 'cursor')).toBeNull();
		expect(await getMeta(db, 'hlc')).toBeNull();
		db.close();
	});

	it('writes nothing over a damaged clock', async () => {
		const db = freshDatabase();
		await db.meta.put({ key: 'counters', value: { nextSeq: 1, hlc: 42 } });
		const page = [remote(uuidv7(), 1, schoolFields('Lost?'))];
		await expect(applyPulled(db, clientId, page, 'c1', T)).rejects.toThrow(MetaDamaged);
		expect(await db.records.count()).toBe(0);
		expect(await getMeta(db, 'cursor')).toBeNull();
		db.close();
	});

	it('takes the usual way when the page names a record the device holds', async () => {
		const db = freshDatabase();
		const held = uuidv7();
		await applyPulled(db, clientId, [remote(held, 1, schoolFields('Held'))], 'c1', T);
		const before = { ...pullPathCounts };
		const page = [remote(uuidv7(), 2, schoolFields('New')), remote(held, 3, { name: 'Renamed' })];
		expect(await applyPulled(db, clientId, page, 'c2', T, { since: 'c1' })).toBe(true);
		expect(pullPathCounts.read - before.read).toBe(1);
		expect(pullPathCounts.ahead - before.ahead).toBe(0);
		expect((await db.records.get(held))?.values).toMatchObject({
			...schoolFields('Held'),
			name: 'Renamed'
		});
		expect(await db.records.count()).toBe(2);
		expect(await getMeta(db, 'cursor')).toBe('c2');
		db.close();
	});
});

/**
 * The server's pages by the cursor they are asked from; `before(since)` runs as a page is asked
 * for, before it is answered.
 */
function pagesTransport(
	pages: Record<string, { changes: ReturnType<typeof remote>[]; cursor: string; more: boolean }>,
	before: (since: string | null) => Promise<void> = async () => {}
): SyncTransport {
	const refuse = () => Promise.reject(new Error('not in this test'));
	return {
		push: refuse,
		putBlob: refuse,
		getBlob: refuse,
		async pull(since) {
			await before(since);
			return { status: 200, body: { ...pages[since ?? '']!, revokedScopes: [] } };
		}
	};
}

describe('a pull of several pages of new records', () => {
	it('seals the next page while one commits, and stores every record of both', async () => {
		const db = freshDatabase();
		const first = [uuidv7(), uuidv7()];
		const second = [uuidv7(), uuidv7()];
		const transport = pagesTransport({
			'': {
				changes: first.map((id, i) => remote(id, i + 1, schoolFields(`A${i}`))),
				cursor: 'c1',
				more: true
			},
			c1: {
				changes: second.map((id, i) => remote(id, i + 3, schoolFields(`B${i}`))),
				cursor: 'c2',
				more: false
			}
		});
		const before = { ...pullPathCounts };
		expect(await syncOnce(db, transport, clientId, () => T)).toMatchObject({ ok: true, pulled: 4 });
		expect(pullPathCounts.ahead - before.ahead).toBe(2);
		expect(pullPathCounts.early - before.early).toBe(1);
		expect((await db.records.bulkGet([...first, ...second])).map((r) => r?.values.name)).toEqual([
			'A0',
			'A1',
			'B0',
			'B1'
		]);
		expect(await getMeta(db, 'cursor')).toBe('c2');
		expect(await getMeta(db, 'maxRemoteHlc')).toBe(stampAt(4));
		const raw = (await rawRow(db, 'records', second[1]!)) as Record<string, unknown>;
		expect(raw).toHaveProperty('sealed');
		expect(raw).not.toHaveProperty('values');
		db.close();
	});

	it('merges a record the page before stored: the next page takes the usual way', async () => {
		const db = freshDatabase();
		const id = uuidv7();
		const transport = pagesTransport({
			'': { changes: [remote(id, 1, schoolFields('Old'))], cursor: 'c1', more: true },
			c1: {
				changes: [remote(id, 2, { name: 'New' }), remote(uuidv7(), 3, schoolFields('B'))],
				cursor: 'c2',
				more: false
			}
		});
		const before = { ...pullPathCounts };
		expect(await syncOnce(db, transport, clientId, () => T)).toMatchObject({ ok: true, pulled: 3 });
		expect(pullPathCounts.early - before.early).toBe(0);
		expect(pullPathCounts.read - before.read).toBe(1);
		expect((await db.records.get(id))?.values).toMatchObject({
			...schoolFields('Old'),
			name: 'New'
		});
		expect((await db.records.get(id))?.hlcs.name).toBe(stampAt(2));
		expect(await db.records.count()).toBe(2);
		expect(await getMeta(db, 'cursor')).toBe('c2');
		db.close();
	});

	it('writes nothing of a page sealed ahead once the cursor moved under the pull', async () => {
		const db = freshDatabase();
		const late = uuidv7();
		const transport = pagesTransport(
			{
				'': { changes: [remote(uuidv7(), 1, schoolFields('A'))], cursor: 'c1', more: true },
				c1: { changes: [remote(late, 2, schoolFields('Late'))], cursor: 'c2', more: false }
			},
			async (since) => {
				if (since !== 'c1') return;
				// Another tab's sync (or a restore) moves the cursor once the first page is in.
				await expect.poll(() => getMeta(db, 'cursor')).toBe('c1');
				await db.meta.put({ key: 'cursor', value: 'elsewhere' });
			}
		);
		expect(await syncOnce(db, transport, clientId, () => T)).toEqual({
			ok: false,
			reason: 'stalled'
		});
		expect(await db.records.get(late)).toBeUndefined();
		expect(await db.records.count()).toBe(1);
		expect(await getMeta(db, 'cursor')).toBe('elsewhere');
		db.close();
	});
});
