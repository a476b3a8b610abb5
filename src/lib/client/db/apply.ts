import { isRecordType } from '$lib/domain/record-type-names';
import { HlcClock } from '$lib/sync/hlc';
import type { PulledChange } from '$lib/sync/protocol';
import type { FieldbookDatabase, LocalRecord } from './database';
import { mergeIntoRecord, newRecord, pageStamps } from './record-fields';
import { getMetas, setMetas } from './meta';
import { eraseWithheld } from './withheld';
import { isWithheldMarker } from '$lib/sync/withheld';
import { applyNewAhead, pullPathCounts, type AheadHooks } from './pull-ahead';

/**
 * This device's changes the server took in the sync now pulling, by seq: each was written here
 * in the transaction that queued it, with its fields at its stamp or later (a field's stamp only
 * grows while its record is held), so its echo takes no field of a record still held.
 */
export type OwnWrites = ReadonlyMap<number, { recordId: string; hlc: string }>;

export interface PullPage extends AheadHooks {
	/** The cursor the page was asked from: it is applied only over that cursor. */
	since?: string | null;
	/** What this sync pushed and the server took: echoes of these need no record read. */
	own?: OwnWrites;
}

/** Own echoes taken without reading their records (tests). */
export const ownEchoCounts = { unread: 0 };

/**
 * The page's records whose every change is this device's own, taken in this sync (`own`,
 * matched by seq, record and stamp): each is still held, unless it was erased since (a withheld
 * marker, a revoked audit), which the key read in `heldRecords` tells.
 */
function ownEchoes(changes: PulledChange[], clientId: string, own: OwnWrites | undefined) {
	const echoes = new Set<string>();
	if (!own || own.size === 0) return echoes;
	const other = new Set<string>();
	for (const change of changes) {
		const pushed = change.clientId === clientId ? own.get(change.seq) : undefined;
		const echo =
			pushed?.recordId === change.recordId &&
			pushed.hlc === change.hlc &&
			!isWithheldMarker(change);
		(echo ? echoes : other).add(change.recordId);
	}
	for (const id of other) echoes.delete(id);
	return echoes;
}

/**
 * The stored records of these ids, absent ones left out. A page's ids are UUIDv7s written
 * close together, so the keys between its first and last id are asked for first (keys only,
 * one request, capped): a fresh device then reads no row at all, and a device that holds the
 * page's records reads them in one request instead of one each. A range holding many other
 * records is read by id, as before. Of `echoes`, the records the keys say are held are left
 * unread (`unread`): their own changes coming back take nothing (issue 16).
 */
async function heldRecords(
	db: FieldbookDatabase,
	ids: string[],
	echoes: ReadonlySet<string>
): Promise<{ found: Map<string, LocalRecord>; unread: Set<string> }> {
	const found = new Map<string, LocalRecord>();
	const unread = new Set<string>();
	if (ids.length === 0) return { found, unread };
	const sorted = [...ids].sort();
	const range = db.records.where('id').between(sorted[0]!, sorted.at(-1)!, true, true);
	const cap = 2 * ids.length;
	const keys = await range
		.clone()
		.limit(cap + 1)
		.primaryKeys();
	const wanted = new Set(ids);
	let present = keys.length > cap ? ids : keys.filter((key) => wanted.has(key));
	if (keys.length <= cap) {
		for (const key of present) if (echoes.has(key)) unread.add(key);
		present = present.filter((key) => !unread.has(key));
	}
	if (present.length === 0) return { found, unread };
	const rows =
		keys.length <= cap && present.length * 2 >= keys.length
			? await range.toArray()
			: await db.records.bulkGet(present);
	for (const row of rows) {
		if (row && wanted.has(row.id) && !unread.has(row.id)) found.set(row.id, row);
	}
	return { found, unread };
}

/**
 * Applies pulled changes with the same per-field rule as the server and stores the cursor in
 * the same transaction, so a crash half-way pulls the rest again rather than skipping it.
 * False, with nothing written, when the stored cursor is no longer `since` (a restore, or a
 * sync in another tab, moved it): the page belongs to a pull that no longer stands.
 */
