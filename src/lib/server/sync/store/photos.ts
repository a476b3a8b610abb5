import type { DB } from '../../db';
import { blobDir, readBlobFile, writeBlobFile } from './blob-files';
import { chunked } from './chunks';

/*
 * The photo index (DESIGN.md §4): the bytes by hash, who sent which, the hashes each user's
 * accepted records named per scope, and the scopes each photo was uploaded into.
 */

/**
 * Keeps the bytes under their hash, once, whoever sends them: in the database, or as a file
 * in FIELDBOOK_BLOB_DIR with a row that holds no bytes (its `size` says how many the file has).
 */
export async function putBlob(
	db: DB,
	blob: { hash: string; contentType: string; bytes: Uint8Array; uploadedBy: string },
	now: number
): Promise<void> {
	const inFile = blobDir() !== null;
	if (inFile) await writeBlobFile(blob.hash, blob.bytes);
	await db
		.insertInto('blobs')
		.values({
			hash: blob.hash,
			content_type: blob.contentType,
			bytes: inFile ? new Uint8Array(0) : blob.bytes,
			size: blob.bytes.byteLength,
			uploaded_by: blob.uploadedBy,
			created_at: now
		})
		.onConflict((oc) => oc.column('hash').doNothing())
		.execute();
}

/** A photo's type and bytes, wherever they are kept (rows from before a blob directory keep theirs). */
export async function getBlob(db: DB, hash: string) {
	const blob = await db
		.selectFrom('blobs')
		.select(['content_type', 'bytes', 'size'])
		.where('hash', '=', hash)
		.executeTakeFirst();
	if (!blob) return undefined;
	const inFile = blob.bytes.byteLength === 0 && Number(blob.size) > 0;
	const bytes = inFile ? await readBlobFile(hash) : blob.bytes;
	return bytes ? { contentType: blob.content_type, bytes } : undefined;
}

/** Records that this user sent these bytes; true the first time. */
export async function recordUpload(db: DB, hash: string, userId: string, now: number) {
	const upload = await db
		.insertInto('blob_uploads')
		.values({ hash, user_id: userId, created_at: now })
		.onConflict((oc) => oc.columns(['hash', 'user_id']).doNothing())
		.executeTakeFirst();
	return Number(upload.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Of these hashes, the ones this user sent. */
export async function uploadedBy(db: DB, userId: string, hashes: string[]): Promise<string[]> {
	const sent: string[] = [];
	for (const slice of chunked([...new Set(hashes)])) {
		const rows = await db
			.selectFrom('blob_uploads')
			.select('hash')
			.where('user_id', '=', userId)
			.where('hash', 'in', slice)
			.execute();
		sent.push(...rows.map((r) => r.hash));
	}
	return sent;
}

/** Remembers that this user's accepted records name these hashes, each in its scope. */
export async function recordNames(
	db: DB,
	userId: string,
	names: { hash: string; scope: string }[]
) {
	const rows = new Map(names.map((n) => [`${n.scope} ${n.hash}`, n]));
	for (const slice of chunked([...rows.values()])) {
		await db
			.insertInto('photo_names')
			.values(slice.map(({ hash, scope }) => ({ hash, scope, user_id: userId })))
			.onConflict((oc) => oc.columns(['hash', 'user_id', 'scope']).doNothing())
			.execute();
	}
}

/** The scopes in which this user's records named the hash. */
export async function namingScopes(db: DB, userId: string, hash: string): Promise<string[]> {
	const rows = await db
		.selectFrom('photo_names')
		.select('scope')
		.where('hash', '=', hash)
		.where('user_id', '=', userId)
		.execute();
	return rows.map((r) => r.scope);
}

/** Binds photos this user uploaded to scopes: the scopes' readers read them. */
export async function grantScopes(
	db: DB,
	userId: string,
	grants: { hash: string; scope: string }[],
	now: number
) {
	const rows = new Map(grants.map((g) => [`${g.scope} ${g.hash}`, g]));
	for (const slice of chunked([...rows.values()])) {
		await db
			.insertInto('blob_scopes')
			.values(slice.map((g) => ({ ...g, uploaded_by: userId, created_at: now })))
			.onConflict((oc) => oc.columns(['hash', 'scope', 'uploaded_by']).doNothing())
			.execute();
	}
}

/** The scopes a photo was uploaded into, and by whom. */
export async function grantsOf(db: DB, hash: string) {
	const rows = await db
		.selectFrom('blob_scopes')
		.select(['scope', 'uploaded_by'])
		.where('hash', '=', hash)
		.execute();
	return rows.map((r) => ({ scope: r.scope, uploadedBy: r.uploaded_by }));
}
