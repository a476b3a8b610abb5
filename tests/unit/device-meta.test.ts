import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import {
	clearMeta,
	getMeta,
	getMetas,
	MetaDamaged,
	metaKeys,
	setMeta,
	setMetas
} from '../../src/lib/client/db/meta';
import { metaIn } from '../../src/lib/client/db/meta-rows';
import { lastAttempt } from '../../src/lib/client/db/sync-state';
import { writeRecord } from '../../src/lib/client/db/write';
import { schoolFields } from '../helpers/changes';
import { unlockedVault } from '../helpers/vault';

const clientId = '9f86d081884c7d65';
const user = '0192f0a0-7b1c-7cc3-9f2a-3c4d5e6f7a8b';
const T = Date.parse('2026-11-23T09:00:00.000Z');
const stamp = '2026-11-23T09:00:00.000Z-0000-9f86d081884c7d65';

function freshDatabase() {
	return new FieldbookDatabase(
		'fieldbook-meta',
		{ indexedDB: new IDBFactory(), IDBKeyRange },
		unlockedVault()
	);
}

const counters = ['nextSeq', 'hlc', 'clockOffsetMs'];

/**
 * A value put straight into the table, as a damaged device could hold it: the counters into
 * their one row (meta.ts), beside the others held there.
 */
async function store(db: FieldbookDatabase, key: string, value: unknown) {
	if (!counters.includes(key)) return void (await db.meta.put({ key, value }));
	const held = (await db.meta.get('counters'))?.value as object | undefined;
	await db.meta.put({ key: 'counters', value: { ...held, [key]: value } });
}

/** The value stored under `key`, as it is. */
async function held(db: FieldbookDatabase, key: string): Promise<unknown> {
	if (!counters.includes(key)) return (await db.meta.get(key))?.value;
	return ((await db.meta.get('counters'))?.value as Record<string, unknown> | undefined)?.[key];
}

describe('the typed meta table', () => {
	it('reads each absent key as its default, and gives back what was set, in the order asked', async () => {
		const db = freshDatabase();
		expect(
			await getMetas(db, ['nextSeq', 'hlc', 'cursor', 'photosWanted', 'clockOffsetMs'])
		).toEqual([1, null, null, [], 0]);
		await setMetas(db, { nextSeq: 7, hlc: stamp, cursor: 'c-12' });
		await setMeta(db, 'pupilMode', { auditId: 'a', activityId: 'b' });
		expect(await getMetas(db, ['cursor', 'nextSeq', 'hlc'])).toEqual(['c-12', 7, stamp]);
		expect(await getMeta(db, 'pupilMode')).toEqual({ auditId: 'a', activityId: 'b' });
		await clearMeta(db, 'pupilMode');
		expect(await getMeta(db, 'pupilMode')).toBeNull();
		expect(metaKeys).toContain('maxAckedHlc');
	});

	it('reads a damaged value that only informs the person as absent, not as a crash', async () => {
		const db = freshDatabase();
		await store(db, 'lastAttempt', { at: 42, ok: 'yes' });
		await store(db, 'photosWanted', ['abc', 3]);
		await store(db, 'cursor', { not: 'a cursor' });
		await store(db, 'lastSync', 'yesterday');
		await store(db, 'clockOffsetMs', 'NaN');
		expect(await lastAttempt(db)).toBeNull();
		expect(await getMetas(db, ['photosWanted', 'cursor', 'lastSync', 'clockOffsetMs'])).toEqual([
			[],
			null,
			null,
			0
		]);
	});

	it('refuses with a clear error a damaged counter, clock or pupil mode, rather than guess', async () => {
		const db = freshDatabase();
		await store(db, 'nextSeq', '12');
		await store(db, 'hlc', 'half a stamp');
		await store(db, 'pupilMode', { auditId: 3 });
		await store(db, 'clientId', 'NOT-HEX');
		for (const key of ['nextSeq', 'hlc', 'pupilMode', 'clientId'] as const) {
			const error = await getMeta(db, key).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(MetaDamaged);
			expect((error as MetaDamaged).key).toBe(key);
			expect((error as Error).message).toContain(`stored ${key} is damaged`);
		}
		expect(() => metaIn([{ key: 'nextSeq', value: 0 }], 'nextSeq')).toThrow(MetaDamaged);
		expect(metaIn([], 'nextSeq')).toBe(1);
	});

	it('writes nothing when the seq counter is damaged: no change takes a guessed seq', async () => {
		const db = freshDatabase();
		await store(db, 'nextSeq', -1);
		const id = uuidv7();
		await expect(
			writeRecord(
				db,
				clientId,
				user,
				{ type: 'school', id, scope: 'org', fields: schoolFields() },
				T
			)
		).rejects.toBeInstanceOf(MetaDamaged);
		expect(await db.records.get(id)).toBeUndefined();
		expect(await db.outbox.count()).toBe(0);
		expect(await held(db, 'nextSeq')).toBe(-1);
	});

	it('writes nothing when the seq counter is damaged after a write, when the next one is made ahead', async () => {
		const db = freshDatabase();
		const patch = () => ({
			type: 'school' as const,
			id: uuidv7(),
			scope: 'org',
			fields: schoolFields()
		});
		await writeRecord(db, clientId, user, patch(), T);
		// The tab keeps the counters it committed, and stamps the next write with them: the
		// read inside that write's transaction finds the damage, and the write is refused.
		await store(db, 'nextSeq', 'two');
		const lost = patch();
		await expect(writeRecord(db, clientId, user, lost, T + 1)).rejects.toBeInstanceOf(MetaDamaged);
		expect(await db.records.get(lost.id)).toBeUndefined();
		expect(await db.outbox.count()).toBe(1);
		expect(await held(db, 'nextSeq')).toBe('two');
	});

	it('never stores a value of the wrong shape, and stores nothing of a set that holds one', async () => {
		const db = freshDatabase();
		await expect(setMeta(db, 'nextSeq', 0)).rejects.toThrow(TypeError);
		await expect(setMetas(db, { cursor: 'c-1', hlc: 'not a stamp' })).rejects.toThrow(TypeError);
		expect(await db.meta.count()).toBe(0);
	});
});

