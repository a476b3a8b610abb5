import 'fake-indexeddb/auto'; // idb-keyval's stores; each browser's database gets its own factory
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createStore, get, type UseStore } from 'idb-keyval';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	exportBackup,
	restoreBackup,
	RestoreRefused,
	UnreadableBackup
} from '../../src/lib/client/db/backup';
import { openDevice, type Device } from '../../src/lib/client/db/device';
import { getMetas } from '../../src/lib/client/db/meta';
import { markPhoto, storePhoto } from '../../src/lib/client/db/photos';
import { unsyncedCount, waiting } from '../../src/lib/client/db/sync-state';
import type { User } from '../../src/lib/domain/user';
import { auditFields, observationFields, schoolFields } from '../helpers/changes';
import { newRecordId, SimDevice, twoAdvisors, type SimServer } from '../helpers/sim';
import { tempDatabase } from '../helpers/temp-db';
import { unlockedVault } from '../helpers/vault';

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
let store: Awaited<ReturnType<typeof tempDatabase>>;
let server: SimServer;
let ann: User;
let bob: User;

beforeAll(() => {
	// dexie-export-import reads `self` as it loads and, when done, hands an empty Blob to a
	// FileReader: both are in every browser, not in Node.
	const g = globalThis as Record<string, unknown>;
	g.self ??= globalThis;
	g.FileReader ??= class {
		onload: ((ev: { target: { result: ArrayBuffer } }) => void) | null = null;
		readAsArrayBuffer(blob: Blob) {
			void blob.arrayBuffer().then((result) => this.onload?.({ target: { result } }));
		}
	};
});

beforeEach(async () => ({ store, server, ann, bob } = await twoAdvisors(T0)));
afterEach(() => store.close());

/** A browser of its own (IndexedDB and idb-keyval) with `user` signed in. */
async function browser(user: User) {
	const factory = new IDBFactory();
	const keyval: UseStore = createStore(`keyval-${newRecordId()}`, 'kv');
	const device = await openDevice(
		user.id,
		{ indexedDB: factory, IDBKeyRange },
		keyval,
		unlockedVault()
	);
	return { device, keyval };
}

/** The sync engine on `device` against the real server handlers. */
function sim(device: Device, user: User) {
	const tablet = new SimDevice(device.userId, device.clientId, user, server);
	tablet.db = device.db;
	return tablet;
}

const jpeg = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

/** Ann's tablet: an audit with a note and a photo synced, then an edit and a photo not synced. */
async function annsTablet() {
	const { device } = await browser(ann);
	const tablet = sim(device, ann);
	const [schoolId, auditId, noteId] = [newRecordId(), newRecordId(), newRecordId()];
	await tablet.write({ type: 'school', id: schoolId, scope: 'org', fields: schoolFields() });
	const audit = auditFields(schoolId, ann.id, [ann.id]);
	await tablet.write({ type: 'audit', id: auditId, scope: auditId, fields: audit });
	const note = observationFields(newRecordId(), 'Calm dining hall');
	await tablet.write({ type: 'observation', id: noteId, scope: auditId, fields: note });
	await storePhoto(device.db, jpeg('first photo'), 'image/jpeg');
	expect(await tablet.sync()).toMatchObject({ ok: true, pushed: 3, photos: 1 });
	const edit = { text: 'Calm dining hall; staff eat with pupils' };
	await tablet.write({ type: 'observation', id: noteId, scope: auditId, fields: edit });
	const unsent = await storePhoto(device.db, jpeg('second photo'), 'image/jpeg');
	return { device, tablet, noteId, unsent };
}

const snapshot = async ({ db }: Device) => ({
	records: await db.records.toArray(),
	outbox: await db.outbox.toArray(),
	meta: await db.meta.toArray(),
	photos: await db.photos.toArray()
});

const loggedSeqs = async (clientId: string) =>
	(
		await store.db
			.selectFrom('change_log')
			.select('seq')
			.where('client_id', '=', clientId)
			.orderBy('seq')
			.execute()
	).map((row) => row.seq);

