import type { FieldbookDatabase, StoredPhoto } from './database';
import { getMeta, setMeta } from './meta';

/** SHA-256 in lower-case hex: the photo's address on the server (DESIGN.md §6). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', bytes);
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Keeps a photo's bytes (already resized and stripped of EXIF) under their hash, and returns the
 * hash for the record that names it. Storing the same bytes twice keeps one copy.
 */
export async function storePhoto(
	db: FieldbookDatabase,
	bytes: ArrayBuffer,
	type: string,
	now = Date.now()
): Promise<string> {
	const hash = await sha256Hex(bytes);
	await db.transaction('rw', db.photos, async () => {
		if (await db.photos.get(hash)) return;
		const photo: StoredPhoto = {
			hash,
			bytes,
			type,
			size: bytes.byteLength,
			uploaded: 0,
			storedAt: new Date(now).toISOString()
		};
		await db.photos.add(photo);
	});
	return hash;
}

/** Photos the server has not got yet, oldest first; refused ones are shown, not retried. */
export async function photosToUpload(db: FieldbookDatabase): Promise<StoredPhoto[]> {
	const waiting = await db.photos.where('uploaded').equals(0).toArray();
	return waiting.filter((p) => !p.refused).sort((a, b) => a.storedAt.localeCompare(b.storedAt));
}

/** Uploaded, or refused for good with the reason (uploaded 2: never counted or sent again). */
export async function markPhoto(db: FieldbookDatabase, hash: string, refused?: string) {
	await db.photos.update(hash, refused ? { refused, uploaded: 2 } : { uploaded: 1 });
}

/** A photo in the current layout: one refused before `uploaded: 2` existed is marked so. */
export function inCurrentLayout(photo: StoredPhoto): StoredPhoto {
	return photo.refused && photo.uploaded === 0 ? { ...photo, uploaded: 2 } : photo;
}

/**
 * Once per device, at unlock: photos refused before `uploaded: 2` existed (uploaded 0, the reason
 * sealed inside) are re-marked, so the badge counts waiting photos by the clear index alone.
 * Reads the waiting photos this one time only; remembered in meta.
 */
export async function markRefusedPhotos(db: FieldbookDatabase): Promise<number> {
	if (await getMeta(db, 'refusedPhotosMarked')) return 0;
	return db.transaction('rw', db.photos, db.meta, async () => {
		const waiting = await db.photos.where('uploaded').equals(0).toArray();
		const refused = waiting.filter((p) => p.refused).map(inCurrentLayout);
		if (refused.length > 0) await db.photos.bulkPut(refused);
		await setMeta(db, 'refusedPhotosMarked', true);
		return refused.length;
	});
}

/** One photo's bytes and upload state, or undefined when this device does not hold them. */
export async function storedPhoto(
	db: FieldbookDatabase,
	hash: string
): Promise<StoredPhoto | undefined> {
	return db.photos.get(hash);
}

/**
 * Drops a photo taken off a note before the note was saved, so it never uploads. Kept when any
 * record (deleted ones too) names it: the same bytes may belong to another note.
 */
export async function forgetUnnamedPhoto(db: FieldbookDatabase, hash: string): Promise<boolean> {
	return db.transaction('rw', db.records, db.photos, async () => {
		const named = await db.records
			.filter((r) => Array.isArray(r.values.photoHashes) && r.values.photoHashes.includes(hash))
			.first();
		if (named) return false;
		await db.photos.delete(hash);
		return true;
	});
}

/**
 * Remembers photos named by pulled records, for the sync to fetch; those already held are
 * left out. Kept in `meta`, so a photo that could not be fetched today is tried next sync.
 */
export async function wantPhotos(db: FieldbookDatabase, hashes: string[]): Promise<void> {
	if (hashes.length === 0) return;
	await db.transaction('rw', db.meta, db.photos, async () => {
		const held = new Set((await db.photos.bulkGet(hashes)).flatMap((p) => (p ? [p.hash] : [])));
		const wanted = new Set(await getMeta(db, 'photosWanted'));
		for (const hash of hashes) if (!held.has(hash)) wanted.add(hash);
		await setMeta(db, 'photosWanted', [...wanted]);
	});
}

/** Photos still to fetch, oldest wish first; ones that arrived meanwhile are dropped. */
export async function wantedPhotos(db: FieldbookDatabase): Promise<string[]> {
	const wanted = await getMeta(db, 'photosWanted');
	const held = await db.photos.bulkGet(wanted);
	return wanted.filter((_, i) => !held[i]);
}

export async function unwantPhoto(db: FieldbookDatabase, hash: string): Promise<void> {
	await db.transaction('rw', db.meta, async () => {
		const wanted = await getMeta(db, 'photosWanted');
		await setMeta(
			db,
			'photosWanted',
			wanted.filter((h) => h !== hash)
		);
	});
}

/** A photo fetched from the server, its hash already checked: held, and never uploaded again. */
export async function keepDownloadedPhoto(
	db: FieldbookDatabase,
	hash: string,
	bytes: ArrayBuffer,
	type: string,
	now = Date.now()
): Promise<void> {
	await db.transaction('rw', db.photos, db.meta, async () => {
		if (!(await db.photos.get(hash)))
			await db.photos.add({
				hash,
				bytes,
				type,
				size: bytes.byteLength,
				uploaded: 1,
				storedAt: new Date(now).toISOString()
			});
		await unwantPhoto(db, hash);
	});
}