export async function applyPulled(
	db: FieldbookDatabase,
	clientId: string,
	changes: PulledChange[],
	cursor: string,
	now = Date.now(),
	{ since, own, ...hooks }: PullPage = {}
): Promise<boolean> {
	// New records only (a device joining, another tablet's day): sealed first, written on
	// IndexedDB itself (pull-ahead.ts). Any other page, or one that page meets, comes here.
	const ahead = await applyNewAhead(db, clientId, changes, cursor, now, since, hooks);
	if (ahead !== null) return ahead;
	pullPathCounts.read++;
	return db.transaction('rw', [db.records, db.meta, db.photos], async () => {
		const [hlc, offsetMs, maxRemoteHeld, stored] = await getMetas(db, [
			'hlc',
			'clockOffsetMs',
			'maxRemoteHlc',
			'cursor'
		]);
		if (since !== undefined && stored !== since) return false;
		const clock = new HlcClock(clientId, hlc);
		// The corrected wall time, as writes use: a raw clock known to run fast would stamp the
		// next write ahead again, and every sync would meet clock-ahead.
		const wall = now + offsetMs;
		// The clock takes in the page's newest stamp once, not every stamp in turn: later local
		// stamps then order after all of them alike, without parsing and printing 2,000 stamps.
		const { newest, newestRemote } = pageStamps(changes, clientId, maxRemoteHeld);
		// The page's records read in few requests and written in one (not two per change): a
		// record changed twice in the page is merged twice in memory, in order, as before.
		const ids = [...new Set(changes.map((c) => c.recordId))];
		const { found: records, unread } = await heldRecords(
			db,
			ids,
			ownEchoes(changes, clientId, own)
		);
		ownEchoCounts.unread += unread.size;
		const changed = new Map<string, LocalRecord>();
		const erased = new Map<string, LocalRecord | undefined>();
		for (const change of changes) {
			const type = change.type;
			if (!isRecordType(type)) continue; // a type from a newer app: it stays on the server
			if (unread.has(change.recordId)) continue; // held, and its fields as new or newer
			if (isWithheldMarker(change)) {
				erased.set(change.recordId, records.get(change.recordId) ?? erased.get(change.recordId));
				records.delete(change.recordId);
				changed.delete(change.recordId);
				continue;
			}
			erased.delete(change.recordId);
			const record = records.get(change.recordId) ?? newRecord(change.recordId, type, change.scope);
			// This device's own change coming back (or any change already held) takes no field:
			// the record is not written again, so it stays as it is and no live query re-runs.
			if (!mergeIntoRecord(record, change.fields, change.hlc, change.author)) continue;
			records.set(record.id, record);
			changed.set(record.id, record);
		}
		if (newest) clock.receive(newest, wall);
		if (changed.size > 0) await db.records.bulkPut([...changed.values()]);
		await eraseWithheld(db, erased);
		// maxRemoteHlc, the newest stamp seen from others: a re-stamp after clock-ahead must
		// order after it.
		await setMetas(db, { hlc: clock.last, maxRemoteHlc: newestRemote, cursor });
		return true;
	});
}

const photosOf = (record: LocalRecord): string[] => {
	const hashes = record.values.photoHashes;
	return Array.isArray(hashes) ? hashes.filter((h): h is string => typeof h === 'string') : [];
};

/**
 * Forgets every record of audits the user may no longer read (their changes were pushed
 * first), and the photos only those records named: the notes' pictures must go with them.
 */
export async function dropScopes(db: FieldbookDatabase, scopes: string[]) {
	if (scopes.length === 0) return;
	await db.transaction('rw', [db.records, db.photos], async () => {
		const dropped = db.records.where('scope').anyOf(scopes);
		const named = new Set((await dropped.toArray()).flatMap(photosOf));
		await dropped.delete();
		if (named.size === 0) return;
		await db.records.each((kept) => photosOf(kept).forEach((h) => named.delete(h)));
		await db.photos.bulkDelete([...named]);
	});
}
