import type { DB } from '../../db';

export interface BoundClient {
	/** The last `seq` processed from this device: applied, or quarantined. */
	lastSeq: number;
}

/**
 * A clientId belongs to the user who first pushed from it; null when it is someone else's.
 * Inside the push batch, after its lock: an overlapping push from the same device has
 * committed its last seq before this one reads it.
 */
export async function bindClient(
	db: DB,
	clientId: string,
	userId: string,
	now: number
): Promise<BoundClient | null> {
	await db
		.insertInto('sync_clients')
		.values({ client_id: clientId, user_id: userId, last_seq: 0, created_at: now })
		.onConflict((oc) => oc.column('client_id').doNothing())
		.execute();
	const client = await db
		.selectFrom('sync_clients')
		.select(['user_id', 'last_seq'])
		.where('client_id', '=', clientId)
		.executeTakeFirstOrThrow();
	return client.user_id === userId ? { lastSeq: Number(client.last_seq) } : null;
}

export async function setLastSeq(db: DB, clientId: string, lastSeq: number): Promise<void> {
	await db
		.updateTable('sync_clients')
		.set({ last_seq: lastSeq })
		.where('client_id', '=', clientId)
		.execute();
}
