import { UnreadableBackup } from './backup-file';

/*
 * A backup file sealed with a passphrase (issue 13): the notes never leave the tablet readable.
 * The file is a header line of JSON (format, PBKDF2 salt and iterations, IVs, and a short
 * check value) followed by the AES-GCM ciphertext of dexie-export-import's JSON. The check
 * tells a wrong passphrase from a damaged file; AES-GCM refuses any changed byte.
 */

const MAGIC = 'fieldbook-sealed-backup';
const ITERATIONS = 600_000;
const CHECK = 'fieldbook backup';

/** The passphrase does not open this backup. Nothing on the device was changed. */
export class WrongBackupPassphrase extends Error {}

interface Header {
	format: typeof MAGIC;
	version: 1;
	salt: string;
	iterations: number;
	iv: string;
	check: { iv: string; data: string };
}

const toBase64 = (bytes: Uint8Array) =>
	btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function keyOf(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
	const base = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(passphrase.normalize('NFC')),
		'PBKDF2',
		false,
		['deriveKey']
	);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' },
		base,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

export async function sealBackup(plain: Blob, passphrase: string): Promise<Blob> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const key = await keyOf(passphrase, salt, ITERATIONS);
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const checkIv = crypto.getRandomValues(new Uint8Array(12));
	const check = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv: checkIv },
		key,
		new TextEncoder().encode(CHECK)
	);
	const header: Header = {
		format: MAGIC,
		version: 1,
		salt: toBase64(salt),
		iterations: ITERATIONS,
		iv: toBase64(iv),
		check: { iv: toBase64(checkIv), data: toBase64(new Uint8Array(check)) }
	};
	const body = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(MAGIC) },
		key,
		await plain.arrayBuffer()
	);
	return new Blob([JSON.stringify(header), '\n', body], { type: 'application/octet-stream' });
}

/** True when the file starts as a sealed backup does (else: an older, plain one). */
export async function isSealedBackup(file: Blob): Promise<boolean> {
	return (await file.slice(0, 64).text()).startsWith(`{"format":"${MAGIC}"`);
}

/** The plain backup inside a sealed one; refuses a wrong passphrase or a damaged file. */
export async function openBackup(file: Blob, passphrase: string): Promise<Blob> {
	const bytes = new Uint8Array(await file.arrayBuffer());
	const newline = bytes.indexOf(10);
	let header: Header;
	try {
		header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline))) as Header;
		if (header.format !== MAGIC || header.version !== 1) throw new Error('format');
	} catch {
		throw new UnreadableBackup('This backup file is damaged. Nothing was restored.');
	}
	const key = await keyOf(passphrase, fromBase64(header.salt), header.iterations);
	try {
		await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: fromBase64(header.check.iv) },
			key,
			fromBase64(header.check.data)
		);
	} catch {
		throw new WrongBackupPassphrase(
			'That passphrase does not open this backup. Nothing was restored.'
		);
	}
	try {
		const plain = await crypto.subtle.decrypt(
			{
				name: 'AES-GCM',
				iv: fromBase64(header.iv),
				additionalData: new TextEncoder().encode(MAGIC)
			},
			key,
			bytes.subarray(newline + 1)
		);
		return new Blob([plain], { type: 'application/json' });
	} catch {
		throw new UnreadableBackup('This backup file is damaged. Nothing was restored.');
	}
}
