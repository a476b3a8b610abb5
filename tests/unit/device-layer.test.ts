import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createStore, get } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConflicts, resolveConflict } from '../../src/lib/client/db/conflicts';
import {
	databaseName,
	forgetDevice,
	openDevice,
	unsyncedWork,
	UnsyncedWork
} from '../../src/lib/client/db/device';
import { getMeta } from '../../src/lib/client/db/meta';
import {
	markPhoto,
	markRefusedPhotos,
	photosToUpload,
	storePhoto
} from '../../src/lib/client/db/photos';
import { newDataKey } from '../../src/lib/client/db/sealed';
import { DeviceLocked } from '../../src/lib/client/db/vault';
import { openVault } from '../../src/lib/client/lock/open-vault';
import { unsyncedCount, waiting } from '../../src/lib/client/db/sync-state';
import { InvalidWrite, writeRecords } from '../../src/lib/client/db/write';
import { syncOnce, type SyncTransport } from '../../src/lib/client/sync/engine';
import type { User } from '../../src/lib/domain/user';

import {
	newRecordId,
	SimDevice,
	twoAdvisors,
	writeAuditWithNote,
	type SimServer
} from '../helpers/sim';
import { tempDatabase } from '../helpers/temp-db';
import { unlockedVault } from '../helpers/vault';

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
let store: Awaited<ReturnType<typeof tempDatabase>>;
let server: SimServer;
let ann: User;
let bob: User;

beforeEach(async () => ({ store, server, ann, bob } = await twoAdvisors(T0)));
afterEach(() => store.close());

/** A school, an audit Ann leads with Bob as a member, and one observation, written on `device`. */
const auditWithNote = (device: SimDevice, text = 'Calm dining hall') =>
	writeAuditWithNote(device, ann.id, [ann.id, bob.id], text);

const serverLog = () => store.db.selectFrom('change_log').selectAll().execute();
const deviceOf = (sim: SimDevice) => ({ db: sim.db, clientId: sim.clientId, userId: sim.user.id });

describe('writing several patches at once', () => {
	it('writes none of them, and uses no seq, when one is invalid', async () => {
		const tablet = new SimDevice('tablet', 'a000000000000001', ann, server);
		const { noteId, auditId } = await auditWithNote(tablet);
		const before = await tablet.db.records.get(noteId);
		const write = writeRecords(tablet.db, tablet.clientId, ann.id, [
			{ type: 'observation', id: noteId, scope: auditId, fields: { text: 'Edited' } },
			{ type: 'observation', id: noteId, scope: auditId, fields: { judgement: 'excellent' } }
		]);
		await expect(write).rejects.toBeInstanceOf(InvalidWrite);
		expect(await tablet.db.records.get(noteId)).toEqual(before);
		expect(await tablet.db.outbox.count()).toBe(3);
		const next = await tablet.write({
			type: 'observation',
			id: noteId,
			scope: auditId,
			fields: { text: 'Edited' }
		});
		expect(next.seq).toBe(4);
	});
});

describe('the device of one user', () => {
	it('keeps its clientId across reopening, and never reuses it for a wiped database', async () => {
		const factory = new IDBFactory();
		const keyval = createStore(`keyval-${newRecordId()}`, 'kv');
		const first = await openDevice(
			ann.id,
			{ indexedDB: factory, IDBKeyRange },
			keyval,
			unlockedVault()
		);
		expect(first.clientId).toMatch(/^[0-9a-f]{16}$/);
		expect(await get(`clientId:${ann.id}`, keyval)).toBe(first.clientId);
		first.db.close();
		const again = await openDevice(
			ann.id,
			{ indexedDB: factory, IDBKeyRange },
			keyval,
			unlockedVault()
		);
		expect(again.clientId).toBe(first.clientId);

		// The browser evicted the database but not the key-value store: a reused clientId would
		// restart at seq 1, and the server would drop every new change as a duplicate.
		await again.db.delete();
		const wiped = await openDevice(
			ann.id,
			{ indexedDB: factory, IDBKeyRange },
			keyval,
			unlockedVault()
		);
		expect(wiped.clientId).not.toBe(first.clientId);
		expect(await get(`clientId:${ann.id}`, keyval)).toBe(wiped.clientId);

		const other = await openDevice(
			bob.id,
			{ indexedDB: factory, IDBKeyRange },
			keyval,
			unlockedVault()
		);
		expect(other.db.name).toBe(databaseName(bob.id));
		expect(other.clientId).not.toBe(wiped.clientId);
	});

	it('refuses to forget its data while a change waits, then forgets it once synced', async () => {
		const factory = new IDBFactory();
		const keyval = createStore(`keyval-${newRecordId()}`, 'kv');
		const device = await openDevice(
			ann.id,
			{ indexedDB: factory, IDBKeyRange },
			keyval,
			unlockedVault()
		);
		const sim = new SimDevice('tablet', device.clientId, ann, server);
		sim.db = device.db;
		await auditWithNote(sim);

		await expect(forgetDevice(device, keyval)).rejects.toThrow(UnsyncedWork);
		await expect(forgetDevice(device, keyval)).rejects.toThrow('3 changes have not reached');
		expect(await device.db.records.count()).toBe(3);

		expect(await sim.sync()).toMatchObject({ ok: true, pushed: 3 });
		await forgetDevice(device, keyval);
		const names = (await factory.databases()).map((d) => d.name);
		expect(names).not.toContain(databaseName(ann.id));
		expect(await get(`clientId:${ann.id}`, keyval)).toBeUndefined();
	});
});

