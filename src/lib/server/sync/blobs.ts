import { createHash } from 'node:crypto';
import type { User } from '$lib/domain/user';
import type { DB } from '../db';
import { readableScopes } from './rights';

/** Photos are stored resized and EXIF-free by the device; these are the types it makes. */
export const photoTypes = new Set(['image/jpeg', 'image/png', 'image/webp']);
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export type StoreOutcome = 'created' | 'exists' | 'hash-mismatch';

/** Stores bytes under their SHA-256; repeating it is harmless (DESIGN.md §6). */
export async function storeBlob(
	db: DB,
	user: User,
	hash: string,
	contentType: string,
	bytes: Uint8Array,
	now = Date.now()
): Promise<StoreOutcome> {
	if (createHash('sha256').update(bytes).digest('hex') !== hash) return 'hash-mismatch';
	const inserted = await db
		.insertInto('blobs')
		.values({
			hash,
			content_type: contentType,
			bytes,
			size: bytes.byteLength,
			uploaded_by: user.id,
			created_at: now
		})
		.onConflict((oc) => oc.column('hash').doNothing())
		.executeTakeFirst();
	return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? 'created' : 'exists';
}

export type ReadOutcome =
	{ found: true; contentType: string; bytes: Uint8Array } | { found: false; status: 403 | 404 };

/**
 * A photo may be read by whoever uploaded it, and by anyone who may read a record naming it:
 * a photo of a classroom wall is as sensitive as the note it belongs to.
 */
export async function readBlob(db: DB, user: User, hash: string): Promise<ReadOutcome> {
	const blob = await db.selectFrom('blobs').selectAll().where('hash', '=', hash).executeTakeFirst();
	if (!blob) return { found: false, status: 404 };
	if (blob.uploaded_by !== user.id) {
		const scopes = await readableScopes(db, user);
		let query = db
			.selectFrom('record_fields')
			.innerJoin('records', 'records.id', 'record_fields.record_id')
			.select('records.id')
			.where('record_fields.field', '=', 'photoHashes')
			.where('record_fields.value_json', 'like', `%"${hash}"%`);
		if (scopes !== 'all') query = query.where('records.scope', 'in', scopes);
		if (!(await query.executeTakeFirst())) return { found: false, status: 403 };
	}
	return { found: true, contentType: blob.content_type, bytes: blob.bytes };
}
