import { compareHlc } from '$lib/sync/hlc';
import type { QuarantineReason } from '$lib/sync/protocol';
import type { FieldbookDatabase, OutboxEntry } from './database';
import { getMeta, setMeta } from './meta';

/*
 * The outbox as the sync engine sees it: the next batch to push, and the server's answer
 * acknowledged. The engine (client/sync/engine.ts) reaches the tables only through these.
 */

const utf8 = new TextEncoder();

/** The outbox's next batch: in seq order, at most `maxChanges` changes or about `maxBytes` of UTF-8. */
export async function nextBatch(
	db: FieldbookDatabase,
	maxChanges: number,
	maxBytes: number
): Promise<OutboxEntry[]> {
	const entries = await db.outbox.orderBy('seq').limit(maxChanges).toArray();
	let bytes = 0;
	const batch = [];
	for (const entry of entries) {
		// Bytes, not UTF-16 units: a batch of non-ASCII notes must not pass the server's 2 MB cap.
		bytes += utf8.encode(JSON.stringify(entry.change)).byteLength;
		if (batch.length > 0 && bytes > maxBytes) break;
		batch.push(entry);
	}
	return batch;
}

export async function outboxSize(db: FieldbookDatabase): Promise<number> {
	return db.outbox.count();
}

/**
 * The server's answer to a push: removes what it processed (seq ≤ `lastProcessedSeq`), keeps
 * what it quarantined, with its reason, for the person, and remembers the newest stamp it has
 * taken from this device. One transaction: a failure anywhere leaves the outbox, the
 * quarantine and the stamp as they were, and the next push sends the same changes again.
 */
export async function acknowledgePush(
	db: FieldbookDatabase,
	lastProcessedSeq: number,
	quarantined: { seq: number; reason: QuarantineReason }[],
	now = Date.now()
): Promise<void> {
	await db.transaction('rw', [db.outbox, db.quarantine, db.meta], async () => {
		for (const q of quarantined) {
			const entry = await db.outbox.get(q.seq);
			if (entry) {
				const at = new Date(now).toISOString();
				await db.quarantine.put({ seq: q.seq, reason: q.reason, change: entry.change, at });
			}
		}
		const done = db.outbox.where('seq').belowOrEqual(lastProcessedSeq);
		// The newest stamp the server has taken from this device: a later re-stamp after
		// clock-ahead must order after it, or the re-stamped write would lose to an older one.
		let newest = await getMeta(db, 'maxAckedHlc');
		await done.each((entry) => {
			if (compareHlc(entry.change.hlc, newest) > 0) newest = entry.change.hlc;
		});
		await setMeta(db, 'maxAckedHlc', newest);
		await done.delete();
	});
}