describe('photos', () => {
	const bytes = new TextEncoder().encode('a resized, EXIF-free JPEG').buffer as ArrayBuffer;

	it('keeps one copy under its SHA-256, and uploads it before the change that names it', async () => {
		const tablet = new SimDevice('tablet', 'a000000000000001', ann, server);
		const { noteId, auditId } = await auditWithNote(tablet);
		const hash = await storePhoto(tablet.db, bytes, 'image/jpeg');
		expect(await storePhoto(tablet.db, bytes.slice(0), 'image/jpeg')).toBe(hash);
		expect(hash).toBe(createHash('sha256').update(new Uint8Array(bytes)).digest('hex'));
		expect(await tablet.db.photos.count()).toBe(1);
		await tablet.write({
			type: 'observation',
			id: noteId,
			scope: auditId,
			fields: { photoHashes: [hash] }
		});
		expect(await waiting(tablet.db)).toMatchObject({ changes: 4, photos: 1, photoBytes: 25 });
		expect(await unsyncedCount(tablet.db)).toBe(5); // the badge: counted, the same number

		const calls: string[] = [];
		const inner = tablet.transport();
		const logged: SyncTransport = {
			push: (body) => (calls.push('push'), inner.push(body)),
			pull: (since, limit) => (calls.push('pull'), inner.pull(since, limit)),
			putBlob: (h, type, b) => (calls.push(`photo ${h}`), inner.putBlob(h, type, b)),
			getBlob: (h) => (calls.push(`fetch ${h}`), inner.getBlob(h))
		};
		const outcome = await syncOnce(tablet.db, logged, tablet.clientId, () => server.now);
		expect(outcome).toMatchObject({ ok: true, photos: 1, pushed: 4 });
		expect(calls.slice(0, 2)).toEqual([`photo ${hash}`, 'push']);
		const blob = await store.db
			.selectFrom('blobs')
			.select('size')
			.where('hash', '=', hash)
			.execute();
		expect(blob).toEqual([{ size: 25 }]);
		expect(await waiting(tablet.db)).toMatchObject({ changes: 0, photos: 0, photoBytes: 0 });
		expect(await unsyncedCount(tablet.db)).toBe(0);
	});

	it('does not let a failing photo hold back the notes, and keeps a refused one for the person', async () => {
		const tablet = new SimDevice('tablet', 'a000000000000001', ann, server);
		await auditWithNote(tablet);
		const hash = await storePhoto(tablet.db, bytes, 'image/jpeg');
		const inner = tablet.transport();
		let photoStatus = 503;
		const flaky: SyncTransport = { ...inner, putBlob: async () => ({ status: photoStatus }) };

		// The server fails on the photo: the notes still go, the sync reports the failure.
		expect(await syncOnce(tablet.db, flaky, tablet.clientId)).toMatchObject({
			ok: false,
			reason: 'server-error',
			status: 503
		});
		expect(await serverLog()).toHaveLength(3);
		expect(await waiting(tablet.db)).toMatchObject({ changes: 0, photos: 1 });

		photoStatus = 400; // a hash mismatch with intact bytes here: damaged on the way, so retried
		expect(await syncOnce(tablet.db, flaky, tablet.clientId)).toMatchObject({ ok: false });
		expect(await waiting(tablet.db)).toMatchObject({ photos: 1, refusedPhotos: [] });

		photoStatus = 413; // the server will never take it: shown, not retried, not blocking
		expect(await syncOnce(tablet.db, flaky, tablet.clientId)).toMatchObject({ ok: true });
		expect(await waiting(tablet.db)).toMatchObject({
			changes: 0,
			photos: 0,
			refusedPhotos: [{ hash, reason: 'The photo is larger than the server accepts (2 MB)' }]
		});
		expect(await unsyncedCount(tablet.db)).toBe(0); // refused: shown, not counted as waiting
		expect(await unsyncedWork(tablet.db)).toBe(0); // nor does it hold back signing out
		expect(await tablet.db.photos.get(hash)).toMatchObject({ size: 25, uploaded: 2 });

		// Never sent again: the next sync offers the server nothing.
		let offered = 0;
		const counting: SyncTransport = { ...inner, putBlob: async () => (offered++, { status: 201 }) };
		expect(await syncOnce(tablet.db, counting, tablet.clientId)).toMatchObject({ ok: true });
		expect(offered).toBe(0);
	});

	it('counts for the badge the changes and photos waiting, without opening one', async () => {
		const tablet = new SimDevice('tablet', 'a000000000000001', ann, server);
		const photo = (text: string) =>
			storePhoto(tablet.db, new TextEncoder().encode(text).buffer as ArrayBuffer, 'image/jpeg');
		const sent = await photo('sent');
		const refused = await photo('refused');
		const first = await photo('first waiting');
		const second = await photo('second waiting');
		await markPhoto(tablet.db, sent);
		await markPhoto(tablet.db, refused, 'The server does not accept this kind of image');
		await auditWithNote(tablet);
		expect(await waiting(tablet.db)).toMatchObject({ changes: 3, photos: 2 });
		expect((await photosToUpload(tablet.db)).map((p) => p.hash).sort()).toEqual(
			[first, second].sort()
		);

		// Locked, no row can be opened: the badge's number is the same, from the clear index alone.
		tablet.db.vault.drop();
		await expect(waiting(tablet.db)).rejects.toBeInstanceOf(DeviceLocked);
		expect(await unsyncedCount(tablet.db)).toBe(5);
		expect(await unsyncedWork(tablet.db)).toBe(5);
	});

	it('re-marks, once at unlock, photos refused before refusals had their own mark', async () => {
		const tablet = new SimDevice('tablet', 'a000000000000001', ann, server);
		const key = await newDataKey();
		tablet.db.vault.use(key);
		const waitingHash = await storePhoto(tablet.db, bytes, 'image/jpeg');
		const refusedHash = await storePhoto(tablet.db, bytes.slice(0, 10), 'image/jpeg');
		// The old layout: refused was only the sealed reason, with uploaded left at 0.
		await tablet.db.photos.update(refusedHash, { refused: 'Too large' });
		expect(await tablet.db.photos.get(refusedHash)).toMatchObject({ uploaded: 0 });
		// Read in full, as before, it is already shown as refused and never sent.
		expect(await waiting(tablet.db)).toMatchObject({
			photos: 1,
			refusedPhotos: [{ hash: refusedHash, reason: 'Too large' }]
		});
		expect((await photosToUpload(tablet.db)).map((p) => p.hash)).toEqual([waitingHash]);

		tablet.db.vault.drop();
		await openVault(tablet.db, key); // the next unlock
		expect(await tablet.db.photos.get(refusedHash)).toMatchObject({
			uploaded: 2,
			refused: 'Too large',
			size: 10
		});
		expect(await tablet.db.photos.get(waitingHash)).toMatchObject({ uploaded: 0, size: 25 });
		expect(await unsyncedCount(tablet.db)).toBe(1);
		expect(await waiting(tablet.db)).toMatchObject({
			photos: 1,
			refusedPhotos: [{ hash: refusedHash, reason: 'Too large' }]
		});
		expect(await getMeta(tablet.db, 'refusedPhotosMarked')).toBe(true);

		// Done once: later unlocks read no photo for it (it works with the device locked).
		tablet.db.vault.drop();
		expect(await markRefusedPhotos(tablet.db)).toBe(0);
	});

	it('still unlocks when a photo row cannot be opened for the re-marking, and marks it at the next', async () => {
		const tablet = new SimDevice('tablet', 'a000000000000001', ann, server);
		const key = await newDataKey();
		tablet.db.vault.use(key);
		const refusedHash = await storePhoto(tablet.db, bytes, 'image/jpeg');
		await tablet.db.photos.update(refusedHash, { refused: 'Too large' }); // the old layout
		tablet.db.vault.drop();

		// A key that opens no row here stands in for a row that cannot be opened.
		await expect(openVault(tablet.db, await newDataKey())).resolves.toBeUndefined();
		expect(await getMeta(tablet.db, 'refusedPhotosMarked')).toBeFalsy();
		tablet.db.vault.drop();

		await openVault(tablet.db, key);
		expect(await tablet.db.photos.get(refusedHash)).toMatchObject({ uploaded: 2 });
		expect(await getMeta(tablet.db, 'refusedPhotosMarked')).toBe(true);
		expect(await unsyncedCount(tablet.db)).toBe(0);
	});
});

