import { sha256HexSchema } from '$lib/domain/common';
import { database } from '$lib/server/db';
import { apiError, readBody, requireUser } from '$lib/server/http';
import { MAX_PHOTO_BYTES, photoTypes, readBlob, storeBlob } from '$lib/server/sync/blobs';
import type { RequestHandler } from './$types';

function hashOf(params: { hash: string }): string | null {
	const hash = sha256HexSchema.safeParse(params.hash);
	return hash.success ? hash.data : null;
}

export const PUT: RequestHandler = async ({ locals, request, params }) => {
	const user = requireUser(locals, ['admin', 'advisor']);
	const hash = hashOf(params);
	if (!hash) return apiError(400, 'invalid', 'The address is a SHA-256 in lower-case hex');
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim();
	if (!photoTypes.has(type))
		return apiError(415, 'unsupported-media-type', 'Send a JPEG, PNG or WebP photo');
	const bytes = await readBody(request, MAX_PHOTO_BYTES, 'A photo is at most 2 MB once resized');
	const outcome = await storeBlob(database(), user, hash, type, bytes);
	if (outcome === 'hash-mismatch')
		return apiError(400, 'hash-mismatch', 'The bytes do not have the SHA-256 in the address');
	return new Response(null, { status: outcome === 'created' ? 201 : 200 });
};

export const GET: RequestHandler = async ({ locals, params }) => {
	const user = requireUser(locals);
	const hash = hashOf(params);
	if (!hash) return apiError(404, 'not-found', 'No such photo');
	const blob = await readBlob(database(), user, hash);
	// Absent or not yours: one answer, so that a hash tells nobody whether a photo exists.
	if (!blob.found) return apiError(404, 'not-found', 'No such photo, or not one you may see');
	// hooks.server.ts marks every /api/ answer no-store: the device keeps photos in IndexedDB.
	return new Response(Buffer.from(blob.bytes), { headers: { 'content-type': blob.contentType } });
};
