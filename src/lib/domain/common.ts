import { z } from 'zod';

/** Every synced record's id is a UUIDv7 made on the device, so ids sort by creation time. */
export const recordIdSchema = z
	.uuidv7()
	.describe('UUIDv7 made on the device that created the record');

/** Server-made ids (users) are UUIDv7 too. */
export const userIdSchema = z.uuidv7().describe('id of a user account on the server');

export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/** Deletes are a tombstone field, merged like any other field (DESIGN.md §3). */
export const deletedSchema = z.boolean().describe('tombstone: true once the record is deleted');

/** Trimmed, non-empty, bounded text: the shape of every name and title. */
export function label(max: number) {
	return z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`);
}

export const sha256HexSchema = z
	.string()
	.regex(/^[0-9a-f]{64}$/, 'A SHA-256 hash in lower-case hex')
	.describe('content address of a photo: SHA-256 of its stored bytes');
