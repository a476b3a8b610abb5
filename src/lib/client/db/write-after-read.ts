import type { FieldbookDatabase } from './database';
import { writeRecords, type Patch } from './write';

/**
 * Reads what a write depends on, then writes the patches the reading decided on, in one
 * transaction around `writeRecords`: a sync that lands a moment before is counted, and none can
 * land between the read and the write. `decide` only reads records; it returns the patches (none:
 * nothing is written) or, as a string, why nothing may be written (returned as it is).
 */
export async function writeAfterReading(
	db: FieldbookDatabase,
	clientId: string,
	userId: string,
	decide: () => Promise<Patch[] | string>,
	now = Date.now()
): Promise<string | null> {
	return db.transaction('rw', [db.records, db.outbox, db.meta], async () => {
		const decided = await decide();
		if (typeof decided === 'string') return decided;
		if (decided.length > 0) await writeRecords(db, clientId, userId, decided, now);
		return null;
	});
}
