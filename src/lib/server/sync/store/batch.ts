import type { DB } from '../../db';
import { lockSyncLog, yieldTurn } from '../../db/engine';

/**
 * One push batch, one transaction (DESIGN.md §3), with its lock taken before anything is read:
 * the change log's lock, so batches run one at a time on every instance sharing the database.
 * What differs between the engines (the lock, the event-loop turn) is in `db/engine.ts`.
 */
export async function inPushBatch<T>(db: DB, work: (tx: DB) => Promise<T>): Promise<T> {
	return db.transaction().execute(async (tx) => {
		await yieldTurn(tx);
		await lockSyncLog(tx);
		return work(tx);
	});
}