describe('backup and restore', () => {
	it('brings everything back in a fresh browser, and each change reaches the server once', async () => {
		const original = await annsTablet();
		const file = await exportBackup(original.device);

		const fresh = await browser(ann);
		expect(await sim(fresh.device, ann).sync()).toMatchObject({ ok: true, pulled: 3 });
		const summary = await restoreBackup(fresh.device, file, fresh.keyval);
		expect(summary).toEqual({ records: 3, changes: 1, photos: 2 });
		expect(fresh.device.clientId).toBe(original.device.clientId);
		expect(await get(`clientId:${ann.id}`, fresh.keyval)).toBe(original.device.clientId);
		const [before, after] = [await snapshot(original.device), await snapshot(fresh.device)];
		// The clock and the newest stamp seen never go back: those the fresh browser saw stay.
		const unclocked = (meta: { key: string; value: unknown }[]) =>
			meta
				.filter((m) => m.key !== 'maxRemoteHlc')
				.map((m) =>
					m.key === 'counters' ? { ...m, value: { ...(m.value as object), hlc: '' } } : m
				);
		expect({ ...after, meta: unclocked(after.meta) }).toEqual({
			...before,
			meta: unclocked(before.meta)
		});
		const photo = await fresh.device.db.photos.get(original.unsent);
		expect(photo?.bytes).toBeInstanceOf(ArrayBuffer);
		expect(new TextDecoder().decode(photo!.bytes)).toBe('second photo');

		// Both tablets sync: the restored one first, then the original with the same change.
		const restored = sim(fresh.device, ann);
		expect(await restored.sync()).toMatchObject({ ok: true, pushed: 1, photos: 1 });
		expect(await original.tablet.sync()).toMatchObject({ ok: true, pushed: 1 });
		expect(await loggedSeqs(original.device.clientId)).toEqual([1, 2, 3, 4]);
		expect(await store.db.selectFrom('change_log').select('seq').execute()).toHaveLength(4);
		const note = await fresh.device.db.records.get(original.noteId);
		expect(note?.values.text).toBe('Calm dining hall; staff eat with pupils');
		const blobs = await store.db.selectFrom('blobs').select('hash').execute();
		expect(blobs.map((b) => b.hash)).toContain(original.unsent);

		// The restored tablet carries on from the backup's counter.
		const next = await restored.write({
			type: 'observation',
			id: original.noteId,
			scope: note!.scope,
			fields: { judgement: 'neutral' }
		});
		expect(next.seq).toBe(5);
	});

	it('refuses a file that is not a backup, or is damaged, and changes nothing', async () => {
		const original = await annsTablet();
		const text = await (await exportBackup(original.device)).text();
		const fresh = await browser(ann);
		await sim(fresh.device, ann).sync();
		const untouched = await snapshot(fresh.device);
		const { clientId } = fresh.device;
		const secondPhoto = btoa('second photo');

		const files = [
			['not JSON at all', /not a Fieldbook backup/],
			[JSON.stringify({ notes: [] }), /not a Fieldbook backup/],
			[text.slice(0, text.length / 2), /not a Fieldbook backup/],
			[text.replace(secondPhoto, btoa('another photo')), /damaged .*photo/],
			[text.replace('"type":"observation"', '"type":"diary"'), /damaged \(records, row/],
			// A value nested thousands deep could never be written out again (issue 12).
			[
				text.replace(
					'"location":"Playground"',
					`"location":${'['.repeat(5000)}${']'.repeat(5000)}`
				),
				/damaged \(\w+, row \d+: .*nested deeper than/
			],
			[text.replace('"fieldbook-', '"notes-'), /another app/],
			[text.replace(/"databaseVersion":\d+/, '"databaseVersion":99'), /newer version/]
		] as const;
		for (const [content, message] of files) {
			const restoring = restoreBackup(fresh.device, new Blob([content]), fresh.keyval);
			await expect(restoring).rejects.toThrow(UnreadableBackup);
			await expect(restoring).rejects.toThrow(message);
		}
		expect(await snapshot(fresh.device)).toEqual(untouched);
		expect(fresh.device.clientId).toBe(clientId);
	});

	it("refuses another person's backup", async () => {
		const original = await annsTablet();
		const file = await exportBackup(original.device);
		const bobs = await browser(bob);
		const untouched = await snapshot(bobs.device);
		const restoring = restoreBackup(bobs.device, file, bobs.keyval);
		await expect(restoring).rejects.toThrow(RestoreRefused);
		await expect(restoring).rejects.toThrow('belongs to another account');
		expect(await snapshot(bobs.device)).toEqual(untouched);
	});

	it('refuses to replace changes that wait, or a browser that has written as itself', async () => {
		const original = await annsTablet();
		const file = await exportBackup(original.device);

		// Over its own unsynced work (the original tablet, say): that work would be lost.
		const untouched = await snapshot(original.device);
		await expect(restoreBackup(original.device, file)).rejects.toThrow(
			'This tablet has 2 changes not on the server yet'
		);
		expect(await snapshot(original.device)).toEqual(untouched);

		// A browser that wrote and synced under its own clientId keeps its identity.
		const other = await browser(ann);
		const tablet = sim(other.device, ann);
		await tablet.write({ type: 'school', id: newRecordId(), scope: 'org', fields: schoolFields() });
		expect(await tablet.sync()).toMatchObject({ ok: true, pushed: 1 });
		await expect(restoreBackup(other.device, file, other.keyval)).rejects.toThrow(
			'already saved work of its own'
		);
		expect(await get(`clientId:${ann.id}`, other.keyval)).toBe(other.device.clientId);
	});
});

describe('a backup made before the counters shared one meta row (database version 5)', () => {
	it('restores the seq counter and the clock from their rows of old, and the next change follows on', async () => {
		const original = await annsTablet();
		const held = await getMetas(original.device.db, ['nextSeq', 'hlc']);
		const backup = JSON.parse(await (await exportBackup(original.device)).text());
		// The file as version 5 wrote it: each counter in a row of its own.
		backup.data.databaseVersion = 5;
		for (const table of backup.data.data) {
			if (table.tableName !== 'meta') continue;
			table.rows = table.rows.flatMap((row: { key: string; value: object }) =>
				row.key === 'counters'
					? Object.entries(row.value).map(([key, value]) => ({ key, value }))
					: [row]
			);
			expect(table.rows.map((r: { key: string }) => r.key)).toContain('nextSeq');
		}
		const old = new Blob([JSON.stringify(backup)], { type: 'application/json' });

		const fresh = await browser(ann);
		expect(await restoreBackup(fresh.device, old, fresh.keyval)).toMatchObject({ changes: 1 });
		const db = fresh.device.db;
		expect(await getMetas(db, ['nextSeq', 'hlc'])).toEqual(held);
		expect(await db.meta.get('nextSeq')).toBeUndefined();
		const restored = sim(fresh.device, ann);
		await restored.write({
			type: 'school',
			id: newRecordId(),
			scope: 'org',
			fields: schoolFields()
		});
		expect(await restored.sync()).toMatchObject({ ok: true, pushed: 2 });
		expect(await loggedSeqs(original.device.clientId)).toEqual([1, 2, 3, 4, 5]);
	});
});

describe('a backup holding refused photos', () => {
	it('restores them as refused, in either layout, and the badge counts only the waiting one', async () => {
		const original = await annsTablet();
		const { db } = original.device;
		const refused = await storePhoto(db, jpeg('too large'), 'image/jpeg');
		await markPhoto(db, refused, 'The photo is larger than the server accepts (2 MB)');
		// Refused before refusals had their own mark: uploaded 0, the reason sealed inside.
		const older = await storePhoto(db, jpeg('not an image'), 'image/jpeg');
		await db.photos.update(older, { refused: 'The server does not accept this kind of image' });
		expect(await db.photos.get(older)).toMatchObject({ uploaded: 0 });
		const file = await exportBackup(original.device);

		const fresh = await browser(ann);
		expect(await restoreBackup(fresh.device, file, fresh.keyval)).toMatchObject({ photos: 4 });
		const restored = fresh.device.db;
		expect(await restored.photos.get(refused)).toMatchObject({ uploaded: 2 });
		expect(await restored.photos.get(older)).toMatchObject({
			uploaded: 2,
			refused: 'The server does not accept this kind of image'
		});
		expect(await unsyncedCount(restored)).toBe(2); // the edit and the unsent photo
		expect(await waiting(restored)).toMatchObject({ changes: 1, photos: 1 });
		expect((await waiting(restored)).refusedPhotos.map((p) => p.hash).sort()).toEqual(
			[refused, older].sort()
		);
		expect(await sim(fresh.device, ann).sync()).toMatchObject({ ok: true, photos: 1 });
		expect(await unsyncedCount(restored)).toBe(0);
	});
});

describe('a backup sealed with a passphrase', () => {
	it('holds nothing readable, restores with its passphrase, and refuses a wrong one or a changed byte, changing nothing', async () => {
		const original = await annsTablet();
		const file = await exportBackup(original.device, 'backup words here');
		const bytes = new Uint8Array(await file.arrayBuffer());
		const text = new TextDecoder('latin1').decode(bytes);
		expect(text).not.toContain('Calm dining hall');
		expect(text).not.toContain('second photo');

		const fresh = await browser(ann);
		await sim(fresh.device, ann).sync();
		const before = await snapshot(fresh.device);
		await expect(restoreBackup(fresh.device, file, fresh.keyval, 'not the words')).rejects.toThrow(
			'That passphrase does not open this backup'
		);
		const damaged = bytes.slice();
		damaged[damaged.length - 20]! ^= 1;
		await expect(
			restoreBackup(fresh.device, new Blob([damaged]), fresh.keyval, 'backup words here')
		).rejects.toThrow(UnreadableBackup);
		expect(await snapshot(fresh.device)).toEqual(before);

		const summary = await restoreBackup(fresh.device, file, fresh.keyval, 'backup words here');
		expect(summary).toEqual({ records: 3, changes: 1, photos: 2 });
		expect((await fresh.device.db.records.get(original.noteId))?.values.text).toBe(
			'Calm dining hall; staff eat with pupils'
		);
	});
});
