/*
 * The codec of every sealed value on the device (DESIGN.md §4): AES-GCM with the user's data key,
 * a fresh random 96-bit IV for each write, and the row's table and primary key as additional
 * data, so a ciphertext copied onto another row is refused rather than read as that row.
 * Values are serialised as JSON, with ArrayBuffers (photo bytes) carried beside it as raw bytes,
 * not as base64, so a 400 KB photo costs one copy, not a third more.
 */

/** What a sealed row keeps of its content: the IV and the ciphertext (GCM tag included). */
export interface Sealed {
	iv: Uint8Array;
	data: ArrayBuffer;
}

/** Refused: the ciphertext was changed, belongs to another row, or the key is not the one. */
export class Unreadable extends Error {}

const BINARY_TAG = '$fieldbook-binary';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Additional data binding a ciphertext to its row. */
export function rowLabel(table: string, key: unknown): Uint8Array<ArrayBuffer> {
	return encoder.encode(`${table}\u0000${JSON.stringify(key)}`);
}

/**
 * Whether `value` is plain JSON data (objects of Object, arrays, strings, numbers, booleans,
 * null) that JSON.stringify writes as it is, with nothing for encode's replacer to lift out or
 * refuse. A record, an outbox change or a draft is; a photo's row (bytes) is not. Deep values,
 * and any object with a toJSON of its own, are left to the replacer.
 */
export function isPlainData(value: unknown, depth = 0): boolean {
	if (value === null || typeof value !== 'object') return true;
	if (depth > 32) return false;
	if (Array.isArray(value)) {
		for (const item of value) if (!isPlainData(item, depth + 1)) return false;
		return true;
	}
	const proto: unknown = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== null) return false;
	const record = value as Record<string, unknown>;
	if ('toJSON' in record) return false;
	for (const key in record) if (!isPlainData(record[key], depth + 1)) return false;
	return true;
}

/** The encoding of plain data (isPlainData) already written as JSON: [u32 length][JSON]. */
export function encodeJson(json: string): Uint8Array<ArrayBuffer> {
	// ASCII text (most notes) is as many bytes as characters: encoded in place, in one buffer,
	// not encoded and then copied behind the length (the day sync's profile, issue 16).
	const ascii = new Uint8Array(4 + json.length);
	if (encoder.encodeInto(json, ascii.subarray(4)).read === json.length) {
		new DataView(ascii.buffer).setUint32(0, json.length);
		return ascii;
	}
	const head = encoder.encode(json);
	const out = new Uint8Array(4 + head.byteLength);
	new DataView(out.buffer).setUint32(0, head.byteLength);
	out.set(head, 4);
	return out;
}

/** JSON with binary parts lifted out: [u32 JSON length][JSON][binary parts]. */
export function encode(value: unknown): Uint8Array<ArrayBuffer> {
	// Plain data is written by JSON.stringify alone: a replacer called for every value costs
	// more than the rest of sealing a record (the day sync's profile, issue 16).
	if (isPlainData(value)) return encodeJson(JSON.stringify(value) ?? 'null');
	const parts: Uint8Array[] = [];
	let offset = 0;
	const json = JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
		const raw = this[key];
		if (raw instanceof ArrayBuffer || raw instanceof Uint8Array) {
			const bytes = raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw;
			parts.push(bytes);
			const tag = { [BINARY_TAG]: [offset, bytes.byteLength, raw instanceof Uint8Array ? 1 : 0] };
			offset += bytes.byteLength;
			return tag;
		}
		if (raw instanceof Date || raw instanceof Blob || raw instanceof Map || raw instanceof Set)
			throw new TypeError(`A sealed value cannot hold a ${raw.constructor.name} (field ${key})`);
		return v;
	});
	const head = encoder.encode(json ?? 'null');
	const out = new Uint8Array(4 + head.byteLength + offset);
	new DataView(out.buffer).setUint32(0, head.byteLength);
	out.set(head, 4);
	let at = 4 + head.byteLength;
	for (const part of parts) {
		out.set(part, at);
		at += part.byteLength;
	}
	return out;
}

export function decode(bytes: Uint8Array): unknown {
	return decodeText(bytes).value;
}

/**
 * The value, and its JSON text when that is all of it (no binary part): JSON.parse of that text
 * gives the value again, a copy made faster than structuredClone's (sealing.ts remembers it).
 */
export function decodeText(bytes: Uint8Array): { value: unknown; json?: string } {
	const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
	const body = 4 + length;
	const json = decoder.decode(bytes.subarray(4, body));
	// No binary part named in the JSON: JSON.parse needs no reviver called for every value.
	if (!json.includes(`"${BINARY_TAG}"`)) return { value: JSON.parse(json), json };
	const value: unknown = JSON.parse(json, (_key, v: unknown) => {
		if (v && typeof v === 'object' && BINARY_TAG in v) {
			const [start, size, typed] = (v as Record<string, [number, number, number]>)[BINARY_TAG]!;
			const copy = bytes.slice(body + start, body + start + size);
			return typed ? copy : copy.buffer;
		}
		return v;
	});
	return { value };
}

export async function seal(
	key: CryptoKey,
	value: unknown,
	label: Uint8Array<ArrayBuffer>
): Promise<Sealed> {
	return sealBytes(key, encode(value), label);
}

/** Seals bytes already encoded (encode, encodeJson). */
export async function sealBytes(
	key: CryptoKey,
	bytes: Uint8Array<ArrayBuffer>,
	label: Uint8Array<ArrayBuffer>
): Promise<Sealed> {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const data = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: label },
		key,
		bytes
	);
	return { iv, data };
}

export async function unseal(
	key: CryptoKey,
	sealed: Sealed,
	label: Uint8Array<ArrayBuffer>
): Promise<unknown> {
	return (await unsealText(key, sealed, label)).value;
}

/** unseal, with the JSON text of a value that is all JSON (decodeText). */
export async function unsealText(
	key: CryptoKey,
	sealed: Sealed,
	label: Uint8Array<ArrayBuffer>
): Promise<{ value: unknown; json?: string }> {
	let plain: ArrayBuffer;
	try {
		plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: new Uint8Array(sealed.iv), additionalData: label },
			key,
			sealed.data
		);
	} catch {
		throw new Unreadable('This record cannot be read with this key: changed, moved or not ours');
	}
	return decodeText(new Uint8Array(plain));
}

/** A fresh AES-GCM-256 data key. Extractable only so that it can be wrapped once at creation. */
export function newDataKey(extractable = false): Promise<CryptoKey> {
	return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, extractable, [
		'encrypt',
		'decrypt'
	]);
}
