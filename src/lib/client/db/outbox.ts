import { compareHlc } from '$lib/sync/hlc';
import type { QuarantineReason } from '$lib/sync/protocol';
import type { FieldbookDatabase, OutboxEntry } from './database';
import { getMeta, setMeta } from './meta';

/*
 * The outbox as the sync engine sees it: the next batch to push, and the server's answer
 * acknowledged. The engine (client/sync/engine.ts) reaches the tables only through these.
 */

const utf8 = new TextEncoder();

/**
 * The outbox's next batch: in seq order, at most `maxChanges` changes or about `maxBytes` of
 * UTF-8; with `after`, the batch that follows the one ending at that seq.
 */
export async function nextBatch(
	db: FieldbookDatabase,
	maxChanges: number,
	maxBytes: number,
	after?: number
): Promise<OutboxEntry[]> {
	const from = after === undefined ? db.outbox.orderBy('seq') : db.outbox.where('seq').above(after);
	const entries = await from.limit(maxChanges).toArray();
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
 * `pushed` is the batch as nextBatch read it: the entries it holds are not read (and opened)
 * again; any other entry the answer covers is. Answers how many entries left the outbox.
 */
export async function acknowledgePush(
	db: FieldbookDatabase,
	lastProcessedSeq: number,
	quarantined: { seq: number; reason: QuarantineReason }[],
	now = Date.now(),
	pushed: readonly OutboxEntry[] = []
): Promise<number> {
	const known = new Map(pushed.map((entry) => [entry.seq, entry]));
	const entry = async (seq: number) => known.get(seq) ?? (await db.outbox.get(seq));
	return db.transaction('rw', [db.outbox, db.quarantine, db.meta], async () => {
		for (const q of quarantined) {
			const held = await entry(q.seq);
			if (held) {
				const at = new Date(now).toISOString();
				await db.quarantine.put({ seq: q.seq, reason: q.reason, change: held.change, at });
			}
		}
		const done = db.outbox.where('seq').belowOrEqual(lastProcessedSeq);
		// The newest stamp the server has taken from this device: a later re-stamp after
		// clock-ahead must order after it, or the re-stamped write would lose to an older one.
		// The keys say which entries go; only those not in the batch pushed are read.
		const seqs = await done.primaryKeys();
		const unread = seqs.filter((seq) => !known.has(seq));
		const gone = [
			...seqs.flatMap((seq) => known.get(seq) ?? []),
			...(unread.length > 0 ? await db.outbox.bulkGet(unread) : [])
		];
		let newest = await getMeta(db, 'maxAckedHlc');
		for (const held of gone) {
			if (held && compareHlc(held.change.hlc, newest) > 0) newest = held.change.hlc;
		}
		await setMeta(db, 'maxAckedHlc', newest);
		await done.delete();
		return seqs.length;
	});
}
