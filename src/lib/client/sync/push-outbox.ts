import {
	asClockAheadResponse,
	asPushResponse,
	MAX_BATCH_BYTES,
	MAX_BATCH_CHANGES,
	PROTOCOL_VERSION
} from '$lib/sync/protocol-shape';
import type { OwnWrites } from '../db/apply';
import type { FieldbookDatabase, OutboxEntry } from '../db/database';
import { acknowledgePush, nextBatch } from '../db/outbox';
import { restamp } from '../db/restamp';
import type { SyncOutcome, SyncTransport } from './engine';

/** Reads a batch: at most 500 changes or about 1 MB of UTF-8, after `after` if given. */
const readBatch = (db: FieldbookDatabase, after?: number) =>
	nextBatch(db, MAX_BATCH_CHANGES, MAX_BATCH_BYTES, after);

/**
 * Pushes everything in the outbox, one batch at a time: a batch is sent only once the answer
 * to the one before it is in, so the server meets the changes in seq order (DESIGN.md §3).
 * The device's own work is done while a batch is on its way (issue 16): the next batch is
 * read and opened then, and the answer to a batch is acknowledged while the next one travels.
 * Neither write is skipped or reordered: each acknowledgement is done before the next one
 * starts and before anything re-stamps, and one that fails fails the sync, leaving its
 * entries in the outbox; the server answers them as duplicates at the next sync.
 * Answers also what the server took of this device's changes (`own`): their echoes in the
 * pull that follows are not read back (db/apply.ts).
 */
export async function pushOutbox(
	db: FieldbookDatabase,
	transport: SyncTransport,
	clientId: string,
	now: () => number
): Promise<{ pushed: number; quarantined: number; own: OwnWrites } | SyncOutcome> {
	let pushed = 0;
	const own = new Map<number, { recordId: string; hlc: string }>();
	let quarantined = 0;
	/** The acknowledgement in progress: how many entries it took out of the outbox. */
	let acknowledging: Promise<number> = Promise.resolve(0);
	const acknowledged = async () => {
		const removed = await acknowledging;
		acknowledging = Promise.resolve(0);
		return removed;
	};
	let batch: OutboxEntry[] = await readBatch(db);
	for (let restamps = 0; batch.length > 0;) {
		const last = batch[batch.length - 1]!.seq;
		const sent = transport.push({
			protocol: PROTOCOL_VERSION,
			clientId,
			changes: batch.map((e) => e.change)
		});
		const ahead = readBatch(db, last);
		ahead.catch(() => undefined); // awaited below, or dropped when the answer asks otherwise
		let reply: Awaited<typeof sent>;
		try {
			reply = await sent;
		} finally {
			pushed += await acknowledged(); // the answer before this one, written meanwhile
		}
		if (reply.status === 401) return { ok: false, reason: 'signed-out', status: 401 };
		// The answers are checked by hand, to protocol.ts's schemas (protocol-shape.ts: no zod).
		const clockAhead = asClockAheadResponse(reply.body);
		if (reply.status === 409 && clockAhead) {
			// Nothing is acknowledged here: the 409 does not list what it quarantined, so the
			// processed changes are sent again, unchanged, and the server's answer to those
			// duplicates says which were quarantined. Only the rest are stamped anew.
			if (++restamps > 3) return { ok: false, reason: 'stalled', status: 409 };
			await ahead.catch(() => undefined);
			const offset = Date.parse(clockAhead.serverTime) - now();
			await restamp(db, clientId, offset, now(), clockAhead.lastProcessedSeq);
			batch = await readBatch(db);
			continue;
		}
		const done = asPushResponse(reply.body);
		if (reply.status !== 200 || !done)
			return { ok: false, reason: 'server-error', status: reply.status };
		quarantined += done.quarantined.length;
		const refused = new Set(done.quarantined.map((q) => q.seq));
		for (const { seq, change } of batch)
			if (seq <= done.lastProcessedSeq && !refused.has(seq))
				own.set(seq, { recordId: change.recordId, hlc: change.hlc });
		acknowledging = acknowledgePush(db, done.lastProcessedSeq, done.quarantined, now(), batch);
		if (done.lastProcessedSeq === last) {
			// What follows this batch, read while it travelled: the acknowledgement removes
			// only entries up to `last`, so it still stands.
			batch = await ahead.catch(async (error: unknown) => {
				await acknowledged();
				throw error;
			});
			continue;
		}
		// The server took less (a gap) or more (an earlier push's changes) than this batch:
		// the outbox is read again once the answer is acknowledged.
		const removed = await acknowledged();
		pushed += removed;
		if (removed === 0) return { ok: false, reason: 'stalled', status: 200 };
		batch = await readBatch(db);
	}
	pushed += await acknowledged();
	return { pushed, quarantined, own };
}
