import type { User } from '$lib/domain/user';
import { isAheadOf } from '$lib/sync/hlc';
import {
	changeSchema,
	changeSeqSchema,
	type PushEnvelope,
	type PushResponse,
	type QuarantineReason
} from '$lib/sync/protocol';
import type { DB } from '../db';
import { applyChange, quarantineChange } from './apply';

export type PushOutcome =
	| { status: 200; body: PushResponse }
	| { status: 409; body: { error: 'clock-ahead'; lastProcessedSeq: number; serverTime: string } }
	| { status: 403; body: { error: 'client-mismatch'; message: string } };

/** A clientId belongs to the user who first pushed from it; nobody else may push as it. */
async function bindClient(db: DB, clientId: string, userId: string, now: number) {
	await db
		.insertInto('sync_clients')
		.values({ client_id: clientId, user_id: userId, last_seq: 0, created_at: now })
		.onConflict((oc) => oc.column('client_id').doNothing())
		.execute();
	const client = await db
		.selectFrom('sync_clients')
		.selectAll()
		.where('client_id', '=', clientId)
		.executeTakeFirstOrThrow();
	return client.user_id === userId ? client : null;
}

/**
 * One batch in ONE transaction (DESIGN.md §3): changes at or below the client's lastSeq are
 * duplicates, acknowledged and ignored; the next one is applied or quarantined, never dropped;
 * a gap stops the batch; a change stamped too far ahead stops it with clock-ahead.
 */
export async function pushChanges(
	db: DB,
	user: User,
	request: PushEnvelope,
	now = Date.now()
): Promise<PushOutcome> {
	return db.transaction().execute(async (tx) => {
		const client = await bindClient(tx, request.clientId, user.id, now);
		if (!client) {
			const message = 'This device is registered to another account';
			return { status: 403, body: { error: 'client-mismatch', message } } as const;
		}
		let last = Number(client.last_seq);
		const quarantined: { seq: number; reason: QuarantineReason }[] = [];
		let conflicts = 0;
		let clockAhead = false;
		const duplicates: number[] = [];
		for (const raw of request.changes) {
			const seq = changeSeqSchema.safeParse(raw);
			if (!seq.success) break; // without a seq there is no place to keep it: stop here
			if (seq.data.seq <= last) {
				duplicates.push(seq.data.seq);
				continue;
			}
			if (seq.data.seq !== last + 1) break;
			const change = changeSchema.safeParse(raw);
			if (change.success && isAheadOf(change.data.hlc, now)) {
				clockAhead = true;
				break;
			}
			const applied = !change.success
				? ({ ok: false, reason: 'invalid', detail: change.error.issues[0]?.message ?? '' } as const)
				: change.data.clientId !== request.clientId
					? ({ ok: false, reason: 'invalid', detail: 'clientId differs from the batch' } as const)
					: await applyChange(tx, user, change.data, now);
			if (applied.ok) conflicts += applied.conflicts;
			else {
				await quarantineChange(tx, user, request.clientId, seq.data.seq, raw, applied, now);
				quarantined.push({ seq: seq.data.seq, reason: applied.reason });
			}
			last = seq.data.seq;
		}
		// A retry after a lost reply must still learn what was quarantined the first time, or the
		// device would drop the change from its outbox without ever showing it to the person.
		quarantined.unshift(...(await earlierQuarantines(tx, request.clientId, duplicates)));
		await tx
			.updateTable('sync_clients')
			.set({ last_seq: last })
			.where('client_id', '=', request.clientId)
			.execute();
		const serverTime = new Date(now).toISOString();
		if (clockAhead) {
			return {
				status: 409,
				body: { error: 'clock-ahead', lastProcessedSeq: last, serverTime }
			} as const;
		}
		return {
			status: 200,
			body: { lastProcessedSeq: last, quarantined, conflicts, serverTime }
		} as const;
	});
}

async function earlierQuarantines(db: DB, clientId: string, seqs: number[]) {
	if (seqs.length === 0) return [];
	const rows = await db
		.selectFrom('quarantine')
		.select(['seq', 'reason'])
		.where('client_id', '=', clientId)
		.where('seq', 'in', seqs)
		.orderBy('seq')
		.execute();
	return rows.map((r) => ({ seq: Number(r.seq), reason: r.reason }));
}
