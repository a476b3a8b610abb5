import type { FieldbookDatabase, KeyringEntry } from '../db/database';
import { addKeyring, keyringOf, recordUnlockTries, rewrapByPassphrase } from '../db/keyring';
import { newDataKey } from '../db/sealed';
import { MIN_PASSPHRASE, unlockWaitMs } from '$lib/domain/unlock-wait';

/*
 * The data key and its two wrappings (DESIGN.md §4), with Web Crypto only. The data key is a
 * random AES-GCM-256 key made on this device for this user; it is stored only wrapped: by a key
 * derived from the passphrase (PBKDF2-SHA256, 600,000 iterations: OWASP 2023) and by the user's
 * key on the server, which hands it only to a live session. Once unwrapped it is a
 * non-extractable CryptoKey held in memory until the device locks.
 */

export const PBKDF2_ITERATIONS = 600_000;

/** The passphrase was not the one: says so, with how many tries are left before a wait. */
export class WrongPassphrase extends Error {}
/** Too many wrong passphrases in a row: the next try waits until `retryAt` (epoch ms). */
export class TryLater extends Error {
	constructor(readonly retryAt: number) {
		super('Too many wrong passphrases. Wait before trying again.');
	}
}

const AES = { name: 'AES-GCM', length: 256 } as const;
const USES: KeyUsage[] = ['encrypt', 'decrypt'];

export function passphraseProblem(passphrase: string): string | null {
	return passphrase.length < MIN_PASSPHRASE ? `Use at least ${MIN_PASSPHRASE} characters.` : null;
}

async function passphraseKey(passphrase: string, salt: Uint8Array, iterations: number) {
	const base = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(passphrase.normalize('NFC')),
		'PBKDF2',
		false,
		['deriveKey']
	);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', salt: new Uint8Array(salt), iterations, hash: 'SHA-256' },
		base,
		AES,
		false,
		['wrapKey', 'unwrapKey']
	);
}

/** The server's 32-byte key (base64) as a wrapping key. */
export function serverWrappingKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
	return crypto.subtle.importKey('raw', raw, AES, false, ['wrapKey', 'unwrapKey']);
}

async function wrap(dataKey: CryptoKey, by: CryptoKey) {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const wrapped = await crypto.subtle.wrapKey('raw', dataKey, by, { name: 'AES-GCM', iv });
	return { iv, wrapped };
}

function unwrap(
	entry: { iv: Uint8Array; wrapped: ArrayBuffer },
	by: CryptoKey,
	extractable: boolean
) {
	return crypto.subtle.unwrapKey(
		'raw',
		entry.wrapped,
		by,
		{ name: 'AES-GCM', iv: new Uint8Array(entry.iv) },
		AES,
		extractable,
		USES
	);
}

export { keyringOf } from '../db/keyring';

/**
 * First sign-in on this device: a new data key, wrapped by the passphrase and by the server's
 * key. Returns the data key, non-extractable, ready for the vault.
 */
export async function createKeyring(
	db: FieldbookDatabase,
	passphrase: string,
	serverKey: CryptoKey
): Promise<CryptoKey> {
	const problem = passphraseProblem(passphrase);
	if (problem) throw new WrongPassphrase(problem);
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const dataKey = await newDataKey(true);
	const entry: KeyringEntry = {
		id: 'dataKey',
		salt,
		iterations: PBKDF2_ITERATIONS,
		byPassphrase: await wrap(dataKey, await passphraseKey(passphrase, salt, PBKDF2_ITERATIONS)),
		byServer: await wrap(dataKey, serverKey),
		failures: 0,
		nextTryAt: 0,
		sealedAll: false
	};
	// add, not put: a keyring another tab made meanwhile is never overwritten.
	await addKeyring(db, entry);
	return unwrap(entry.byServer, serverKey, false);
}

/** Unlock with the passphrase; counts wrong tries on the device, so a reload does not reset them. */
export async function unlockWithPassphrase(
	db: FieldbookDatabase,
	passphrase: string,
	now = Date.now()
): Promise<CryptoKey> {
	const entry = await keyringOf(db);
	if (!entry) throw new Error('No passphrase is set on this device');
	if (entry.nextTryAt > now) throw new TryLater(entry.nextTryAt);
	try {
		const key = await unwrap(
			entry.byPassphrase,
			await passphraseKey(passphrase, entry.salt, entry.iterations),
			false
		);
		if (entry.failures > 0) await recordUnlockTries(db, 0, 0);
		return key;
	} catch {
		const failures = entry.failures + 1;
		const wait = unlockWaitMs(failures);
		await recordUnlockTries(db, failures, wait ? now + wait : 0);
		if (wait) throw new TryLater(now + wait);
		throw new WrongPassphrase('That passphrase is not the one for this tablet.');
	}
}

/** Recovery: the server's key (a live session) opens the data key whatever the passphrase. */
export async function unlockWithServerKey(db: FieldbookDatabase, serverKey: CryptoKey) {
	const entry = await keyringOf(db);
	if (!entry) throw new Error('No passphrase is set on this device');
	return unwrap(entry.byServer, serverKey, false);
}

/**
 * A new passphrase, opened by the old one or (forgotten) by the server's key: only the wrapping
 * changes, never a record. Resets the count of wrong tries.
 */
export async function setPassphrase(
	db: FieldbookDatabase,
	opener: { passphrase: string } | { serverKey: CryptoKey },
	newPassphrase: string
): Promise<void> {
	const problem = passphraseProblem(newPassphrase);
	if (problem) throw new WrongPassphrase(problem);
	const entry = await keyringOf(db);
	if (!entry) throw new Error('No passphrase is set on this device');
	let dataKey: CryptoKey;
	try {
		dataKey =
			'serverKey' in opener
				? await unwrap(entry.byServer, opener.serverKey, true)
				: await unwrap(
						entry.byPassphrase,
						await passphraseKey(opener.passphrase, entry.salt, entry.iterations),
						true
					);
	} catch {
		throw new WrongPassphrase('The current passphrase is not the one for this tablet.');
	}
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const byPassphrase = await wrap(
		dataKey,
		await passphraseKey(newPassphrase, salt, PBKDF2_ITERATIONS)
	);
	await rewrapByPassphrase(db, { salt, iterations: PBKDF2_ITERATIONS, byPassphrase });
}
