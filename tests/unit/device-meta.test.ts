import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import {
	clearMeta,
	getMeta,
	getMetas,
	MetaDamaged,
	metaIn,
	metaKeys,
	setMeta,
	setMetas
} from '../../src/lib/client/db/meta';
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

/** A value put straight into the table, as a damaged or older device could hold it. */
async function store(db: FieldbookDatabase, key: string, value: unknown) {
	await db.meta.put({ key, value });
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
		expect((await db.meta.get('nextSeq'))?.value).toBe(-1);
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
		expect((await db.meta.get('nextSeq'))?.value).toBe('two');
	});

	it('never stores a value of the wrong shape, and stores nothing of a set that holds one', async () => {
		const db = freshDatabase();
		await expect(setMeta(db, 'nextSeq', 0)).rejects.toThrow(TypeError);
		await expect(setMetas(db, { cursor: 'c-1', hlc: 'not a stamp' })).rejects.toThrow(TypeError);
		expect(await db.meta.count()).toBe(0);
	});
});
