import type { MetaEntry } from './database';
import {
	COUNTERS_ROW,
	countersCopy,
	inCounters,
	isCounter,
	metaFrom,
	type MetaKey,
	type MetaValues
} from './meta';

/*
 * `meta` rows held as a list, in either layout: a backup's (made before or after version 6 of
 * the database put the counters in one row) and the rows the version 6 upgrade moves.
 */

/**
 * The value held under `key` in a list of rows (a backup's `meta` table), read as getMeta does;
 * the rows may be in either layout (a backup made before version 6 holds each counter alone).
 */
export function metaIn<K extends MetaKey>(rows: MetaEntry[], key: K): MetaValues[K] {
	return metaFrom(key, storedValueIn(rows, key));
}

/** What `rows`, in either layout, hold under `key`, unchecked (undefined: absent). */
export function storedValueIn(rows: MetaEntry[], key: MetaKey): unknown {
	if (isCounter(key)) {
		const row = rows.find((r) => r.key === COUNTERS_ROW);
		if (row) return inCounters(row.value, key);
	}
	return rows.find((r) => r.key === key)?.value;
}

/**
 * `rows` (a backup's, or a database's before version 6) in today's layout: the counters, stored
 * each in a row of its own, moved as they are (damaged ones too: a read still refuses them) into
 * the counters row. Other rows are kept as they are.
 */
export function metaInCurrentLayout(rows: MetaEntry[]): MetaEntry[] {
	const apart = rows.filter((r) => isCounter(r.key));
	if (apart.length === 0) return rows;
	const kept = rows.filter((r) => !isCounter(r.key));
	if (kept.some((r) => r.key === COUNTERS_ROW)) return kept;
	const value: Record<string, unknown> = {};
	for (const r of apart) value[r.key] = r.value;
	return [...kept, { key: COUNTERS_ROW, value }];
}

/** `rows` (in either layout) in today's layout, with `values` set over them as given. */
export function metaRowsWith(
	rows: MetaEntry[],
	values: Partial<Record<MetaKey, unknown>>
): MetaEntry[] {
	const byKey = new Map(metaInCurrentLayout(rows).map((r) => [r.key, r.value]));
	for (const [key, value] of Object.entries(values) as [MetaKey, unknown][]) {
		if (!isCounter(key)) {
			byKey.set(key, value);
			continue;
		}
		const held = byKey.get(COUNTERS_ROW);
		const counters = countersCopy(held);
		counters[key] = value;
		byKey.set(COUNTERS_ROW, counters);
	}
	return [...byKey].map(([key, value]) => ({ key, value }));
}
