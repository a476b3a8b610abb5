import { v7 as uuidv7 } from 'uuid';
import { boundedCopy, JSON_LIMITS, jsonProblem } from '$lib/domain/json-bounds';
import type { User } from '$lib/domain/user';
import { crossFieldProblem, validateChangeFields } from '$lib/sync/fields';
import { mergeChange, textFields, type FieldConflict } from '$lib/sync/merge';
import type { Change, QuarantineReason } from '$lib/sync/protocol';
import type { DB } from '../db';
import { bindNamedPhotos, namedPhotos } from './blobs';
import { checkRights } from './rights';
import { checkSafeguarding, trackFlag } from './safeguarding';
import {
	appendLog as log,
	loadRecord,
	quarantine,
	saveFields,
	SERVER_CLIENT_ID,
	setAuditMembers
} from './store';

export type Applied =
	{ ok: true; conflicts: number } | { ok: false; reason: QuarantineReason; detail: string };

/** Validates, checks rights, merges field by field and logs one change, inside the caller's transaction. */
export async function applyChange(
	db: DB,
	user: User,
	change: Change,
	now: number
): Promise<Applied> {
	const existing = await loadRecord(db, change.recordId);
	const fields = validateChangeFields(change.type, change.fields, existing === null);
	if (!fields.ok) return fields;
	const rights = await checkRights(db, user, { ...change, type: fields.type }, existing);
	if (!rights.ok) return rights;
	const guarded = await checkSafeguarding(db, user, fields.type, change.recordId, existing);
	if (!guarded.ok) return guarded;

	const merged = mergeChange(existing?.state ?? null, change, user.id, textFields[fields.type]);
	const values = Object.fromEntries(Object.entries(merged.state).map(([f, s]) => [f, s.value]));
	const problem = crossFieldProblem(fields.type, values);
	if (problem) return { ok: false, reason: 'invalid', detail: problem };

	await log(db, change, user.id, now);
	const taken = Object.fromEntries(merged.taken.map((f) => [f, merged.state[f]!]));
	await saveFields(
		db,
		change.recordId,
		{ type: fields.type, scope: change.scope, isNew: !existing },
		taken,
		now
	);
	await trackFlag(db, user, { ...change, type: fields.type }, existing, values, now);
	if (fields.type === 'audit' && (merged.taken.includes('members') || !existing)) {
		await setAuditMembers(db, change.recordId, merged.state.members!.value as string[], now);
	}
	await bindNamedPhotos(db, user, change.scope, namedPhotos(change.fields), now);
	for (const conflict of merged.conflicts) {
		await recordConflict(db, fields.type, change, conflict, user.id, now);
	}
	return { ok: true, conflicts: merged.conflicts.length };
}

/** A conflict is a record of its own, synced like any other (DESIGN.md §3). */
async function recordConflict(
	db: DB,
	recordType: string,
	change: Change,
	conflict: FieldConflict,
	author: string,
	now: number
) {
	const id = uuidv7();
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
	await log(db, entry, author, now);
	const state = Object.fromEntries(
		Object.entries(fields).map(([field, value]) => [field, { value, hlc: change.hlc, author }])
	);
	await saveFields(db, id, { type: 'conflict', scope: change.scope, isNew: true }, state, now);
}

/**
 * Keeps a change that can never be applied, with its reason: never dropped. It is kept whole
 * when it is within bounds; otherwise as a bounded copy (cut texts and lists, deep levels
 * replaced by "…"), which can always be written out again, so quarantining never fails.
 */
export async function quarantineChange(
	db: DB,
	user: User,
	clientId: string,
	seq: number,
	raw: unknown,
	why: { reason: QuarantineReason; detail: string },
	now: number
) {
	await quarantine(db, {
		clientId,
		seq,
		author: user.id,
		reason: why.reason,
		detail: why.detail,
		changeJson: JSON.stringify(
			jsonProblem(raw, JSON_LIMITS.change) === null ? raw : boundedCopy(raw)
		),
		receivedAt: now
	});
}
