import type { FieldbookDatabase, LocalRecord } from './database';
import { getMeta, setMeta } from './meta';

const photosOf = (record: LocalRecord | undefined): string[] => {
	const hashes = record?.values.photoHashes;
	return Array.isArray(hashes) ? hashes.filter((h): h is string => typeof h === 'string') : [];
};

/**
 * Erases records the server now withholds from this user (a note flagged as a safeguarding
 * concern, or a conflict about one: src/lib/sync/withheld.ts), and the photos only they named.
 * Called inside the pull's transaction (records, photos, meta), so the cursor never moves past
 * a marker whose record is still on the tablet.
 */
export async function eraseWithheld(
	db: FieldbookDatabase,
	erased: Map<string, LocalRecord | undefined>
) {
	if (erased.size === 0) return;
	const named = new Set([...erased.values()].flatMap(photosOf));
	await db.records.bulkDelete([...erased.keys()]);
	if (named.size === 0) return;
	await db.records.each((kept) => photosOf(kept).forEach((h) => named.delete(h)));
	await db.photos.bulkDelete([...named]);
	const wanted = await getMeta(db, 'photosWanted');
	await setMeta(
		db,
		'photosWanted',
		wanted.filter((h) => !named.has(h))
	);
}
