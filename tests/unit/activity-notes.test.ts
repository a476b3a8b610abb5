import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import Dexie from 'dexie';
import { createStore } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import { openDevice, type Device } from '../../src/lib/client/db/device';
import { writeRecord } from '../../src/lib/client/db/write';
import { observationsOf, observationsOfActivity } from '../../src/lib/client/queries';
import { newRecordId } from '../helpers/sim';
import { unlockedVault } from '../helpers/vault';
import { sealInPlace } from '../../src/lib/client/db/seal-in-place';

/*
 * A capture screen's list reads one activity's notes through the `values.activityId` index
 * (issue 6: a save must not re-read every note of the audit). Same answer as filtering the
 * audit's notes, and a device made before the index opens with its notes findable.
 */

let device: Device;
let idb: IDBFactory;
const userId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const [audit, otherAudit, walk, lesson] = [
	newRecordId(),
	newRecordId(),
	newRecordId(),
	newRecordId()
];

beforeEach(async () => {
	idb = new IDBFactory();
	device = await openDevice(
		userId,
		{ indexedDB: idb, IDBKeyRange },
		createStore(`kv-${newRecordId()}`, 'kv'),
		unlockedVault()
	);
});
afterEach(() => device.db.close());

function note(activityId: string, text: string, at: string) {
	return {
		activityId,
		componentId: 'vision-values',
		text,
		practiceIds: [],
		judgement: 'neutral',
		capturedAt: at,
		location: null,
		photoHashes: [],
		deleted: false
	};
}

const write = (type: 'observation' | 'conflict', id: string, scope: string, fields: object) =>
	writeRecord(device.db, device.clientId, userId, { type, id, scope, fields: { ...fields } });

describe('observationsOfActivity', () => {
	it("lists only the activity's live notes of that audit, in capture order, conflicts marked", async () => {
		const [late, early, gone, elsewhere, stray] = [1, 2, 3, 4, 5].map(() => newRecordId()) as [
			string,
			string,
			string,
			string,
			string
		];
		await write('observation', late, audit, note(walk, 'Late', '2026-11-23T10:05:00.000Z'));
		await write('observation', early, audit, note(walk, 'Early', '2026-11-23T10:00:00.000Z'));
		await write('observation', gone, audit, {
			...note(walk, 'Gone', '2026-11-23T10:01:00.000Z'),
			deleted: true
		});
		await write(
			'observation',
			elsewhere,
			audit,
			note(lesson, 'Lesson', '2026-11-23T10:02:00.000Z')
		);
		// The same activity id under another audit's scope is not this audit's note.
		await write('observation', stray, otherAudit, note(walk, 'Stray', '2026-11-23T10:03:00.000Z'));
		await write('conflict', newRecordId(), audit, {
			recordType: 'observation',
			recordId: late,
			field: 'text',
			values: [
				{ value: 'Late', hlc: '2026-11-23T10:05:00.000Z-0000-aaaaaaaaaaaaaaaa', author: userId },
				{ value: 'Later', hlc: '2026-11-23T10:05:00.000Z-0000-bbbbbbbbbbbbbbbb', author: userId }
			],
			resolved: false
		});

		const notes = await observationsOfActivity(device.db, audit, walk);
		expect(notes.map((n) => [n.text, n.inConflict])).toEqual([
			['Early', false],
			['Late', true]
		]);
		const filtered = (await observationsOf(device.db, audit)).filter((n) => n.activityId === walk);
		expect(notes).toEqual(filtered);
	});

	it('finds the notes of a device whose store was made before the index', async () => {
		device.db.close();
		const name = `fieldbook-before-${newRecordId()}`;
		// Version 2 of the store, as a tablet has it before this app version.
		const old = new Dexie(name, { indexedDB: idb, IDBKeyRange });
		old.version(1).stores({
			records: 'id, [type+scope], scope',
			outbox: 'seq',
			quarantine: 'seq',
			meta: 'key'
		});
		old.version(2).stores({ photos: 'hash, uploaded' });
		const id = newRecordId();
		await old.table('records').put({
			id,
			type: 'observation',
			scope: audit,
			values: note(walk, 'Written before', '2026-11-23T09:00:00.000Z'),
			hlcs: {},
			authors: {},
			deleted: 0
		});
		old.close();

		const upgraded = new FieldbookDatabase(name, { indexedDB: idb, IDBKeyRange }, unlockedVault());
		await upgraded.open();
		await sealInPlace(upgraded); // the first unlock after the update
		const notes = await observationsOfActivity(upgraded, audit, walk);
		expect(notes.map((n) => n.text)).toEqual(['Written before']);
		upgraded.close();
	});
});
