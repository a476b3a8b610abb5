import type { User } from '$lib/domain/user';
import { JSON_LIMITS, jsonProblem } from '$lib/domain/json-bounds';
import { isAheadOf } from '$lib/sync/hlc';
import { asChange } from '$lib/sync/protocol-shape';
import {
	type Change,
	changeSchema,
	changeSeqSchema,
	type PushEnvelope,
	type PushResponse,
	type QuarantineReason
} from '$lib/sync/protocol';
import type { DB } from '../db';
import { applyChange, quarantineChange } from './apply';
import { bindClient, inPushBatch, loggedOf, quarantinedOf, setLastSeq } from './store';
import { WorkingSet } from './working-set';

export type PushOutcome =
	| { status: 200; body: PushResponse }
	| { status: 409; body: { error: 'clock-ahead'; lastProcessedSeq: number; serverTime: string } }
	| { status: 403; body: { error: 'client-mismatch'; message: string } };

/**
 * One batch in ONE transaction (DESIGN.md §3): changes at or below the client's lastSeq are
 * duplicates, acknowledged and ignored; the next one is applied or quarantined, never dropped;
 * a gap stops the batch; a change stamped too far ahead stops it with clock-ahead.
 *
 * Per batch, not per change (issue 16): what the changes touch is read up front, before the
 * log's lock (and what other pushes changed meanwhile read again under it), each change is
 * taken in turn in memory (seeing what the ones before it did), and the batch's writes go out
 * in multi-row statements before it commits. Any failure rolls the whole batch back.
 */
export async function pushChanges(
	db: DB,
	user: User,
	request: PushEnvelope,
	now = Date.now()
): Promise<PushOutcome> {
	const read = (tx: DB) => WorkingSet.open(tx, user, request.changes, now);
	return inPushBatch(db, read, async (tx, batch, position) => {
		const client = await bindClient(tx, request.clientId, user.id, now);
		if (!client) {
			const message = 'This device is registered to another account';
			return { status: 403, body: { error: 'client-mismatch', message } } as const;
		}
		await batch.catchUp(position);
		let last = client.lastSeq;
		const quarantined: Quarantined[] = [];
		let conflicts = 0;
		let clockAhead = false;
		const duplicates: Duplicate[] = [];
		for (const raw of request.changes) {
			const seq = changeSeqSchema.safeParse(raw);
			if (!seq.success) break; // without a seq there is no place to keep it: stop here
			// Before anything else reads it: a value nested thousands deep breaks JSON.stringify.
			const tooBig = jsonProblem(raw, JSON_LIMITS.change);
			if (seq.data.seq <= last) {
				duplicates.push({ seq: seq.data.seq, raw, bounded: tooBig === null });
				continue;
			}
			if (seq.data.seq !== last + 1) break;
			const change = tooBig === null ? parseChange(raw) : null;
			if (change?.success && isAheadOf(change.data.hlc, now)) {
				clockAhead = true;
				break;
			}
			const applied = !change
				? ({ ok: false, reason: 'invalid', detail: tooBig ?? '' } as const)
				: !change.success
					? ({ ok: false, reason: 'invalid', detail: issueLine(change.error.issues[0]) } as const)
					: change.data.clientId !== request.clientId
						? ({ ok: false, reason: 'invalid', detail: 'clientId differs from the batch' } as const)
						: await applyChange(batch, change.data);
			if (applied.ok) conflicts += applied.conflicts;
			else {
				quarantineChange(batch, request.clientId, seq.data.seq, raw, applied);
				quarantined.push({ seq: seq.data.seq, reason: applied.reason, detail: applied.detail });
			}
			last = seq.data.seq;
		}
		const again = await quarantinedDuplicates(tx, batch, request.clientId, duplicates);
		quarantined.unshift(...again);
		await batch.flush();
		await setLastSeq(tx, request.clientId, last);
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

/**
 * `changeSchema.safeParse`, the hand check first (protocol-shape.ts, held to the schema by
 * tests/unit/protocol-shape.test.ts): zod is asked only about a change it refuses, for the
 * reason to quarantine it with.
 */
function parseChange(raw: unknown): ReturnType<typeof changeSchema.safeParse> {
	const change: Change | null = asChange(raw);
	return change ? { success: true, data: change } : changeSchema.safeParse(raw);
}

type Quarantined = { seq: number; reason: QuarantineReason; detail: string };
type Duplicate = { seq: number; raw: unknown; bounded: boolean };

/** One line for the push reply's `detail`: where the first problem is, and what it is. */
function issueLine(issue: { path: PropertyKey[]; message: string } | undefined): string {
	if (!issue) return 'Not a change';
	const where = issue.path.map(String).join('.');
	return (where ? `${where}: ${issue.message}` : issue.message).slice(0, 300);
}

const REUSED_SEQ =
	'Another copy of this device (a restored backup?) already sent a different change with this seq';

/**
 * What the duplicates in a batch answer besides "already processed":
 * - one logged as it is now is a plain replay, whatever it met since;
 * - one quarantined the first time is listed again: a retry after a lost reply must still learn
 *   it, or the device would drop the change from its outbox without ever showing it;
 * - one whose record or fields differ from the logged change is not a duplicate but a different
 *   change under a reused (clientId, seq) — two tablets writing on from one backup. It is
 *   quarantined, so that it stays visible instead of being dropped as a duplicate. (The stamp is
 *   not compared: a re-stamp after clock-ahead changes it, and a late copy of the request sent
 *   before that re-stamp is still a replay.)
 */
async function quarantinedDuplicates(
	db: DB,
	batch: WorkingSet,
	clientId: string,
	duplicates: Duplicate[]
): Promise<Quarantined[]> {
	if (duplicates.length === 0) return [];
	const seqs = duplicates.map((d) => d.seq);
	const [earlier, logged] = await Promise.all([
		quarantinedOf(db, clientId, seqs),
		loggedOf(db, clientId, seqs)
	]);
	const reasons = new Map(earlier.map((r) => [r.seq, r]));
	const contents = new Map(logged.map((r) => [r.seq, `${r.recordId} ${r.fieldsJson}`]));
	const answer: Quarantined[] = [];
	for (const { seq, raw, bounded } of duplicates) {
		const content = contents.get(seq);
		// An unbounded copy cannot be what was logged, and must not reach JSON.stringify.
		const change = bounded ? changeSchema.safeParse(raw).data : undefined;
		const same = change && content === `${change.recordId} ${JSON.stringify(change.fields)}`;
		if (content === undefined || same) {
			const earlier = content === undefined ? reasons.get(seq) : undefined;
			if (earlier) answer.push({ seq, reason: earlier.reason, detail: earlier.detail });
			continue;
		}
		const why = { reason: 'invalid', detail: REUSED_SEQ } as const;
		quarantineChange(batch, clientId, seq, raw, why);
		const earlier = reasons.get(seq);
		answer.push({
			seq,
			reason: earlier?.reason ?? 'invalid',
			detail: earlier?.detail ?? REUSED_SEQ
		});
	}
	return answer;
}
