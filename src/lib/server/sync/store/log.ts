import type { Change } from '$lib/sync/protocol';
import type { DB } from '../../db';
import type { ChangeLogTable } from '../../db/schema';

/** The pseudo-device that authors conflict records: it has no outbox, only log entries. */
export const SERVER_CLIENT_ID = '0000000000000000';

export type LogEntry = Omit<Change, 'base'> & { base?: Change['base'] };

/** The next number of the change log, taken inside the push batch (under its lock). */
async function nextServerSeq(db: DB): Promise<number> {
	const row = await db
		.updateTable('sync_counters')
		.set((eb) => ({ value: eb('value', '+', 1) }))
		.where('name', '=', 'server_seq')
		.returning('value')
		.executeTakeFirstOrThrow();
	return Number(row.value);
}

/** Appends one accepted change to the log; the server's own entries take their server_seq as seq. */
export async function appendLog(db: DB, entry: LogEntry, author: string, now: number) {
	const serverSeq = await nextServerSeq(db);
	await db
		.insertInto('change_log')
		.values({
			server_seq: serverSeq,
			client_id: entry.clientId,
			seq: entry.clientId === SERVER_CLIENT_ID ? serverSeq : entry.seq,
			author,
			type: entry.type,
			record_id: entry.recordId,
			scope: entry.scope,
			fields_json: JSON.stringify(entry.fields),
			hlc: entry.hlc,
			base_json: entry.base ? JSON.stringify(entry.base) : null,
			received_at: now
		})
		.execute();
}

/** What the log holds for these seqs of one device: to tell a replay from a reused seq. */
export async function loggedOf(db: DB, clientId: string, seqs: number[]) {
	const rows = await db
		.selectFrom('change_log')
		.select(['seq', 'record_id', 'fields_json'])
		.where('client_id', '=', clientId)
		.where('seq', 'in', seqs)
		.execute();
	return rows.map((r) => ({
		seq: Number(r.seq),
		recordId: r.record_id,
		fieldsJson: r.fields_json
	}));
}

/**
 * Up to `limit` log entries after `from` in these scopes (every scope for 'all'), in server
 * order. Takes no lock: it reads what has committed, and pushes commit in server_seq order.
 */
export async function logAfter(
	db: DB,
	from: number,
	scopes: string[] | 'all',
	limit: number
): Promise<ChangeLogTable[]> {
	let query = db
		.selectFrom('change_log')
		.selectAll()
		.where('server_seq', '>', from)
		.orderBy('server_seq')
		.limit(limit);
	if (scopes !== 'all') query = query.where('scope', 'in', scopes);
	return query.execute();
}
