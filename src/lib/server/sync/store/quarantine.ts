import type { QuarantineReason } from '$lib/sync/protocol';
import type { DB } from '../../db';
import { insertRows } from './bulk';

export interface QuarantineEntry {
	clientId: string;
	seq: number;
	author: string;
	reason: QuarantineReason;
	detail: string;
	/** The change as received, or its bounded copy: always JSON that can be written out. */
	changeJson: string;
	receivedAt: number;
}

/**
 * Keeps changes that can never be applied, in multi-row statements; a second copy of the same
 * (clientId, seq) is not kept, whether it is in the database already or earlier in `entries`.
 */
export async function quarantine(db: DB, entries: QuarantineEntry[]): Promise<void> {
	const first = new Map<string, QuarantineEntry>();
	for (const e of entries)
		if (!first.has(`${e.clientId} ${e.seq}`)) first.set(`${e.clientId} ${e.seq}`, e);
	const rows = [...first.values()].map((entry) => [
		entry.clientId,
		entry.seq,
		entry.author,
		entry.reason,
		entry.detail.slice(0, 300),
		entry.changeJson,
		entry.receivedAt
	]);
	await insertRows(
		db,
		'quarantine',
		['client_id', 'seq', 'author', 'reason', 'detail', 'change_json', 'received_at'],
		rows,
		'on conflict (client_id, seq) do nothing'
	);
}

/** Why these seqs of one device were quarantined, for those that were. */
export async function quarantinedOf(db: DB, clientId: string, seqs: number[]) {
	const rows = await db
		.selectFrom('quarantine')
		.select(['seq', 'reason', 'detail'])
		.where('client_id', '=', clientId)
		.where('seq', 'in', seqs)
		.execute();
	return rows.map((r) => ({ seq: Number(r.seq), reason: r.reason, detail: r.detail }));
}
