import type { FieldbookDatabase, QuarantinedChange } from './database';
import { getMeta, setMeta, type SyncAttempt } from './meta';

export type { SyncAttempt } from './meta';

/** What waits on this device: the numbers behind the badge and the Sync page. */
export interface Waiting {
	changes: number;
	/** Records with at least one change waiting. */
	records: number;
	photos: number;
	photoBytes: number;
	/** Photos the server refused for good, with the reason. */
	refusedPhotos: { hash: string; reason: string }[];
}

export async function waiting(db: FieldbookDatabase): Promise<Waiting> {
	const outbox = await db.outbox.toArray();
	const unsent = await db.photos.where('uploaded').equals(0).toArray();
	const queued = unsent.filter((p) => !p.refused);
	return {
		changes: outbox.length,
		records: new Set(outbox.map((e) => e.change.recordId)).size,
		photos: queued.length,
		photoBytes: queued.reduce((sum, p) => sum + p.size, 0),
		refusedPhotos: unsent.flatMap((p) => (p.refused ? [{ hash: p.hash, reason: p.refused }] : []))
	};
}

/** The badge's number: changes and photos that have not reached the server. */
export async function unsyncedCount(db: FieldbookDatabase): Promise<number> {
	// Counted, not read: the badge's live query runs after every save, and reading the outbox
	// would open (and copy) every change waiting, sealed, to count them (issue 16).
	const [changes, unsent] = await Promise.all([
		db.outbox.count(),
		db.photos.where('uploaded').equals(0).toArray()
	]);
	return changes + unsent.filter((p) => !p.refused).length;
}

export async function quarantined(db: FieldbookDatabase): Promise<QuarantinedChange[]> {
	return db.quarantine.orderBy('seq').toArray();
}

export async function lastAttempt(db: FieldbookDatabase): Promise<SyncAttempt | null> {
	return getMeta(db, 'lastAttempt');
}

export async function recordAttempt(db: FieldbookDatabase, attempt: SyncAttempt) {
	await setMeta(db, 'lastAttempt', attempt);
}

/** When push and pull last both succeeded (set by the engine in the pull's last step). */
export async function lastSuccess(db: FieldbookDatabase): Promise<string | null> {
	return getMeta(db, 'lastSync');
}

/** Push and pull both succeeded: the Sync page's "last synced". */
export async function recordSuccess(db: FieldbookDatabase, now = Date.now()) {
	await setMeta(db, 'lastSync', new Date(now).toISOString());
}
