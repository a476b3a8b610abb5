import { HlcClock } from '$lib/sync/hlc';
import { crossFieldProblem, validateChangeFields } from '$lib/sync/fields';
import type { Change } from '$lib/sync/protocol';
import type { RecordType } from '$lib/domain/record-type';
import type { FieldbookDatabase, LocalRecord } from './database';
import { outboxWritten } from './outbox-events';
import { mergeIntoRecord, newRecord } from './record-fields';

export { metaValue } from './meta-value';
export { onOutboxWrite } from './outbox-events';

export class InvalidWrite extends Error {}

export interface Patch {
	type: RecordType;
	id: string;
	scope: string;
	fields: Record<string, unknown>;
}

/**
 * THE way to write a synced record (DESIGN.md §3): in one strict transaction it validates the
 * patch, updates the record, stamps each changed field with a fresh HLC, takes the next seq
 * and appends one change to the outbox. Nothing is written when the patch is invalid.
 */
export async function writeRecord(
	db: FieldbookDatabase,
	clientId: string,
	userId: string,
	patch: Patch,
	now = Date.now()
): Promise<Change> {
	const [change] = await writeRecords(db, clientId, userId, [patch], now);
	return change!;
}

/**
 * Several patches that stand or fall together (a merged text and the conflict it closes), one
 * change each, in one transaction: if any patch is invalid, none is written and no seq is used.
 */
export async function writeRecords(
	db: FieldbookDatabase,
	clientId: string,
	userId: string,
	patches: Patch[],
	now = Date.now()
): Promise<Change[]> {
	const changes = await db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
		// Everything read at once and written at once: a save is a few requests in one
		// transaction, not several in turn (issue 6: capture_commit_ms against a bare put).
		const ids = [...new Set(patches.map((p) => p.id))];
		const [[hlc, offsetMs, nextSeq], held] = await Promise.all([
			db.meta.bulkGet(['hlc', 'clockOffsetMs', 'nextSeq']),
			db.records.bulkGet(ids)
		]);
		// The clock lives in the database, not in memory, so every tab shares one.
		const clock = new HlcClock(clientId, (hlc?.value as string | null | undefined) ?? null);
		// A device told its clock runs ahead stamps with the server's time (see restamp.ts).
		const offset = (offsetMs?.value as number | undefined) ?? 0;
		let seq = (nextSeq?.value as number | undefined) ?? 1;
		const records = new Map(ids.map((id, i) => [id, held[i]]));
		const written = new Map<string, LocalRecord>();
		const changes: Change[] = [];
		for (const patch of patches) {
			const existing = records.get(patch.id);
			const check = validateChangeFields(patch.type, patch.fields, !existing);
			if (!check.ok) throw new InvalidWrite(check.detail);
			if (existing && (existing.type !== patch.type || existing.scope !== patch.scope))
				throw new InvalidWrite('A record keeps its type and scope');
			const change = stamp(existing, patch, clientId, seq++, clock.now(now + offset));
			const record = applyLocally(existing, patch, change.hlc, userId);
			const problem = crossFieldProblem(patch.type, record.values);
			if (problem) throw new InvalidWrite(problem);
			records.set(record.id, record);
			written.set(record.id, record);
			changes.push(change);
		}
		await Promise.all([
			db.records.bulkPut([...written.values()]),
			db.outbox.bulkAdd(changes.map((change) => ({ seq: change.seq, change }))),
			db.meta.bulkPut([
				{ key: 'nextSeq', value: seq },
				{ key: 'hlc', value: clock.last }
			])
		]);
		return changes;
	});
	// Committed: whoever syncs this device hears of it (after, so a failed write wakes no one).
	outboxWritten(db);
	return changes;
}

function stamp(
	existing: LocalRecord | undefined,
	patch: Patch,
	clientId: string,
	seq: number,
	hlc: string
): Change {
	// base: the stamp this device had seen for each patched field, so the server can tell an
	// edit made in ignorance of someone else's (a text conflict) from one made on top of it.
	const base = existing
		? Object.fromEntries(
				Object.keys(patch.fields)
					.filter((f) => Object.hasOwn(existing.hlcs, f))
					.map((f) => [f, existing.hlcs[f]!])
			)
		: null;
	const { type, id: recordId, scope, fields } = patch;
	return { clientId, seq, type, recordId, scope, fields, hlc, base };
}

function applyLocally(
	existing: LocalRecord | undefined,
	patch: Patch,
	hlc: string,
	userId: string
): LocalRecord {
	const record = existing ?? newRecord(patch.id, patch.type, patch.scope);
	// The clock stamps after every stamp it has seen, so the rule takes each field; asking it
	// all the same keeps the device's own writes on the rule the server applies to them.
	mergeIntoRecord(record, patch.fields, hlc, userId);
	return record;
}
