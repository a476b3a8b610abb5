import type { PushEnvelope } from '$lib/sync/protocol';
import { asPullResponse } from '$lib/sync/protocol-shape';
import { applyPulled, dropScopes } from '../db/apply';
import { sealPage, type SealedPage } from '../db/pull-ahead';
import type { FieldbookDatabase } from '../db/database';
import {
	keepDownloadedPhoto,
	markPhoto,
	photosToUpload,
	sha256Hex,
	unwantPhoto,
	wantedPhotos,
	wantPhotos
} from '../db/photos';
import { getMeta } from '../db/meta';
import { recordSuccess } from '../db/sync-state';
import { pushOutbox } from './push-outbox';

/** How the engine reaches the server: fetch in the app, the real handlers in tests. */
export interface SyncTransport {
	push(body: PushEnvelope): Promise<{ status: number; body: unknown }>;
	pull(since: string | null, limit: number): Promise<{ status: number; body: unknown }>;
	/** PUT /api/blobs/{hash}: 201 stored, 200 already there. */
	putBlob(hash: string, type: string, bytes: ArrayBuffer): Promise<{ status: number }>;
	/** GET /api/blobs/{hash}: 200 with the bytes, 404 not uploaded yet, 403 not yours to see. */
	getBlob(hash: string): Promise<{ status: number; bytes?: ArrayBuffer; type?: string }>;
}

export type SyncOutcome =
	| {
			ok: true;
			pushed: number;
			pulled: number;
			quarantined: number;
			photos: number;
			/** Photos other devices took, fetched by this sync. */
			downloaded: number;
	  }
	| { ok: false; reason: 'signed-out' | 'server-error' | 'stalled'; status?: number };

const PULL_LIMIT = 500;

/** Pushes everything waiting, then pulls everything new (DESIGN.md §3). Nothing is lost on failure. */
export async function syncOnce(
	db: FieldbookDatabase,
	transport: SyncTransport,
	clientId: string,
	now: () => number = Date.now
): Promise<SyncOutcome> {
	// Photos first: a record that names a photo should reach no other device before the photo's
	// bytes can be fetched. A photo the server fails on does not hold back the notes, though:
	// they go on, the photo shows as pending elsewhere, and this sync reports the failure.
	const photos = await uploadPhotos(db, transport);
	if ('ok' in photos) return photos;

	const pushing = await pushOutbox(db, transport, clientId, now);
	if ('ok' in pushing) return pushing;
	const { pushed, quarantined, own } = pushing;

	let pulled = 0;
	let since = await getMeta(db, 'cursor');
	const ask = (from: string | null) => {
		const asked = transport.pull(from, PULL_LIMIT).then((reply) => ({
			status: reply.status,
			page: reply.status === 200 ? asPullResponse(reply.body) : null
		}));
		asked.catch(() => undefined); // awaited in turn; not an unhandled rejection if a page fails
		return asked;
	};
	let asked = ask(since);
	let sealed: Promise<SealedPage | null> | undefined;
	for (;;) {
		const { status, page } = await asked;
		if (status === 401) return { ok: false, reason: 'signed-out', status: 401 };
		if (status !== 200 || !page) return { ok: false, reason: 'server-error', status };
		// The next page is asked for while this one is applied, from this page's cursor: the
		// cursor is stored only with this page, in its transaction, so a failure here drops the
		// answer on its way and the next sync asks from the stored cursor again.
		const next = page.more ? ask(page.cursor) : null;
		// And once this page's rows are handed to IndexedDB, the next page's records are merged
		// and sealed while its transaction commits (issue 16: the commit was most of a page's
		// time, the main thread idle). Nothing is written: the next page is applied over the
		// cursor this one stores, and takes the usual way if it names a record held by then.
		let sealNext: Promise<SealedPage | null> | undefined;
		const whileCommitting = () => {
			sealNext ??= next
				?.then(({ page }) => (page ? sealPage(db, page.changes) : null))
				.catch(() => null); // a page that cannot be sealed now is sealed, or refused, in turn
		};
		// An empty page that leaves the cursor where it was changes nothing: a sync with nothing
		// to fetch then writes nothing here (noop_sync_ms, issue 16).
		if (page.changes.length > 0 || page.cursor !== since) {
			const applied = await applyPulled(db, clientId, page.changes, page.cursor, now(), {
				since,
				own,
				sealed,
				whileCommitting
			});
			// The cursor moved under this pull (a restore, another tab's sync): stop, and let
			// the next sync go on from where the stored cursor says.
			if (!applied) return { ok: false, reason: 'stalled' };
		}
		await wantPhotos(db, namedPhotos(page.changes));
		await dropScopes(db, page.revokedScopes);
		pulled += page.changes.length;
		if (!next) break;
		since = page.cursor;
		asked = next;
		sealed = sealNext;
	}
	const downloaded = await downloadPhotos(db, transport);
	if (photos.failedStatus !== null)
		return { ok: false, reason: 'server-error', status: photos.failedStatus };
	await recordSuccess(db, now());
	return { ok: true, pushed, pulled, quarantined, photos: photos.uploaded, downloaded };
}

