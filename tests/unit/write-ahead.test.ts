import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { liveQuery } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it, onTestFinished } from 'vitest';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import { getMeta, setMeta, setMetas } from '../../src/lib/client/db/meta';
import { writePathCounts, writeRecord } from '../../src/lib/client/db/write';
import { compareHlc } from '../../src/lib/sync/hlc';
import { schoolFields } from '../helpers/changes';
import { unlockedVault } from '../helpers/vault';

/*
 * The write path's fast way (issue 16): a tab stamps a new record with the seq and clock it last
 * committed, seals it before its transaction, and checks the guess inside that transaction.
 * These tests hold it to the rules the server depends on: no seq twice, no seq gap, and no
 * counter taken before its transaction commits.
 */

const clientId = '9f86d081884c7d65';
const user = '0192f0a0-7b1c-7cc3-9f2a-3c4d5e6f7a8b';
const T = Date.parse('2026-11-26T09:00:00.000Z');

/** One tab's database: two on one factory are two tabs of one browser profile. */
function tab(factory: IDBFactory) {
	return new FieldbookDatabase(
		'fieldbook-test',
		{ indexedDB: factory, IDBKeyRange },
		unlockedVault()
	);
}

const school = (id = uuidv7(), name?: string) => ({
	type: 'school' as const,
	id,
	scope: 'org',
	fields: schoolFields(name)
});

async function outboxSeqs(db: FieldbookDatabase) {
	return (await db.outbox.toArray()).map((e) => e.seq);
}

