import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/*
 * FIELDBOOK_BLOB_DIR: photos' bytes as files in a directory every instance shares, named by
 * their SHA-256, instead of in the database. A file is complete before its row commits (written
 * aside, synced, then renamed into place), so a crash leaves at worst a file nobody names —
 * never a row without its bytes. Two instances writing the same photo write the same bytes.
 */

let dir: string | null = null;

/** Set once at start (hooks.server.ts); null keeps photos in the database. */
export function useBlobDir(path: string | null): void {
	if (path) mkdirSync(path, { recursive: true });
	dir = path;
}

export function blobDir(): string | null {
	return dir;
}

export async function writeBlobFile(hash: string, bytes: Uint8Array): Promise<void> {
	const target = join(dir!, hash);
	const aside = join(dir!, `.${hash}.${randomBytes(6).toString('hex')}`);
	const file = await open(aside, 'w');
	try {
		await file.writeFile(bytes);
		await file.sync();
	} finally {
		await file.close();
	}
	try {
		await rename(aside, target);
	} catch (error) {
		await rm(aside, { force: true });
		throw error;
	}
}

/** The bytes of a photo kept as a file, or undefined when there is no such file here. */
export async function readBlobFile(hash: string): Promise<Uint8Array | undefined> {
	if (!dir) return undefined;
	try {
		return new Uint8Array(await readFile(join(dir, hash)));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}
