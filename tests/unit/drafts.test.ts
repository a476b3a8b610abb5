import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import { dropDraft, keepDraft, readDraft } from '../../src/lib/client/db/drafts';
import { unsyncedWork } from '../../src/lib/client/db/device';
import { unlockedVault } from '../helpers/vault';

/*
 * Drafts: a form's input kept on the device as it is typed. They outlive the database being
 * closed and opened again (a reload, a crash), are replaced whole, and never reach the outbox.
 */

const open = (factory: IDBFactory) =>
	new FieldbookDatabase('fieldbook-drafts', { indexedDB: factory, IDBKeyRange }, unlockedVault());

const note = {
	text: 'A pupil helps a younger one find the nurture room.',
	judgement: 'strength',
	practiceIds: ['vision-values.sp1', 'vision-values.sp2'],
	photoHashes: ['b'.repeat(64)],
	place: 'Corridor'
};

describe('drafts on the device', () => {
	it('are back, word for word, after the database is closed and opened again', async () => {
		const factory = new IDBFactory();
		const before = open(factory);
		await keepDraft(before, 'walk:activity-1', note);
		before.close();

		const after = open(factory);
		expect(await readDraft(after, 'walk:activity-1')).toEqual(note);
		expect(await readDraft(after, 'walk:activity-2')).toBeNull();
		after.close();
	});

	it('are replaced whole by the newest, dropped once saved, and never queued to sync', async () => {
		const db = open(new IDBFactory());
		await keepDraft(db, 'walk:a', note);
		await keepDraft(db, 'walk:a', { ...note, text: 'A pupil helps.' });
		expect(await readDraft(db, 'walk:a')).toEqual({ ...note, text: 'A pupil helps.' });
		expect(await unsyncedWork(db)).toBe(0);
		await dropDraft(db, 'walk:a');
		expect(await readDraft(db, 'walk:a')).toBeNull();
		db.close();
	});

	it('open on a device that already holds version 3 data without losing a record', async () => {
		const factory = new IDBFactory();
		// The shape before drafts (version 3), as a tablet updated today holds it.
		const old = new Dexie('fieldbook-drafts', { indexedDB: factory, IDBKeyRange });
		old.version(3).stores({
			records: 'id, [type+scope], scope, values.activityId',
			outbox: 'seq',
			quarantine: 'seq',
			meta: 'key',
			photos: 'hash, uploaded'
		});
		await old.table('meta').put({ key: 'clientId', value: '9f86d081884c7d65' });
		old.close();
		const db = open(factory);
		expect(await db.meta.get('clientId')).toEqual({ key: 'clientId', value: '9f86d081884c7d65' });
		await keepDraft(db, 'obs:x', note);
		expect(await db.drafts.count()).toBe(1);
		db.close();
	});
});