describe('the write path with counters kept between writes', () => {
	it('writes ahead from the second write on, and never reuses or skips a seq across two tabs', async () => {
		const factory = new IDBFactory();
		const [a, b] = [tab(factory), tab(factory)];
		const before = { ...writePathCounts };
		const changes = [];
		// Runs of writes in one tab (the fast way), and turns between tabs (each guess is stale).
		for (const [db, times] of [
			[a, 3],
			[b, 2],
			[a, 1],
			[b, 1],
			[a, 4]
		] as const)
			for (let i = 0; i < times; i++)
				changes.push(await writeRecord(db, clientId, user, school(), T + changes.length));
		expect(changes.map((c) => c.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
		for (let i = 1; i < changes.length; i++)
			expect(compareHlc(changes[i]!.hlc, changes[i - 1]!.hlc)).toBe(1);
		expect(await outboxSeqs(a)).toEqual(changes.map((c) => c.seq));
		expect(await a.records.count()).toBe(11);
		// Six writes followed one of the same tab: written ahead. Three followed the other tab's:
		// the guess was stale, the transaction aborted and the write read the counters instead.
		// (Each tab's first write has no guess: it reads.)
		expect(writePathCounts.ahead - before.ahead).toBe(6);
		expect(writePathCounts.retried - before.retried).toBe(3);
		a.close();
		b.close();
	});

	it('stamps after a clock moved by a pull, and reads a record it guessed was new', async () => {
		const factory = new IDBFactory();
		const [a, b] = [tab(factory), tab(factory)];
		await writeRecord(a, clientId, user, school(), T);
		// A pull in another tab moved the clock an hour on, without a seq.
		const pulled = `2026-11-26T10:00:00.000Z-0003-${clientId}`;
		await setMeta(b, 'hlc', pulled);
		const after = await writeRecord(a, clientId, user, school(), T + 1);
		expect(after.seq).toBe(2);
		expect(compareHlc(after.hlc, pulled)).toBe(1);
		// A whole record again under an id that exists (written by the other tab): an edit, with
		// the stamps it had seen as its base, not a second creation.
		const id = uuidv7();
		const created = await writeRecord(b, clientId, user, school(id), T + 2);
		await writeRecord(a, clientId, user, school(), T + 3);
		const edited = await writeRecord(a, clientId, user, school(id, 'Renamed'), T + 4);
		expect(edited.base).toEqual(
			Object.fromEntries(Object.keys(created.fields).map((f) => [f, created.hlc]))
		);
		expect((await a.records.get(id))?.values.name).toBe('Renamed');
		expect(await outboxSeqs(a)).toEqual([1, 2, 3, 4, 5]);
		a.close();
		b.close();
	});

	it('goes on writing ahead after this tab moved the clock itself, as its sync does after a save', async () => {
		const factory = new IDBFactory();
		const [a, b] = [tab(factory), tab(factory)];
		const first = await writeRecord(a, clientId, user, school(), T);
		const before = { ...writePathCounts };
		// This tab's sync took in a newer stamp (a pull page), and later a re-stamp moved it on.
		const pulled = `2026-11-26T10:00:00.000Z-0003-${clientId}`;
		await setMeta(a, 'hlc', pulled);
		const second = await writeRecord(a, clientId, user, school(), T + 1);
		await setMetas(a, { hlc: `2026-11-26T11:00:00.000Z-0000-${clientId}`, maxRemoteHlc: pulled });
		const third = await writeRecord(a, clientId, user, school(), T + 2);
		expect(writePathCounts.ahead - before.ahead).toBe(2);
		expect(writePathCounts.retried - before.retried).toBe(0);
		expect([first, second, third].map((c) => c.seq)).toEqual([1, 2, 3]);
		expect(compareHlc(second.hlc, pulled)).toBe(1);
		expect(compareHlc(third.hlc, `2026-11-26T11:00:00.000Z-0000-${clientId}`)).toBe(1);
		// The other tab's guess is its own: it still finds it stale, reads, and follows on.
		await writeRecord(b, clientId, user, school(), T + 3);
		const fifth = await writeRecord(a, clientId, user, school(), T + 4);
		expect(writePathCounts.retried - before.retried).toBe(1);
		expect(fifth.seq).toBe(5);
		expect(await outboxSeqs(a)).toEqual([1, 2, 3, 4, 5]);
		a.close();
		b.close();
	});

	it('loses nothing and leaves no seq gap when a write is cut off halfway, ahead or not', async () => {
		const factory = new IDBFactory();
		// Fails the outbox's write of the next write it is armed for, in IndexedDB itself (both
		// ways write there, the fast one without Dexie's tables), after the record's write was
		// asked in the same transaction: as if the tab were killed between the two.
		let armed = false;
		const add = IDBObjectStore.prototype.add;
		const put = IDBObjectStore.prototype.put;
		const cut = (write: typeof add) =>
			function (this: IDBObjectStore, ...args: Parameters<typeof add>) {
				if (this.name === 'outbox' && armed) {
					armed = false;
					throw new DOMException('killed halfway', 'UnknownError');
				}
				return write.apply(this, args);
			};
		IDBObjectStore.prototype.add = cut(add);
		IDBObjectStore.prototype.put = cut(put);
		onTestFinished(() => {
			IDBObjectStore.prototype.add = add;
			IDBObjectStore.prototype.put = put;
		});
		const db = tab(factory);
		const saved = [];
		saved.push(await writeRecord(db, clientId, user, school(), T));
		const ahead = writePathCounts.ahead;
		saved.push(await writeRecord(db, clientId, user, school(), T + 1));
		expect(writePathCounts.ahead).toBe(ahead + 1);
		for (const at of [T + 2, T + 3]) {
			// The first cut is on a write ahead, the second on one that reads first (a cut write
			// leaves no counters in memory, so the next one reads them).
			const lost = school();
			armed = true;
			await expect(writeRecord(db, clientId, user, lost, at)).rejects.toThrow('killed halfway');
			expect(await db.records.get(lost.id)).toBeUndefined();
			expect(await getMeta(db, 'nextSeq')).toBe(saved.length + 1);
			saved.push(await writeRecord(db, clientId, user, school(), at + 1));
		}
		expect(saved.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
		expect(await outboxSeqs(db)).toEqual([1, 2, 3, 4]);
		expect(await db.records.count()).toBe(4);
		// Reopened (the app restarted): every saved note is there, and the next seq follows on.
		db.close();
		const again = tab(factory);
		expect(await again.records.count()).toBe(4);
		expect((await writeRecord(again, clientId, user, school(), T + 9)).seq).toBe(5);
		again.close();
	});

	it('shows a note written ahead on a live query at once, in this tab and in another', async () => {
		const factory = new IDBFactory();
		const [a, b] = [tab(factory), tab(factory)];
		const schools = (db: FieldbookDatabase) =>
			db.records.where('[type+scope]').equals(['school', 'org']).toArray();
		const seen = { a: [] as string[][], b: [] as string[][] };
		const subscriptions = (['a', 'b'] as const).map((name) =>
			liveQuery(() => schools(name === 'a' ? a : b)).subscribe((rows) =>
				seen[name].push(rows.map((r) => String(r.values.name)))
			)
		);
		try {
			await expect.poll(() => seen.a.length + seen.b.length).toBe(2);
			const before = writePathCounts.ahead;
			for (const name of ['First', 'Second', 'Third'])
				await writeRecord(a, clientId, user, school(undefined, name), T);
			expect(writePathCounts.ahead - before).toBe(2);
			// Each save reaches the screen: the query's cached answer is dropped, not shown again.
			await expect.poll(() => seen.a.at(-1)?.length).toBe(3);
			await expect.poll(() => seen.b.at(-1)?.length).toBe(3);
			expect(seen.a.at(-1)?.sort()).toEqual(['First', 'Second', 'Third']);
		} finally {
			subscriptions.forEach((s) => s.unsubscribe());
			a.close();
			b.close();
		}
	});
});
