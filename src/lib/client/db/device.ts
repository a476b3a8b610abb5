import type { DexieOptions } from 'dexie';
import { del, set, type UseStore } from 'idb-keyval';
import { FieldbookDatabase } from './database';
import { Vault } from './vault';
import { getMeta, setMeta } from './meta';
import { databaseName } from './peek';

export { databaseName } from './peek';

/** This installation as one user sees it: their own database and the clientId that goes with it. */
export interface Device {
	db: FieldbookDatabase;
	clientId: string;
	userId: string;
}

/** Refused: something on the device has not reached the server yet. */
export class UnsyncedWork extends Error {}

const clientIdKey = (userId: string) => `clientId:${userId}`;

function newClientId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(8));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Opens (or creates) the user's database and its clientId. The clientId is kept inside that
 * database, beside the seq counter, and mirrored to idb-keyval for code that must not open the
 * database: the two must live and die together. A clientId reused with a counter starting again
 * at 1 would have the server ignore every new change as a duplicate — silent loss — so a
 * database that has none (new, or wiped by the browser) always gets a fresh one.
 */
export async function openDevice(
	userId: string,
	options: DexieOptions = {},
	keyval?: UseStore,
	vault = new Vault()
): Promise<Device> {
	const db = new FieldbookDatabase(databaseName(userId), options, vault);
	await db.open();
	const clientId = await db.transaction('rw', db.meta, async () => {
		const held = await getMeta(db, 'clientId');
		if (held) return held;
		const fresh = newClientId();
		await setMeta(db, 'clientId', fresh);
		return fresh;
	});
	await set(clientIdKey(userId), clientId, keyval);
	return { db, clientId, userId };
}

/**
 * Deletes the user's data from this device after sign-out. Refused while any change or photo
 * has not reached the server (DESIGN.md §4: logging out is refused while changes wait).
 */
export async function forgetDevice(device: Device, keyval?: UseStore): Promise<void> {
	const waiting = await unsyncedWork(device.db);
	if (waiting > 0)
		throw new UnsyncedWork(
			`${waiting} ${waiting === 1 ? 'change has' : 'changes have'} not reached the server yet`
		);
	device.db.close();
	await device.db.delete();
	await del(clientIdKey(device.userId), keyval);
}

/**
 * Changes in the outbox plus photos not yet uploaded (refused photos, uploaded 2, excepted:
 * never retried). Counted by the clear index, no row opened (older refused photos are re-marked
 * at unlock: photos.ts markRefusedPhotos).
 */
export async function unsyncedWork(db: FieldbookDatabase): Promise<number> {
	const [changes, photos] = await Promise.all([
		db.outbox.count(),
		db.photos.where('uploaded').equals(0).count()
	]);
	return changes + photos;
}