describe('the counters in one row (database version 6)', () => {
	it('moves a device’s counters from their rows of old, as they were, damage included', async () => {
		const factory = new IDBFactory();
		// A device as version 5 left it: each counter in a row of its own.
		const old = new Dexie('fieldbook-meta', { indexedDB: factory, IDBKeyRange });
		old.version(5).stores({
			records: 'id, [type+scope], scope, activityId',
			outbox: 'seq',
			quarantine: 'seq',
			meta: 'key',
			photos: 'hash, uploaded',
			drafts: 'key',
			keyring: 'id'
		});
		await old.table('meta').bulkPut([
			{ key: 'nextSeq', value: 12 },
			{ key: 'hlc', value: stamp },
			{ key: 'clockOffsetMs', value: -600_000 },
			{ key: 'cursor', value: 'c-3' }
		]);
		old.close();
		const db = new FieldbookDatabase(
			'fieldbook-meta',
			{ indexedDB: factory, IDBKeyRange },
			unlockedVault()
		);
		expect(await getMetas(db, ['nextSeq', 'hlc', 'clockOffsetMs', 'cursor'])).toEqual([
			12,
			stamp,
			-600_000,
			'c-3'
		]);
		expect((await db.meta.toArray()).map((r) => r.key).sort()).toEqual(['counters', 'cursor']);
		const next = await writeRecord(
			db,
			clientId,
			user,
			{ type: 'school', id: uuidv7(), scope: 'org', fields: schoolFields() },
			T
		);
		expect(next.seq).toBe(12);
		expect(await getMetas(db, ['nextSeq', 'clockOffsetMs'])).toEqual([13, -600_000]);
		db.close();

		const damaged = new Dexie('fieldbook-damaged', { indexedDB: factory, IDBKeyRange });
		damaged.version(5).stores({ meta: 'key' });
		await damaged.table('meta').put({ key: 'nextSeq', value: 'twelve' });
		damaged.close();
		const reopened = new FieldbookDatabase(
			'fieldbook-damaged',
			{ indexedDB: factory, IDBKeyRange },
			unlockedVault()
		);
		await expect(getMeta(reopened, 'nextSeq')).rejects.toBeInstanceOf(MetaDamaged);
		reopened.close();
	});

	it('sets one counter keeping the others, and reads a backup’s rows in either layout', async () => {
		const db = freshDatabase();
		await setMetas(db, { nextSeq: 4, clockOffsetMs: 250 });
		await setMeta(db, 'hlc', stamp);
		await clearMeta(db, 'clockOffsetMs');
		expect(await getMetas(db, ['nextSeq', 'hlc', 'clockOffsetMs'])).toEqual([4, stamp, 0]);
		expect(await db.meta.count()).toBe(1);
		expect(metaIn([{ key: 'counters', value: { nextSeq: 5, hlc: stamp } }], 'nextSeq')).toBe(5);
		expect(metaIn([{ key: 'nextSeq', value: 4 }], 'nextSeq')).toBe(4);
		expect(() => metaIn([{ key: 'counters', value: 'lost' }], 'hlc')).toThrow(MetaDamaged);
	});
});
