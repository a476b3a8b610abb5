import type { FieldbookDatabase } from './database';

/*
 * Drafts: what a form holds before it is saved as a record, kept on the device as the person
 * types, so that leaving the page, a reload, a crash or the idle lock loses nothing. They are
 * never synced. Every read and write goes through these functions, so sealing the table with
 * the device key (DESIGN.md §4) is one change here.
 */

/** Where a form keeps its draft: one key per form and activity (e.g. `walk:<activityId>`). */
export interface DraftPlace {
	db: FieldbookDatabase;
	key: string;
}

/** The draft kept under `key`, or null when there is none. */
export async function readDraft(db: FieldbookDatabase, key: string) {
	const row = await db.drafts.get(key);
	return row ? row.values : null;
}

/** Keeps `values` as the draft under `key`, replacing the one before. */
export async function keepDraft(
	db: FieldbookDatabase,
	key: string,
	values: Record<string, unknown>
): Promise<void> {
	await db.drafts.put({ key, values, keptAt: new Date().toISOString() });
}

/** Forgets the draft under `key` (it was saved, or emptied). */
export async function dropDraft(db: FieldbookDatabase, key: string): Promise<void> {
	await db.drafts.delete(key);
}

/** How many drafts wait on this device (shown before signing out deletes them). */
export async function draftCount(db: FieldbookDatabase): Promise<number> {
	return db.drafts.count();
}
