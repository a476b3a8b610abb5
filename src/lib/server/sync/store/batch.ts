import type { DB } from '../../db';
import { lockSyncLog, yieldTurn } from '../../db/engine';

/**
 * One push batch, one transaction (DESIGN.md §3). `read` runs first, without the log's lock:
 * what the batch's changes touch is read while other batches write. The lock is then taken,
 * and `work` runs under it, with what `read` returned and the log's counter as the lock found
 * it (null on SQLite, whose one connection lets nothing commit in between): `work` re-reads
 * what pushes that committed in the meantime changed, then applies and writes. Batches thus
 * still write one at a time on every instance sharing the database, but none waits for
 * another's reads. What differs between the engines is in `db/engine.ts`.
 */
export async function inPushBatch<R, T>(
	db: DB,
	read: (tx: DB) => Promise<R>,
	work: (tx: DB, read: R, position: number | null) => Promise<T>
): Promise<T> {
	return db.transaction().execute(async (tx) => {
		await yieldTurn(tx);
		const before = await read(tx);
		const position = await lockSyncLog(tx);
		return work(tx, before, position);
	});
}
