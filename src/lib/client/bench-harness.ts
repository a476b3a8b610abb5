import { deviceSession } from './device.svelte';
import { openDevice } from './db/device';
import { storePhoto } from './db/photos';
import { Vault } from './db/vault';
import { writeRecord, writeRecords } from './db/write';
import { createKeyring, keyringOf, unlockWithPassphrase } from './lock/keyring';
import { openVault } from './lock/open-vault';
import { fetchServerKey } from './lock/server-key';
import { syncOnce } from './sync/engine';
import { httpTransport } from './sync/http-transport';
import { syncRunner } from './sync/runner.svelte';
import { exportSource } from './report/export-input';
import type { FieldbookDatabase } from './db/database';

/**
 * The lock screen's work on the harness's own connection (issue 13): the first time, a keyring
 * made with `passphrase` and the server's key, as at a first sign-in; after, the passphrase.
 */
async function unlock(db: FieldbookDatabase, passphrase: string) {
	const key = (await keyringOf(db))
		? await unlockWithPassphrase(db, passphrase)
		: await createKeyring(db, passphrase, await fetchServerKey());
	await openVault(db, key);
}

/**
 * Only in a bench build (`FIELDBOOK_BENCH=1`, see bench/build.js): the app's own device store,
 * write function and sync engine, from the built bundle, on `window.__fieldbookBench` for
 * `npm run bench` to drive. A normal build holds none of this (hooks.client.ts).
 */
export function expose() {
	// Replaces the loader hooks.client.ts put there (a getter).
	Object.defineProperty(globalThis, '__fieldbookBench', {
		configurable: true,
		writable: true,
		value: {
			openDevice,
			unlock,
			// A store in the clear (no sealing), for the bench's encryption-off control.
			clearVault: () => new Vault(false),
			// A sealing store unlocked with `key` (the keyring's PBKDF2 not timed: join_pull_ms).
			sealedVault: (key: CryptoKey) => {
				const vault = new Vault();
				vault.use(key);
				return vault;
			},
			writeRecord,
			writeRecords,
			storePhoto,
			syncOnce,
			httpTransport,
			deviceSession,
			syncRunner,
			// The report exports (issue 11: report_export_ms); their heavy parts load on demand.
			exportSource,
			exportFiles: () => import('./report/export/files'),
			exportFloor: async () => ({
				...(await import('./report/export/docx')),
				papaparse: (await import('papaparse')).default
			})
		}
	});
}