/** The photos pulled changes name: a note's photos are fetched after its words arrive. */
function namedPhotos(changes: { fields: Record<string, unknown> }[]): string[] {
	const hashes = new Set<string>();
	for (const change of changes) {
		const named = change.fields.photoHashes;
		if (!Array.isArray(named)) continue;
		for (const hash of named) if (typeof hash === 'string') hashes.add(hash);
	}
	return [...hashes];
}

/**
 * Fetches the photos other devices took that this one lacks, each checked against its
 * SHA-256. One that is not on the server yet (its tablet has not synced) or fails now stays
 * wanted for the next sync; one this user may not see is given up. A failure here never
 * fails the sync: the notes are in, and the photo shows as "not on this tablet yet".
 */
async function downloadPhotos(db: FieldbookDatabase, transport: SyncTransport): Promise<number> {
	let downloaded = 0;
	for (const hash of await wantedPhotos(db)) {
		let reply: Awaited<ReturnType<SyncTransport['getBlob']>>;
		try {
			reply = await transport.getBlob(hash);
		} catch {
			break; // The network went: the rest wait for the next sync.
		}
		if (reply.status === 200 && reply.bytes && (await sha256Hex(reply.bytes)) === hash) {
			await keepDownloadedPhoto(db, hash, reply.bytes, reply.type ?? 'image/jpeg');
			downloaded++;
		} else if (reply.status === 403) await unwantPhoto(db, hash);
		else if (reply.status === 401) break;
	}
	return downloaded;
}

/** Answers the server gives a photo it will never take: kept on the device, shown, not retried. */
const refusals: Record<number, string> = {
	413: 'The photo is larger than the server accepts (2 MB)',
	415: 'The server does not accept this kind of image'
};

/** Uploads what waits; a photo that fails now is tried again next sync. */
async function uploadPhotos(
	db: FieldbookDatabase,
	transport: SyncTransport
): Promise<{ uploaded: number; failedStatus: number | null } | SyncOutcome> {
	let uploaded = 0;
	let failedStatus: number | null = null;
	for (const photo of await photosToUpload(db)) {
		const reply = await transport.putBlob(photo.hash, photo.type, photo.bytes);
		if (reply.status === 401) return { ok: false, reason: 'signed-out', status: 401 };
		if (reply.status === 200 || reply.status === 201) {
			await markPhoto(db, photo.hash);
			uploaded++;
		} else if (refusals[reply.status]) {
			await markPhoto(db, photo.hash, refusals[reply.status]);
		} else if (reply.status === 400 && (await sha256Hex(photo.bytes)) !== photo.hash) {
			// Only bytes damaged on this tablet can never match; damage on the way is retried.
			await markPhoto(db, photo.hash, 'The photo was damaged on this tablet and cannot be sent');
		} else {
			failedStatus ??= reply.status;
		}
	}
	return { uploaded, failedStatus };
}
