import type { FieldbookDatabase } from '../db/database';
import { keyringOf, markSealedAll } from '../db/keyring';
import { markRefusedPhotos } from '../db/photos';
import { sealInPlace } from '../db/seal-in-place';

/**
 * Puts the unwrapped data key in the store's vault. On a tablet upgraded from a version without
 * encryption, seals its older rows first, resumably (issue 13): the keyring says when all are.
 */
export async function openVault(
	db: FieldbookDatabase,
	key: CryptoKey,
	onProgress?: (sealed: number) => void
): Promise<void> {
	db.vault.use(key);
	const entry = await keyringOf(db);
	if (entry && !entry.sealedAll) {
		onProgress?.(0);
		await sealInPlace(db, onProgress);
		await markSealedAll(db);
	}
	// Once per device: refused photos get their clear mark, so the badge never opens a photo.
	// Never in the way of unlocking: a photo row that cannot be opened leaves it for the next.
	await markRefusedPhotos(db).catch((error: unknown) => {
		console.warn('Refused photos were not marked; tried again at the next unlock', error);
	});
}
