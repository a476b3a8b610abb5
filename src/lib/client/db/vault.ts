/** Refused: the device is locked, so nothing sealed can be read or written until unlock. */
export class DeviceLocked extends Error {
	constructor() {
		super('The device is locked: unlock it with your passphrase');
	}
}

/**
 * Holds the data key of one open database while it is unlocked, in memory only. Locking drops
 * it: every read or write of sealed content then throws `DeviceLocked` until the next unlock.
 */
export class Vault {
	#key: CryptoKey | null = null;
	/**
	 * Rows opened while unlocked, by table and key, with the ciphertext they came from (see
	 * sealing.ts): a row read again unchanged is not decrypted again. Plain content, so it lives
	 * and goes with the key: as its JSON text when it is all JSON (a copy is then one JSON.parse),
	 * else as a structured clone.
	 */
	readonly opened = new Map<
		string,
		| { iv: Uint8Array; data: ArrayBuffer; json: string }
		| { iv: Uint8Array; data: ArrayBuffer; content: unknown }
	>();
	/** False only for a database opened in the clear on purpose (a bench or test control). */
	readonly sealing: boolean;

	constructor(sealing = true) {
		this.sealing = sealing;
	}

	get unlocked(): boolean {
		return this.#key !== null;
	}

	use(key: CryptoKey): void {
		if (key !== this.#key) this.opened.clear();
		this.#key = key;
	}

	drop(): void {
		this.#key = null;
		this.opened.clear();
	}

	key(): CryptoKey {
		if (!this.#key) throw new DeviceLocked();
		return this.#key;
	}
}
