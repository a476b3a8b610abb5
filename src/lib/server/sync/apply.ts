import { v7 as uuidv7 } from 'uuid';
import { boundedCopy, JSON_LIMITS, jsonProblem } from '$lib/domain/json-bounds';
import { crossFieldProblem, validateChangeFields } from '$lib/sync/fields';
import { mergeChange, textFields, type FieldConflict } from '$lib/sync/merge';
import type { Change, QuarantineReason } from '$lib/sync/protocol';
import { namedPhotos } from './blobs';
import { checkRights } from './rights';
import { checkSafeguarding, trackFlag } from './safeguarding';
import { SERVER_CLIENT_ID } from './store';
import type { WorkingSet } from './working-set';

export type Applied =
	{ ok: true; conflicts: number } | { ok: false; reason: QuarantineReason; detail: string };

/**
 * Validates, checks rights, merges field by field and logs one change, in the batch's working
 * set: the record as the batch has left it so far, merged in memory with the one field rule.
 */
export async function applyChange(batch: WorkingSet, change: Change): Promise<Applied> {
	const { user } = batch;
	const existing = await batch.record(change.recordId);
	const fields = validateChangeFields(change.type, change.fields, existing === null);
	if (!fields.ok) return fields;
	const rights = await checkRights(batch, { ...change, type: fields.type }, existing);
	if (!rights.ok) return rights;
	const guarded = await checkSafeguarding(batch, fields.type, change.recordId, existing);
	if (!guarded.ok) return guarded;

	const merged = mergeChange(existing?.state ?? null, change, user.id, textFields[fields.type]);
	const values = Object.fromEntries(Object.entries(merged.state).map(([f, s]) => [f, s.value]));
	const problem = crossFieldProblem(fields.type, values);
	if (problem) return { ok: false, reason: 'invalid', detail: problem };

	batch.log(change);
	batch.save(
		change.recordId,
		{ type: fields.type, scope: change.scope },
		merged.state,
		merged.taken
	);
	await trackFlag(batch, { ...change, type: fields.type }, existing, values);
	if (fields.type === 'audit' && (merged.taken.includes('members') || !existing)) {
		batch.setMembers(change.recordId, merged.state.members!.value as string[]);
	}
	batch.namePhotos(change.scope, namedPhotos(change.fields));
	for (const conflict of merged.conflicts) {
		recordConflict(batch, fields.type, change, conflict);
	}
	return { ok: true, conflicts: merged.conflicts.length };
}

/** A conflict is a record of its own, synced like any other (DESIGN.md §3). */
function recordConflict(
	batch: WorkingSet,
	recordType: string,
	change: Change,
	conflict: FieldConflict
) {
	const id = uuidv7();
	const author = batch.user.id;
	const fields = {
		recordType,
		recordId: change.recordId,
		field: conflict.field,
		values: conflict.values,
		resolved: false
	};
	const entry = {
		clientId: SERVER_CLIENT_ID,
		seq: 0,
		type: 'conflict',
		recordId: id,
		scope: change.scope,
		fields,
		hlc: change.hlc
	};
	batch.log(entry);
	const state = Object.fromEntries(
		Object.entries(fields).map(([field, value]) => [field, { value, hlc: change.hlc, author }])
	);
	batch.save(id, { type: 'conflict', scope: change.scope }, state, Object.keys(state));
}

/**
 * Keeps a change that can never be applied, with its reason: never dropped. It is kept whole
 * when it is within bounds; otherwise as a bounded copy (cut texts and lists, deep levels
 * replaced by "…"), which can always be written out again, so quarantining never fails.
 */
export function quarantineChange(
	batch: WorkingSet,
	clientId: string,
	seq: number,
	raw: unknown,
	why: { reason: QuarantineReason; detail: string }
) {
	batch.quarantine({
		clientId,
		seq,
		author: batch.user.id,
		reason: why.reason,
		detail: why.detail,
		changeJson: JSON.stringify(
			jsonProblem(raw, JSON_LIMITS.change) === null ? raw : boundedCopy(raw)
		),
		receivedAt: batch.now
	});
}
