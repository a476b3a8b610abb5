import { set, type UseStore } from 'idb-keyval';
import { compareHlc } from '$lib/sync/hlc';
import { readBackup, type BackupContents } from './backup-file';
import { isSealedBackup, openBackup, sealBackup } from './backup-seal';
import type { MetaEntry } from './database';
import { unsyncedWork, type Device } from './device';
import { getMeta, getMetas, type MetaKey } from './meta';
import { metaRowsWith, storedValueIn } from './meta-rows';
import { inCurrentLayout } from './photos';

export { UnreadableBackup } from './backup-file';

/*
 * A full local backup (DESIGN.md §5): every record, the outbox, the quarantine, the sync state
 * (clientId, seq counter, clock, cursor) and the photos, in one file. Restoring puts the backup's
 * clientId back with its outbox, so the restored changes reach the server with the seqs they
 * were written with: a change the original tablet already pushed is then a duplicate the server
 * ignores, and each change is logged once.
 */

/** The backup cannot go onto this device as it stands; nothing was changed. */
export class RestoreRefused extends Error {}

// Loaded on demand (it reads `self` as it loads, and only the backup button needs it), and
// early: the screen with the button loads it, so that a backup works even offline.
export const loadExporter = () => import('dexie-export-import');

/**
 * One file with everything on the device, read in one transaction (a consistent snapshot),
 * sealed with `passphrase` (issue 13). Without one (tests of the plain format only) it is JSON.
 */
export async function exportBackup(device: Device, passphrase?: string): Promise<Blob> {
	const { exportDB } = await loadExporter();
	const snapshot = await exportDB(device.db, { skipTables: ['keyring'] });
	const plain = new Blob([snapshot], { type: 'application/json' });
	return passphrase === undefined ? plain : sealBackup(plain, passphrase);
}

export function backupFileName(now = new Date()): string {
	const stamp = now.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
	return `fieldbook-backup-${stamp}.fieldbook`;
}

export interface RestoreSummary {
	records: number;
	/** Changes that had not reached the server when the backup was made: they sync next. */
	changes: number;
	photos: number;
}

/**
 * Puts a backup back into `device`'s database, in one transaction: all of it or, on any
 * refusal or error, none of it. Only into the same user's database, and only where doing so
 * can lose nothing and reuse no seq: no change or photo waits here, and this database has not
 * written anything under a clientId of its own (or has the backup's, and is not ahead of it).
 * Afterwards `device.clientId` is the backup's. Stop the sync runner first (see BackupRestore).
 */
export async function restoreBackup(
	device: Device,
	file: Blob,
	keyval?: UseStore,
	passphrase = ''
): Promise<RestoreSummary> {
	const { db, userId } = device;
	// A backup made before encryption is plain JSON, and is read as it is.
	const plain = (await isSealedBackup(file)) ? await openBackup(file, passphrase) : file;
	const backup = await readBackup(plain, db.verno);
	if (backup.userId !== userId)
		throw new RestoreRefused(
			'This backup belongs to another account. Sign in as the person who made it, then restore it.'
		);
	await db.transaction('rw', db.tables, async () => {
		await checkRestorable(device, backup);
		const meta = await mergedMeta(device, backup);
		await db.records.clear();
		await db.meta.clear();
		await db.records.bulkPut(backup.records);
		await db.outbox.bulkPut(backup.outbox);
		await db.quarantine.bulkPut(backup.quarantine);
		// A backup made before refused photos held uploaded 2 is brought to today's layout.
		await db.photos.bulkPut(backup.photos.map(inCurrentLayout));
		// A draft typed here since the backup is newer than the backup's: it stays.
		for (const draft of backup.drafts)
			if (!(await db.drafts.get(draft.key))) await db.drafts.put(draft);
		await db.meta.bulkPut(meta);
	});
	device.clientId = backup.clientId;
	// The mirror device.ts keeps for code that must not open the database.
	await set(`clientId:${userId}`, backup.clientId, keyval);
	return {
		records: backup.records.filter((r) => !r.deleted).length,
		changes: backup.outbox.length,
		photos: backup.photos.length
	};
}

async function checkRestorable(device: Device, backup: BackupContents) {
	const waiting = await unsyncedWork(device.db);
	if (waiting > 0)
		throw new RestoreRefused(
			`This tablet has ${waiting === 1 ? '1 change' : `${waiting} changes`} not on the server yet. ` +
				'Sync first; a restore would replace them.'
		);
	const [held, nextSeq] = await getMetas(device.db, ['clientId', 'nextSeq']);
	if (held !== backup.clientId && nextSeq > 1)
		throw new RestoreRefused(
			'This browser has already saved work of its own. Restore a backup in a browser where ' +
				'you have just signed in and written nothing.'
		);
	if (held === backup.clientId && nextSeq > backup.nextSeq)
		throw new RestoreRefused('This tablet holds newer work than the backup. Nothing to restore.');
}

/**
 * The backup's sync state, with the clock never going back: a later stamp seen here stays. In
 * today's layout, whichever the backup was made in (meta.ts: the counters in one row).
 */
async function mergedMeta(device: Device, backup: BackupContents): Promise<MetaEntry[]> {
	const set = new Map<MetaKey, unknown>();
	for (const key of ['hlc', 'maxRemoteHlc'] as const satisfies MetaKey[]) {
		const here = await getMeta(device.db, key);
		const there = storedValueIn(backup.meta, key);
		if (here && (typeof there !== 'string' || compareHlc(here, there) > 0)) set.set(key, here);
	}
	set.set('clientId', backup.clientId);
	set.set('nextSeq', backup.nextSeq);
	return metaRowsWith(backup.meta, Object.fromEntries(set));
}
