import type { FieldbookDatabase } from './db/database';
import { storedPhoto } from './db/photos';

/** Read-only photo queries for the screens; run them through `live()` from a component. */

export type PhotoOnDevice =
	| { held: false }
	| {
			held: true;
			bytes: ArrayBuffer;
			type: string;
			/** Still to reach the server: shown as waiting to upload. */
			waiting: boolean;
			/** Why the server refused it for good, if it did. */
			refused: string | null;
	  };

/**
 * A photo as a note shows it. `held: false` is a photo another device took, whose bytes have
 * not come to this one yet: the next sync fetches them once that device has uploaded them.
 */
export async function photoOnDevice(db: FieldbookDatabase, hash: string): Promise<PhotoOnDevice> {
	const photo = await storedPhoto(db, hash);
	if (!photo) return { held: false };
	return {
		held: true,
		bytes: photo.bytes,
		type: photo.type,
		waiting: photo.uploaded === 0,
		refused: photo.refused ?? null
	};
}
