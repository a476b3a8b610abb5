import { sql } from 'kysely';
import type { Change } from '$lib/sync/protocol';
import type { DB } from '../../db';
import type { ChangeLogTable } from '../../db/schema';
import { insertRows } from './bulk';
import { chunked } from './chunks';

/** The pseudo-device that authors conflict records: it has no outbox, only log entries. */
export const SERVER_CLIENT_ID = '0000000000000000';

export type LogEntry = Omit<Change, 'base'> & { base?: Change['base'] };

/** Takes the next `count` numbers of the change log at once, inside the push batch (under its lock); returns the first. */
async function takeServerSeqs(db: DB, count: number): Promise<number> {
	const row = await db
		.updateTable('sync_counters')
		.set((eb) => ({ value: eb('value', '+', count) }))
		.where('name', '=', 'server_seq')
		.returning('value')
		.executeTakeFirstOrThrow();
	return Number(row.value) - count + 1;
}

/**
 * Appends a batch's accepted changes to the log in the order given, each with the next
 * server_seq (one counter update for all), in multi-row statements. The server's own entries
 * take their server_seq as seq.
 */
export async function appendLogs(
	db: DB,
	entries: { entry: LogEntry; author: string }[],
	now: number
) {
	if (entries.length === 0) return;
	const first = await takeServerSeqs(db, entries.length);
	const rows = entries.map(({ entry, author }, i) => [
		first + i,
		entry.clientId,
		entry.clientId === SERVER_CLIENT_ID ? first + i : entry.seq,
		author,
		entry.type,
		entry.recordId,
		entry.scope,
		JSON.stringify(entry.fields),
		entry.hlc,
		entry.base ? JSON.stringify(entry.base) : null,
		now
	]);
	await insertRows(db, 'change_log', LOG_COLUMNS, rows);
}

const LOG_COLUMNS = [
	'server_seq',
	'client_id',
	'seq',
	'author',
	'type',
	'record_id',
	'scope',
	'fields_json',
	'hlc',
	'base_json',
	'received_at'
] as const;

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

/**
 * The records that log entries after `from` in these scopes are about: what pushes that
 * committed since `from` wrote there (PostgreSQL only: see sync/working-set.ts `catchUp`).
 * Each scope is read by the (scope, server_seq) index, whatever the statistics say.
 */
export async function touchedSince(db: DB, from: number, scopes: string[]): Promise<Set<string>> {
	const touched = new Set<string>();
	for (const slice of chunked([...new Set(scopes)])) {
		const { rows } = await sql<{ record_id: string }>`
			select c.record_id
			from unnest(${slice}::text[]) as wanted (scope)
			cross join lateral (
				select record_id from change_log
				where scope = wanted.scope and server_seq > ${from} offset 0
			) as c`.execute(db);
		for (const row of rows) touched.add(row.record_id);
	}
	return touched;
}