describe("other devices' photos", () => {
	const bytes = new TextEncoder().encode('a wall of sticky notes, photographed')
		.buffer as ArrayBuffer;

	it('arrive at the sync after their tablet uploads them, checked against their hash', async () => {
		const tablet = new SimDevice('tablet', 'a000000000000001', ann, server);
		const other = new SimDevice('other', 'a000000000000002', ann, server);
		const { noteId, auditId } = await auditWithNote(tablet);
		const hash = await storePhoto(tablet.db, bytes, 'image/jpeg');
		await tablet.write({
			type: 'observation',
			id: noteId,
			scope: auditId,
			fields: { photoHashes: [hash] }
		});
		// The photo fails to upload; the note still syncs, and reaches the other tablet first.
		const failing: SyncTransport = {
			...tablet.transport(),
			putBlob: async () => ({ status: 503 })
		};
		expect(await syncOnce(tablet.db, failing, tablet.clientId)).toMatchObject({ ok: false });
		expect(await other.sync()).toMatchObject({ ok: true, downloaded: 0 });
		expect(await other.db.photos.get(hash)).toBeUndefined();

		// Once it is on the server, the other tablet's next sync fetches it, with nothing to pull.
		expect(await tablet.sync()).toMatchObject({ ok: true, photos: 1 });
		expect(await other.sync()).toMatchObject({ ok: true, pulled: 0, downloaded: 1 });
		const held = await other.db.photos.get(hash);
		expect(new TextDecoder().decode(held!.bytes)).toBe('a wall of sticky notes, photographed');
		// Held as uploaded: the other tablet never sends it back, and nothing waits.
		expect(await waiting(other.db)).toMatchObject({ changes: 0, photos: 0 });
		expect(await other.sync()).toMatchObject({ ok: true, downloaded: 0 });
	});

	it('are refused when their bytes do not match their hash, and tried again', async () => {
		const tablet = new SimDevice('tablet', 'a000000000000001', ann, server);
		const other = new SimDevice('other', 'a000000000000002', ann, server);
		const { noteId, auditId } = await auditWithNote(tablet);
		const hash = await storePhoto(tablet.db, bytes, 'image/jpeg');
		await tablet.write({
			type: 'observation',
			id: noteId,
			scope: auditId,
			fields: { photoHashes: [hash] }
		});
		await tablet.sync();
		const damaged = new TextEncoder().encode('something else').buffer as ArrayBuffer;
		const corrupting: SyncTransport = {
			...other.transport(),
			getBlob: async () => ({ status: 200, bytes: damaged, type: 'image/jpeg' })
		};
		expect(await syncOnce(other.db, corrupting, other.clientId)).toMatchObject({
			ok: true,
			downloaded: 0
		});
		expect(await other.db.photos.get(hash)).toBeUndefined();
		expect(await other.sync()).toMatchObject({ ok: true, downloaded: 1 });
	});
});

