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
	// Waiting (0) and refused (2); a photo refused before 2 existed may still hold 0 until unlock.
	const unsent = await db.photos.where('uploaded').anyOf(0, 2).toArray();
	const queued = unsent.filter((p) => p.uploaded === 0 && !p.refused);
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
	// Counted, not read: the badge's live query runs after every save, and reading the outbox or
	// the photos would open (and copy) every change and photo waiting, sealed, to count them
	// (issue 16). Refused photos hold uploaded 2 (older ones re-marked at unlock: photos.ts).
	const [changes, photos] = await Promise.all([
		db.outbox.count(),
		db.photos.where('uploaded').equals(0).count()
	]);
	return changes + photos;
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
