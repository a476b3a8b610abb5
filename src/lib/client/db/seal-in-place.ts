import { sealingRules, type FieldbookDatabase } from './database';

/** Rows sealed per transaction: each chunk commits on its own, so an interrupted pass resumes. */
const CHUNK = 200;

/** The keys of a table's rows stored in the clear (written before encryption), read raw. */
async function plainKeys(db: FieldbookDatabase, table: string): Promise<IDBValidKey[]> {
	const store = db.backendDB().transaction(table, 'readonly').objectStore(table);
	const keys: IDBValidKey[] = [];
	await new Promise<void>((resolve, reject) => {
		const cursor = store.openCursor();
		cursor.onerror = () => reject(cursor.error);
		cursor.onsuccess = () => {
			const at = cursor.result;
			if (!at) return resolve();
			if (!(at.value && typeof at.value === 'object' && 'sealed' in at.value))
				keys.push(at.primaryKey);
			at.continue();
		};
	});
	return keys;
}

/**
 * Seals, in place, every row a tablet stored before this version (issue 13: existing tablets
 * upgrade at their first unlock). Each chunk is read and written back through the sealing
 * middleware in one transaction, so a reload halfway loses nothing: sealed rows stay sealed,
 * and the next unlock finds the rest. Returns how many rows it sealed.
 */
export async function sealInPlace(db: FieldbookDatabase, onProgress?: (n: number) => void) {
	if (!db.isOpen()) await db.open();
	let sealed = 0;
	for (const table of db.tables) {
		if (sealingRules.clearTables.has(table.name)) continue;
		const keys = await plainKeys(db, table.name);
		for (let at = 0; at < keys.length; at += CHUNK) {
			const chunk = keys.slice(at, at + CHUNK);
			await db.transaction('rw', table, async () => {
				const rows = (await table.bulkGet(chunk)).filter((r) => r !== undefined);
				await table.bulkPut(rows);
			});
			sealed += chunk.length;
			onProgress?.(sealed);
		}
	}
	return sealed;
}
