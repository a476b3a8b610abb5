import type { Kysely } from 'kysely';

/*
 * Photos bound to scopes (DESIGN.md §4): a photo is read through the scopes it was uploaded
 * into, never through a record that merely names its hash. Portable column types only: the
 * same migration runs on PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
	// Who sent which bytes. PUT answers 201 the first time a user sends a hash, 200 after:
	// per user, so the answer says nothing about anyone else's photos.
	await db.schema
		.createTable('blob_uploads')
		.addColumn('hash', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('blob_uploads_pk', ['hash', 'user_id'])
		.execute();
	// Hashes named by a user's accepted records, per scope: a photo uploaded after its record
	// is bound to the record's scope when its bytes arrive.
	await db.schema
		.createTable('photo_names')
		.addColumn('hash', 'text', (c) => c.notNull())
		.addColumn('scope', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('photo_names_pk', ['hash', 'user_id', 'scope'])
		.execute();
	// The scopes a photo was uploaded into, and by whom: readers of the scope read the photo.
	await db.schema
		.createTable('blob_scopes')
		.addColumn('hash', 'text', (c) => c.notNull())
		.addColumn('scope', 'text', (c) => c.notNull())
		.addColumn('uploaded_by', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('blob_scopes_pk', ['hash', 'scope', 'uploaded_by'])
		.execute();

	// Photos stored before: each is its uploader's, bound to the scopes of records where the
	// uploader wrote the photo list naming it (the only honest way it could be there).
	const t = db as Kysely<Legacy>;
	const blobs = await t.selectFrom('blobs').select(['hash', 'uploaded_by', 'created_at']).execute();
	if (blobs.length === 0) return;
	const uploader = new Map(blobs.map((b) => [b.hash, b]));
	await t
		.insertInto('blob_uploads')
		.values(blobs.map((b) => ({ hash: b.hash, user_id: b.uploaded_by, created_at: b.created_at })))
		.execute();
	const lists = await t
		.selectFrom('record_fields')
		.innerJoin('records', 'records.id', 'record_fields.record_id')
		.select(['records.scope', 'record_fields.value_json', 'record_fields.author'])
		.where('record_fields.field', '=', 'photoHashes')
		.execute();
	const grants = new Map<string, Legacy['blob_scopes']>();
	for (const row of lists) {
		const hashes: unknown = JSON.parse(row.value_json);
		for (const hash of Array.isArray(hashes) ? hashes : []) {
			const blob = typeof hash === 'string' ? uploader.get(hash) : undefined;
			if (blob?.uploaded_by !== row.author) continue;
			const grant = {
				hash,
				scope: row.scope,
				uploaded_by: row.author,
				created_at: blob.created_at
			};
			grants.set(`${hash} ${row.scope}`, grant);
		}
	}
	if (grants.size > 0)
		await t
			.insertInto('blob_scopes')
			.values([...grants.values()])
			.execute();
}

interface Legacy {
	blobs: { hash: string; uploaded_by: string; created_at: number };
	blob_uploads: { hash: string; user_id: string; created_at: number };
	blob_scopes: { hash: string; scope: string; uploaded_by: string; created_at: number };
	record_fields: { record_id: string; field: string; value_json: string; author: string };
	records: { id: string; scope: string };
}
