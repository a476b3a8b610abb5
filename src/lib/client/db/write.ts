import { HlcClock } from '$lib/sync/hlc';
import { crossFieldProblem, validateChangeFields } from '$lib/sync/fields';
import type { Change } from '$lib/sync/protocol';
import type { RecordType } from '$lib/domain/record-type';
import Dexie from 'dexie';
import type { FieldbookDatabase, LocalRecord, MetaEntry } from './database';
import { commitAhead } from './commit-ahead';
import { COUNTERS_ROW, countersEntry, countersFrom as storedCounters } from './meta';
import { keepGuess, takeGuess, type Counters } from './counter-guess';
import { outboxWritten } from './outbox-events';
import { mergeIntoRecord, newRecord } from './record-fields';
import { sealAhead } from './sealing';

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
	const known = takeGuess(db);
	// Inside a caller's transaction (db/write-after-read.ts) sealing ahead would leave it with no
	// request pending while Web Crypto works, and IndexedDB would commit it: read first there.
	const ahead = known?.clientId === clientId && !Dexie.currentTransaction;
	let written = ahead ? await writeAhead(db, known, userId, patches, now) : null;
	if (!written) {
		if (ahead) writePathCounts.retried++;
		written = await readThenWrite(db, clientId, userId, patches, now);
	} else writePathCounts.ahead++;
	// Committed: only now does this tab take its counters as they were written. A failed or
	// aborted transaction left the cache empty, so the next write reads them again.
	keepGuess(db, written.counters);
	// Whoever syncs this device hears of it (after, so a failed write wakes no one).
	outboxWritten(db);
	return written.changes;
}

/** How writes went in this page: sealed ahead and committed, or read first (tests, bench). */
export const writePathCounts = { ahead: 0, retried: 0 };

interface Written {
	changes: Change[];
	counters: Counters;
}

/**
 * The fast way, for patches that each create a record (a new note): stamped with the counters
 * this tab last committed, sealed before the transaction, and written in it together with the
 * read that proves the guess — the counters unchanged — each record added, so one that exists
 * fails its write. IndexedDB runs a readwrite transaction alone on its tables, in every tab, so
 * what the reads see is what the writes land on; when they see anything else (another tab wrote,
 * a pull moved the clock, the record exists), the transaction is aborted, nothing of it stays,
 * and null says: read first. The transaction is made on IndexedDB itself (commit-ahead.ts).
 */
async function writeAhead(
	db: FieldbookDatabase,
	known: Counters,
	userId: string,
	patches: Patch[],
	now: number
): Promise<Written | null> {
	if (!db.isOpen()) return null;
	const ids = new Set(patches.map((p) => p.id));
	if (ids.size !== patches.length) return null;
	const planned = plan(known, userId, patches, new Map(), now, false);
	if (!planned) return null;
	const entries = planned.changes.map((change) => ({ seq: change.seq, change }));
	const [records, outbox] = db.vault.sealing
		? await Promise.all([
				sealAhead(db.vault, 'records', planned.records as unknown as Record<string, unknown>[]),
				sealAhead(db.vault, 'outbox', entries)
			])
		: [planned.records as unknown as Record<string, unknown>[], entries];
	if (!records || !outbox) return null;
	const committed = await commitAhead(
		db,
		[COUNTERS_ROW],
		([row]) => {
			// A damaged counter throws here (MetaDamaged): the transaction aborts, nothing stays.
			const { hlc, offsetMs, nextSeq } = countersFrom(known.clientId, row);
			return hlc === known.hlc && offsetMs === known.offsetMs && nextSeq === known.nextSeq;
		},
		[
			{ table: 'records', rows: records, add: true },
			// A stale guess's seq may be in the outbox already: that add fails, and aborts it too.
			{ table: 'outbox', rows: outbox, add: true },
			{ table: 'meta', rows: [counterRow(planned.counters)] }
		]
	);
	return committed ? planned : null;
}

/**
 * The counters as stored, in their one meta row (meta.ts), read as meta.ts reads them: a
 * damaged seq or clock is refused.
 */
function countersFrom(clientId: string, row: unknown): Counters {
	const { hlc, clockOffsetMs, nextSeq } = storedCounters(row as MetaEntry | undefined);
	return { clientId, hlc, offsetMs: clockOffsetMs, nextSeq };
}

const counterRow = (c: Counters) => ({
	...countersEntry({ nextSeq: c.nextSeq, hlc: c.hlc, clockOffsetMs: c.offsetMs })
});

/** The usual way: read the counters and the records in the transaction, then write. */
async function readThenWrite(
	db: FieldbookDatabase,
	clientId: string,
	userId: string,
	patches: Patch[],
	now: number
): Promise<Written> {
	return db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
		// Everything read at once and written at once: a save is a few requests in one
		// transaction, not several in turn (issue 6: capture_commit_ms against a bare put).
		const ids = [...new Set(patches.map((p) => p.id))];
		const [row, held] = await Promise.all([db.meta.get(COUNTERS_ROW), db.records.bulkGet(ids)]);
		const counters = countersFrom(clientId, row);
		const planned = plan(
			counters,
			userId,
			patches,
			new Map(ids.map((id, i) => [id, held[i]])),
			now,
			true
		)!;
		await Promise.all([
			db.records.bulkPut(planned.records),
			db.outbox.bulkAdd(planned.changes.map((change) => ({ seq: change.seq, change }))),
			db.meta.put(counterRow(planned.counters))
		]);
		return planned;
	});
}

/**
 * The patches stamped and applied to the records as held (`records`, by id; missing: new).
 * Throws InvalidWrite for an invalid patch when `strict`; otherwise returns null for it (the
 * write ahead assumed new records, and the patch may edit one: the read will tell).
 */
function plan(
	counters: Counters,
	userId: string,
	patches: Patch[],
	records: Map<string, LocalRecord | undefined>,
	now: number,
	strict: boolean
): (Written & { records: LocalRecord[] }) | null {
	const { clientId } = counters;
	// The clock lives in the database, not in memory, so every tab shares one.
	const clock = new HlcClock(clientId, counters.hlc);
	// A device told its clock runs ahead stamps with the server's time (see restamp.ts).
	const offset = counters.offsetMs;
	let seq = counters.nextSeq;
	const written = new Map<string, LocalRecord>();
	const changes: Change[] = [];
	const refuse = (detail: string) => {
		if (strict) throw new InvalidWrite(detail);
		return null;
	};
	for (const patch of patches) {
		const existing = records.get(patch.id);
		const check = validateChangeFields(patch.type, patch.fields, !existing);
		if (!check.ok) return refuse(check.detail);
		if (existing && (existing.type !== patch.type || existing.scope !== patch.scope))
			return refuse('A record keeps its type and scope');
		const change = stamp(existing, patch, clientId, seq++, clock.now(now + offset));
		const record = applyLocally(existing, patch, change.hlc, userId);
		const problem = crossFieldProblem(patch.type, record.values);
		if (problem) return refuse(problem);
		records.set(record.id, record);
		written.set(record.id, record);
		changes.push(change);
	}
	return {
		changes,
		records: [...written.values()],
		counters: { ...counters, nextSeq: seq, hlc: clock.last }
	};
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
