import type { FieldbookDatabase } from './database';

/**
 * One value of the clear `meta` table (sync counters, clock, cursor), or `fallback`. Apart from
 * write.ts, so opening the device and the lock screen do not load the write path's schemas.
 */
export async function metaValue<T>(db: FieldbookDatabase, key: string, fallback: T): Promise<T> {
	return ((await db.meta.get(key))?.value as T | undefined) ?? fallback;
}