describe('resolving a conflict', () => {
	it('shows both texts on both devices, and a merge on one converges both', async () => {
		const annTablet = new SimDevice('ann', 'a000000000000001', ann, server);
		const bobTablet = new SimDevice('bob', 'b000000000000001', bob, server);
		const { noteId, auditId } = await auditWithNote(annTablet);
		await annTablet.sync();
		await bobTablet.sync();
		const edit = (sim: SimDevice, text: string) =>
			sim.write({ type: 'observation', id: noteId, scope: auditId, fields: { text } });
		await edit(annTablet, 'Pupils queue calmly; one child alone');
		server.now += 1000;
		await edit(bobTablet, 'Lunch staff greet every pupil by name');
		for (const sim of [annTablet, bobTablet, annTablet]) await sim.sync();

		for (const sim of [annTablet, bobTablet]) {
			const open = await openConflicts(sim.db);
			expect(open).toHaveLength(1);
			expect(open[0]!.conflict.values.map((v) => [v.value, v.author])).toEqual([
				['Pupils queue calmly; one child alone', ann.id],
				['Lunch staff greet every pupil by name', bob.id]
			]);
			expect(open[0]!.record?.values.text).toBe('Lunch staff greet every pupil by name');
		}

		const merged = 'Pupils queue calmly; one child alone. Lunch staff greet every pupil by name';
		const conflictId = (await openConflicts(bobTablet.db))[0]!.conflict.id;
		await resolveConflict(deviceOf(bobTablet), conflictId, merged, server.now);
		await expect(resolveConflict(deviceOf(bobTablet), conflictId, 'again')).rejects.toThrow(
			'already resolved'
		);
		for (const sim of [bobTablet, annTablet]) await sim.sync();

		for (const sim of [annTablet, bobTablet]) {
			expect(await openConflicts(sim.db)).toEqual([]);
			expect((await sim.db.records.get(noteId))?.values.text).toBe(merged);
			expect(await sim.db.outbox.count()).toBe(0);
		}
	});
});
