import type { FieldbookDatabase, KeyringEntry } from './database';

/*
 * The `keyring` table's one row (the data key, wrapped twice: lock/keyring.ts does the crypto).
 * Every read and write of it is here, so the lock reaches the table through client/db only.
 */

export async function keyringOf(db: FieldbookDatabase): Promise<KeyringEntry | undefined> {
	return db.keyring.get('dataKey');
}

/** add, not put: a keyring another tab made meanwhile is never overwritten (the add fails). */
export async function addKeyring(db: FieldbookDatabase, entry: KeyringEntry): Promise<void> {
	await db.keyring.add(entry);
}

/** Wrong passphrases in a row, and when the next try is allowed (0: now). */
export async function recordUnlockTries(
	db: FieldbookDatabase,
	failures: number,
	nextTryAt: number
): Promise<void> {
	await db.keyring.update('dataKey', { failures, nextTryAt });
}

/** A new passphrase's wrapping of the same data key; the count of wrong tries starts again. */
export async function rewrapByPassphrase(
	db: FieldbookDatabase,
	wrapping: Pick<KeyringEntry, 'salt' | 'iterations' | 'byPassphrase'>
): Promise<void> {
	await db.keyring.update('dataKey', { ...wrapping, failures: 0, nextTryAt: 0 });
}

/** Every row written before encryption has been sealed (seal-in-place.ts). */
export async function markSealedAll(db: FieldbookDatabase): Promise<void> {
	await db.keyring.update('dataKey', { sealedAll: true });
}
