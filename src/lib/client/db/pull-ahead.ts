import Dexie from 'dexie';
import { isRecordType } from '$lib/domain/record-type-names';
import { HlcClock } from '$lib/sync/hlc';
import type { PulledChange } from '$lib/sync/protocol';
import { isWithheldMarker } from '$lib/sync/withheld';
import { commitAhead } from './commit-ahead';
import type { FieldbookDatabase, LocalRecord, MetaEntry } from './database';
import { COUNTERS_ROW, countersCopy, countersFrom, countersWritten, entry, metaFrom } from './meta';
import { mergeIntoRecord, newRecord, pageStamps } from './record-fields';
import { sealAhead } from './sealing';

/**
 * How pulled pages were applied: ahead (new records only) or read first; `early`, pages applied
 * ahead with the records sealed while the page before committed (tests).
 */
export const pullPathCounts = { ahead: 0, read: 0, early: 0 };

/** A page's records merged and sealed before its transaction (sealPage). */
export interface SealedPage {
	changes: readonly PulledChange[];
	rows: Record<string, unknown>[];
}

/**
 * True when any of these record ids may be held: the keys between the first and the last are
 * read (keys only, capped, as apply.ts's heldRecords does); a range holding many other records
 * counts as held, and the page takes the usual way.
 */
async function anyHeld(db: FieldbookDatabase, ids: string[]): Promise<boolean> {
	if (ids.length === 0) return false;
	const sorted = [...ids].sort();
	const cap = 4 * ids.length;
	const keys = await db.records
		.where('id')
		.between(sorted[0]!, sorted.at(-1)!, true, true)
		.limit(cap + 1)
		.primaryKeys();
	if (keys.length > cap) return true;
	const wanted = new Set(ids);
	return keys.some((key) => wanted.has(key));
}

/** What the engine gives a page's way ahead (apply.ts, PullPage). */
export interface AheadHooks {
	/** This page's records, sealed while the page before committed (sealPage). */
	sealed?: Promise<SealedPage | null>;
	/** Called once the page's rows are handed to IndexedDB, while its transaction commits. */
	whileCommitting?: () => void;
}

/**
 * A pulled page whose records this device does not hold (a new device joining, the other
 * tablet's day arriving), applied the way a new note is saved (write.ts, writeAhead): merged and
 * sealed before the transaction, then written on IndexedDB itself (commit-ahead.ts) in one
 * transaction with the page's cursor and the clock, each record added, so one that appeared
 * meanwhile fails the write and aborts it. Through Dexie's table calls, the sealing waited inside
 * the transaction and every row went through the middleware: most of the second device's time
 * in the day sync (issue 16).
 *
 * In that transaction the stored cursor is read and must still be `since` (else nothing is
 * written: false, as apply.ts says); the counters row and maxRemoteHlc are read and written
 * moved on, as applyPulled moves them. Null when the page is not for this way (a record held,
 * a withheld marker, inside a caller's transaction, a record that appeared before the commit):
 * nothing was written, and applyPulled applies it the usual way.
 */
export async function applyNewAhead(
	db: FieldbookDatabase,
	clientId: string,
	changes: PulledChange[],
	cursor: string,
	now: number,
	since: string | null | undefined,
	{ sealed, whileCommitting }: AheadHooks = {}
): Promise<boolean | null> {
	if (Dexie.currentTransaction) return null;
	const known = changes.filter((c) => isRecordType(c.type));
	if (known.some(isWithheldMarker)) return null;
	// The read opens the database if it has not opened yet, as a table call would.
	if (await anyHeld(db, [...new Set(known.map((c) => c.recordId))])) return null;
	if (!db.isOpen()) return null;

	const ready = (sealed && (await sealed.catch(() => null))) || null;
	const early = ready?.changes === changes;
	const rows = early ? ready!.rows : (await sealPage(db, changes))?.rows;
	// Sealed while the device was unlocked; it may have locked since: the usual way says so.
	if (!rows || !db.vault.unlocked) return null;

	let moved = false;
	let counters: MetaEntry | null = null;
	const committing = commitAhead(
		db,
		[COUNTERS_ROW, 'maxRemoteHlc', 'cursor'],
		([, , stored]) => {
			moved = since !== undefined && metaFrom('cursor', valueOf(stored)) !== since;
			return !moved;
		},
		[{ table: 'records', rows, add: true }],
		([row, remote]) => {
			// Read as getMetas reads them: a damaged clock throws, and nothing of the page stays.
			const { hlc, clockOffsetMs } = countersFrom(row as MetaEntry | undefined);
			const held = metaFrom('maxRemoteHlc', valueOf(remote));
			const { newest, newestRemote } = pageStamps(changes, clientId, held);
			const clock = new HlcClock(clientId, hlc);
			// The corrected wall time, as apply.ts and writes use.
			if (newest) clock.receive(newest, now + clockOffsetMs);
			const value = countersCopy(valueOf(row));
			value.hlc = entry('hlc', clock.last).value;
			counters = { key: COUNTERS_ROW, value };
			return [
				{
					table: 'meta',
					rows: [counters, entry('maxRemoteHlc', newestRemote), entry('cursor', cursor)].map(
						(row) => ({ ...row })
					)
				}
			];
		}
	);
	whileCommitting?.();
	const committed = await committing;
	if (moved) return false;
	if (!committed || !counters) return null;
	countersWritten(db, counters);
	pullPathCounts.ahead++;
	if (early) pullPathCounts.early++;
	return true;
}

/**
 * The page's records merged as new records and sealed, as applyNewAhead stores them; nothing is
 * read or written (a store kept in the clear takes them as they are). Null when the page cannot
 * go that way: a withheld marker, or a database not opened yet. The engine seals the next page this way while a page's
 * transaction commits (IndexedDB's own work, most of a page's time in the day sync: issue 16),
 * and hands it to applyPulled.
 */
export async function sealPage(
	db: FieldbookDatabase,
	changes: readonly PulledChange[]
): Promise<SealedPage | null> {
	if (changes.some((c) => isRecordType(c.type) && isWithheldMarker(c))) return null;
	const changed = new Map<string, LocalRecord>();
	for (const change of changes) {
		const type = change.type;
		if (!isRecordType(type)) continue; // a type from a newer app: it stays on the server
		const record = changed.get(change.recordId) ?? newRecord(change.recordId, type, change.scope);
		if (mergeIntoRecord(record, change.fields, change.hlc, change.author))
			changed.set(record.id, record);
	}
	const rows = [...changed.values()] as unknown as Record<string, unknown>[];
	const sealed = db.vault.sealing ? await sealAhead(db.vault, 'records', rows) : rows;
	return sealed && { changes, rows: sealed };
}

const valueOf = (row: unknown): unknown => (row as MetaEntry | undefined)?.value;
