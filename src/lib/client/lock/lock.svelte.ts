import type { Device } from '../db/device';
import type { DevicePeek } from '../db/peek';
import {
	createKeyring,
	keyringOf,
	setPassphrase,
	unlockWithPassphrase,
	unlockWithServerKey
} from './keyring';
import { fetchServerKey } from './server-key';

export type LockStatus = 'checking' | 'setup' | 'locked' | 'unlocked';

/** How a device not open yet is opened, and what to do once it is unlocked (+layout.ts). */
export interface DeviceOpener {
	open(): Promise<Device>;
	/** Runs after the unlock, before the app shows: the layout's data gets the open device. */
	opened(): Promise<void>;
}

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
	#opener: DeviceOpener | null = null;
	#opening: Promise<Device> | null = null;
	/** Tells this browser's other tabs of the app to lock too (Lock now, pupil mode). */
	#channel: BroadcastChannel | null = null;

	get device(): Device | null {
		return this.#device;
	}

	async attach(device: Device): Promise<void> {
		if (this.#device === device) return;
		this.#device = device;
		this.#opener = null;
		this.#listen();
		this.everUnlocked = false;
		this.status = 'checking';
		if (device.db.vault.unlocked || !device.db.vault.sealing) return this.#opened();
		this.status = (await keyringOf(device.db)) ? 'locked' : 'setup';
	}

	/**
	 * The lock of a device not open yet, from a peek at its store (db/peek.ts): the lock screen
	 * or the passphrase choice draws without Dexie; `opener` opens the store when it is needed
	 * (prepare, or the passphrase).
	 */
	expect(seen: DevicePeek, opener: DeviceOpener): void {
		if (this.#device || this.#opener) return;
		this.#opener = opener;
		this.#listen();
		this.everUnlocked = false;
		this.status = seen.keyring ? 'locked' : 'setup';
	}

	/** Opens the expected device ahead of the passphrase (the task after the lock's first frame). */
	prepare(): void {
		this.#need().catch(() => undefined); // tried again, and said, at the passphrase
	}

	/** First sign-in on this tablet: choose the passphrase (online: the server's key wraps too). */
	async setUp(passphrase: string): Promise<void> {
		const device = await this.#need();
		const key = await createKeyring(device.db, passphrase, await fetchServerKey());
		await this.#open(key);
	}

	async unlock(passphrase: string): Promise<void> {
		await this.#open(await unlockWithPassphrase((await this.#need()).db, passphrase));
	}

	/** Forgotten passphrase: a live session's key opens the data key; a new passphrase wraps it. */
	async recover(newPassphrase: string): Promise<void> {
		const { db } = await this.#need();
		const serverKey = await fetchServerKey();
		await setPassphrase(db, { serverKey }, newPassphrase);
		await this.#open(await unlockWithServerKey(db, serverKey));
	}

	/** Re-wraps the data key only: no record is touched. */
	async change(current: string, next: string): Promise<void> {
		await setPassphrase((await this.#need()).db, { passphrase: current }, next);
	}

	/** Checks the passphrase without locking (leaving pupil mode). */
	async confirm(passphrase: string): Promise<void> {
		await unlockWithPassphrase((await this.#need()).db, passphrase);
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
		this.#opener = null;
		this.#opening = null;
		this.status = 'checking';
		this.everUnlocked = false;
	}

	async #open(key: CryptoKey): Promise<void> {
		const device = await this.#need();
		// With the device's store: it seals older rows (Dexie), which the lock screen does without.
		const { openVault } = await import('./open-vault');
		try {
			await openVault(device.db, key, (n) => (this.sealing = n));
		} finally {
			this.sealing = null;
		}
		await this.#opener?.opened();
		this.#opener = null;
		this.#opened();
	}

	#opened(): void {
		this.status = 'unlocked';
		this.everUnlocked = true;
		this.epoch++;
	}

	async #need(): Promise<Device> {
		if (this.#device) return this.#device;
		const opener = this.#opener;
		if (!opener) throw new Error('No device is open');
		this.#opening ??= opener.open().finally(() => (this.#opening = null));
		const device = await this.#opening;
		// Signed out meanwhile, or another user's device expected now: not this one.
		if (this.#opener !== opener) throw new Error('No device is open');
		this.#device = device;
		return device;
	}

	#listen(): void {
		if (this.#channel || typeof BroadcastChannel === 'undefined') return;
		this.#channel = new BroadcastChannel('fieldbook-lock');
		this.#channel.onmessage = () => this.lock(false);
	}
}

export const deviceLock = new DeviceLock();
