import type { FieldbookDatabase } from './database';

/**
 * How many conflicts wait for a person to merge (the sync badge and Today): conflict records
 * not deleted and not resolved, counted without reading them through their schema, so the
 * first page loads no zod (issue 16). The Sync page lists them through conflicts.ts.
 */
export async function openConflictCount(db: FieldbookDatabase): Promise<number> {
	return db.records
		.where('type')
		.equals('conflict')
		.filter((row) => !row.deleted && row.values.resolved === false)
		.count();
}
