import Dexie, { RangeSet, type ObservabilitySet } from 'dexie';
import { afterPaint } from '../after-paint';
import type { FieldbookDatabase } from './database';

/** Rows to store in one table, as stored (sealed ahead, or a table kept in the clear). */
export interface StoredRows {
	table: 'records' | 'outbox' | 'meta';
	rows: Record<string, unknown>[];
	/** Added, not put: a row whose key is taken fails the write (and aborts it) instead. */
	add?: boolean;
}

/**
 * The write path's one transaction for a write made ahead (write.ts), on IndexedDB itself:
 * Dexie's table calls cost more than the commit they wait for (issue 16: about 1 ms of a 2.5 ms
 * save against a bare put's 0.7 ms), and the rows come here sealed, with nothing left for
 * Dexie's middleware to do. The transaction is still Dexie's (its cache sees it end) and its
 * commit is announced as Dexie announces its own, so live queries, here and in other tabs,
 * read the new rows (DESIGN.md §3: one door, this module is part of it).
 *
 * In one readwrite transaction, with the database's durability: `keys` of `meta` are read,
 * then every row written, all asked at once. IndexedDB answers in order, so `check` sees the
 * values as they were before these writes; it returns false when they are not what the rows
 * were stamped from, or throws (a damaged counter): the transaction is aborted and nothing of it
 * stays. Resolves true once committed; false when the check or a taken key (an added row that
 * exists) refused the guess; rejects with any other failure (also aborted, nothing stays). * `late`, if given, makes more rows from the values read once the check passed (a counter moved
 * on from what it held: a pull page's clock), written after all of `writes`, to their tables.
 */
export function commitAhead(
	db: FieldbookDatabase,
	keys: readonly string[],
	check: (values: unknown[]) => boolean,
	writes: StoredRows[],
	late?: (values: unknown[]) => StoredRows[]
): Promise<boolean> {
	return new Promise<boolean>((resolve, reject) => {
		let failure: { error: unknown } | null = null;
		let stale = false;
		const tables = [...new Set(['meta', ...writes.map((w) => w.table)])];
		let tx: IDBTransaction;
		try {
			// Through Dexie's stack, so its query cache drops what the rows touch at the commit.
			tx = db.core.transaction(tables, 'readwrite', {
				durability: db.durability
			}) as unknown as IDBTransaction;
		} catch (error) {
			reject(error);
			return;
		}
		const abort = (why?: { error: unknown }) => {
			failure ??= why ?? null;
			try {
				tx.abort();
			} catch {
				// Already finished: its own event says how.
			}
		};
		const parts: ObservabilitySet = {};
		const write = (all: StoredRows[]) => {
			for (const { table, rows, add } of all) {
				const store = tx.objectStore(table);
				for (const row of rows) {
					if (add) store.add(row);
					else store.put(row);
				}
				observe(db, parts, table, rows);
			}
		};
		try {
			const meta = tx.objectStore('meta');
			const reads = keys.map((key) => meta.get(key));
			reads[reads.length - 1]!.onsuccess = () => {
				try {
					const values = reads.map((r) => r.result as unknown);
					if (!check(values)) {
						stale = true;
						abort();
					} else if (late) write(late(values));
				} catch (error) {
					abort({ error });
				}
			};
			write(writes);
		} catch (error) {
			// A request that could not even be made (a row IndexedDB cannot store): nothing stays.
			abort({ error });
		}
		// Marked as Dexie marks a transaction of db.transaction() with what its observability
		// middleware would have counted: at the commit, Dexie's cache middleware then drops the
		// cached query answers these rows change (else a live query would be answered from
		// them, without the new rows: the write-ahead unit test holds Dexie to this).
		Object.assign(tx, { _explicit: true, mutatedParts: parts });
		tx.oncomplete = () => {
			resolve(true);
			// Live queries, here and in other tabs, read the new rows once the frame after the
			// commit is drawn: the saver shows what it wrote itself (Live.ahead), and a re-read
			// started now would hold up that frame (issue 16: capture_visible_ms).
			afterPaint(() => Dexie.on.storagemutated.fire(parts));
		};
		tx.onabort = () => {
			if (failure) reject(failure.error);
			else if (stale || tx.error?.name === 'ConstraintError') resolve(false);
			else reject(tx.error ?? new DOMException('The write was aborted', 'AbortError'));
		};
	});
}

/**
 * What a write of `rows` to `table` may change, as Dexie's observability middleware counts it for
 * rows whose former values it has not read: their keys, as written and as deleted, and the key
 * each of the table's indexes takes from them.
 */
function observe(db: FieldbookDatabase, parts: ObservabilitySet, table: string, rows: object[]) {
	const { schema } = db.core.table(table);
	const part = (index: string) => (parts[`idb://${db.name}/${table}/${index}`] ??= new RangeSet());
	const keys = rows.map((row) => schema.primaryKey.extractKey!(row));
	(part('') as RangeSet).addKeys(keys);
	(part(':dels') as RangeSet).addKeys(keys);
	for (const index of schema.indexes) {
		const extract = index.extractKey;
		if (!extract) continue;
		const set = part(index.name ?? '') as RangeSet;
		for (const row of rows) {
			const key: unknown = extract(row);
			if (key === undefined || key === null) continue;
			if (index.multiEntry && Array.isArray(key)) set.addKeys(key);
			else set.addKey(key as never);
		}
	}
}
