import type { Page } from '@playwright/test';
import { TEST_PASSPHRASE } from './pages';

/**
 * Every row of one table of the user's device store, opened the way only the passphrase's
 * holder can (issue 13): the data key unwrapped from the keyring with PBKDF2, each row decrypted
 * with AES-GCM and its table and key as additional data, then decoded ([u32 JSON length][JSON]
 * [binary parts]; binary parts are returned as base64). Written apart from the app's code on purpose: it reads the format on disk.
 */
export function openedRows(
	page: Page,
	userId: string,
	table: string,
	passphrase = TEST_PASSPHRASE
): Promise<Record<string, unknown>[]> {
	return page.evaluate(
		async ({ name, table, passphrase }) => {
			const request = <T>(r: IDBRequest<T>) =>
				new Promise<T>((resolve, reject) => {
					r.onsuccess = () => resolve(r.result);
					r.onerror = () => reject(r.error);
				});
			const db = await request(indexedDB.open(name));
			const [ring] = await request(db.transaction('keyring').objectStore('keyring').getAll());
			const rows = await request(db.transaction(table).objectStore(table).getAll());
			const keyPath = db.transaction(table).objectStore(table).keyPath as string;
			db.close();
			const base = await crypto.subtle.importKey(
				'raw',
				new TextEncoder().encode(passphrase),
				'PBKDF2',
				false,
				['deriveKey']
			);
			const wrapping = await crypto.subtle.deriveKey(
				{ name: 'PBKDF2', salt: ring.salt, iterations: ring.iterations, hash: 'SHA-256' },
				base,
				{ name: 'AES-GCM', length: 256 },
				false,
				['unwrapKey']
			);
			const key = await crypto.subtle.unwrapKey(
				'raw',
				ring.byPassphrase.wrapped,
				wrapping,
				{ name: 'AES-GCM', iv: ring.byPassphrase.iv },
				'AES-GCM',
				false,
				['decrypt']
			);
			const opened = [];
			for (const row of rows) {
				const label = new TextEncoder().encode(`${table}\u0000${JSON.stringify(row[keyPath])}`);
				const plain = new Uint8Array(
					await crypto.subtle.decrypt(
						{ name: 'AES-GCM', iv: row.sealed.iv, additionalData: label },
						key,
						row.sealed.data
					)
				);
				const length = new DataView(plain.buffer).getUint32(0);
				const body = 4 + length;
				const content = JSON.parse(new TextDecoder().decode(plain.subarray(4, body)), (_k, v) => {
					const tag = v && typeof v === 'object' ? v['$fieldbook-binary'] : undefined;
					if (!tag) return v;
					// Binary parts come back as base64: page.evaluate cannot return an ArrayBuffer.
					const copy = plain.slice(body + tag[0], body + tag[0] + tag[1]);
					let text = '';
					for (const byte of copy) text += String.fromCharCode(byte);
					return btoa(text);
				});
				const { sealed: _sealed, ...clear } = row;
				opened.push({ ...content, ...clear });
			}
			return opened;
		},
		{ name: `fieldbook-${userId}`, table, passphrase }
	);
}
