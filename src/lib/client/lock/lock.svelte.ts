import type { Device } from '../db/device';
import {
	createKeyring,
	keyringOf,
	setPassphrase,
	unlockWithPassphrase,
	unlockWithServerKey
} from './keyring';
import { openVault } from './open-vault';
import { fetchServerKey } from './server-key';

export type LockStatus = 'checking' | 'setup' | 'locked' | 'unlocked';

/**
 * The lock of the open device (issue 13), as runes for the screens. The data key lives only in
 * the device's vault, in this tab's memory: locking drops it, a reload starts locked. The
 * screen under the lock stays mounted (hidden and inert), so typed input survives a lock.
 */
class DeviceLock {
	status = $state<LockStatus>('checking');
	/** True once this tab has been unlocked: the app's screens exist under the lock from then on. */
	everUnlocked = $state(false);
	/** Bumped at each unlock: live queries that failed while locked run again. */
	epoch = $state(0);
	/** Rows sealed so far by the first unlock after the update, while it runs. */
	sealing = $state<number | null>(null);
	#device: Device | null = null;
	/** Tells this browser's other tabs of the app to lock too (Lock now, pupil mode). */
	#channel: BroadcastChannel | null = null;

	get device(): Device | null {
		return this.#device;
	}

	async attach(device: Device): Promise<void> {
		if (this.#device === device) return;
		this.#device = device;
		if (!this.#channel && typeof BroadcastChannel !== 'undefined') {
			this.#channel = new BroadcastChannel('fieldbook-lock');
			this.#channel.onmessage = () => this.lock(false);
		}
		this.everUnlocked = false;
		this.status = 'checking';
		if (device.db.vault.unlocked || !device.db.vault.sealing) return this.#opened();
		this.status = (await keyringOf(device.db)) ? 'locked' : 'setup';
	}

	/** First sign-in on this tablet: choose the passphrase (online: the server's key wraps too). */
	async setUp(passphrase: string): Promise<void> {
		const device = this.#need();
		const key = await createKeyring(device.db, passphrase, await fetchServerKey());
		await this.#open(key);
	}

	async unlock(passphrase: string): Promise<void> {
		await this.#open(await unlockWithPassphrase(this.#need().db, passphrase));
	}

	/** Forgotten passphrase: a live session's key opens the data key; a new passphrase wraps it. */
	async recover(newPassphrase: string): Promise<void> {
		const { db } = this.#need();
		const serverKey = await fetchServerKey();
		await setPassphrase(db, { serverKey }, newPassphrase);
		await this.#open(await unlockWithServerKey(db, serverKey));
	}

	/** Re-wraps the data key only: no record is touched. */
	change(current: string, next: string): Promise<void> {
		return setPassphrase(this.#need().db, { passphrase: current }, next);
	}

	/** Checks the passphrase without locking (leaving pupil mode). */
	async confirm(passphrase: string): Promise<void> {
		await unlockWithPassphrase(this.#need().db, passphrase);
	}

	/** Drops the key; `everywhere` locks this browser's other tabs of the app as well. */
	lock(everywhere = true): void {
		if (everywhere) this.#channel?.postMessage('lock');
		if (!this.#device || this.status !== 'unlocked') return;
		this.#device.db.vault.drop();
		this.status = 'locked';
	}

	lockOthers(): void {
		this.#channel?.postMessage('lock');
	}

	/** Signed out: nothing of this device stays in memory. */
	detach(): void {
		this.#device?.db.vault.drop();
		this.#device = null;
		this.status = 'checking';
		this.everUnlocked = false;
	}

	async #open(key: CryptoKey): Promise<void> {
		try {
			await openVault(this.#need().db, key, (n) => (this.sealing = n));
		} finally {
			this.sealing = null;
		}
		this.#opened();
	}

	#opened(): void {
		this.status = 'unlocked';
		this.everUnlocked = true;
		this.epoch++;
	}

	#need(): Device {
		if (!this.#device) throw new Error('No device is open');
		return this.#device;
	}
}

export const deviceLock = new DeviceLock();
