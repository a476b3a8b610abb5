/**
 * How many rows one multi-row statement writes, and how many ids one IN list holds: 500 rows of
 * the widest table (change_log, 11 columns) bind 5,500 values, well inside both engines' limits
 * (SQLite 32,766, PostgreSQL 65,535).
 */
export const CHUNK = 500;

/** `items` in consecutive slices of at most `size`. */
export function chunked<T>(items: readonly T[], size = CHUNK): T[][] {
	const slices: T[][] = [];
	for (let i = 0; i < items.length; i += size) slices.push(items.slice(i, i + size));
	return slices;
}
