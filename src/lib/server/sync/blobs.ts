import { createHash } from 'node:crypto';
import type { User } from '$lib/domain/user';
import type { DB } from '../db';
import { readableScopes } from './rights';
import { photoWithheld } from './safeguarding';
import {
	getBlob,
	grantScopes,
	grantsOf,
	namingScopes,
	putBlob,
	recordUpload,
	uploadedBy
} from './store';

/** Photos are stored resized and EXIF-free by the device; these are the types it makes. */
export const photoTypes = new Set(['image/jpeg', 'image/png', 'image/webp']);
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/*
 * Photos are bound to scopes (DESIGN.md §4). A PUT carries no scope, and the device uploads a
 * photo before the record naming it, so the server binds the two whichever comes first: a
 * photo is uploaded into scope S when its uploader's own accepted record in S names it. Those
 * who read S read the photo; naming someone else's hash binds nothing, since the namer never
 * sent the bytes. Until then only the uploader reads it.
 */

export type StoreOutcome = 'created' | 'exists' | 'hash-mismatch';

/**
 * Stores bytes under their SHA-256 (once, whoever sends them) and records that this user sent
 * them. 'exists' only when this same user sent them before: the answer says nothing about
 * other people's photos.
 */
export async function storeBlob(
	db: DB,
	user: User,
	hash: string,
	contentType: string,
	bytes: Uint8Array,
	now = Date.now()
): Promise<StoreOutcome> {
	if (createHash('sha256').update(bytes).digest('hex') !== hash) return 'hash-mismatch';
	return db.transaction().execute(async (tx) => {
		await putBlob(tx, { hash, contentType, bytes, uploadedBy: user.id }, now);
		const first = await recordUpload(tx, hash, user.id, now);
		const scopes = await namingScopes(tx, user.id, hash);
		await grantScopes(
			tx,
			user.id,
			scopes.map((scope) => ({ hash, scope })),
			now
		);
		return first ? 'created' : 'exists';
	});
}

/**
 * The photo hashes a change's fields name (observations' `photoHashes`). After an accepted
 * change by a user in a scope, the push remembers them and binds to the scope those this user
 * uploaded (WorkingSet.namePhotos).
 */
export function namedPhotos(fields: Record<string, unknown>): string[] {
	const list = fields.photoHashes;
	return Array.isArray(list) ? list.filter((h): h is string => typeof h === 'string') : [];
}

export type ReadOutcome =
	{ found: true; contentType: string; bytes: Uint8Array } | { found: false };

/**
 * A user reads a photo uploaded into a scope they can read now (a removed member no longer
 * can), or one they sent that is bound to no scope yet. Anything else is "not found", whether
 * or not the bytes exist: the answer must not tell a stranger that a photo is there.
 */
export async function readBlob(db: DB, user: User, hash: string): Promise<ReadOutcome> {
	const [grants, sent, scopes] = await Promise.all([
		grantsOf(db, hash),
		uploadedBy(db, user.id, [hash]),
		readableScopes(db, user)
	]);
	const inScope = grants.some((g) => scopes === 'all' || scopes.includes(g.scope));
	const ownPending = sent.length > 0 && !grants.some((g) => g.uploadedBy === user.id);
	if (!inScope && !ownPending) return { found: false };
	// A photo of a note flagged as a safeguarding concern follows the note (sync/withheld.ts).
	const bound = grants.map((g) => g.scope).filter((s) => scopes === 'all' || scopes.includes(s));
	if (sent.length === 0 && (await photoWithheld(db, user, hash, bound))) return { found: false };
	const blob = await getBlob(db, hash);
	if (!blob) return { found: false };
	return { found: true, ...blob };
}
