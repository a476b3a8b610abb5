import { forgetDevice, openDevice, type Device } from './db/device';

/** The signed-in user's device store, opened once per tab after sign-in. */
class DeviceSession {
	current = $state<Device | null>(null);
	#opening: Promise<Device> | null = null;

	/** Opens the user's database (once; a second call for the same user gets the same one). */
	async open(userId: string): Promise<Device> {
		if (this.current?.userId === userId) return this.current;
		if (this.#opening) {
			const opened = await this.#opening;
			if (opened.userId === userId) return opened;
		}
		this.current?.db.close();
		this.current = null;
		this.#opening = openDevice(userId);
		try {
			this.current = await this.#opening;
			return this.current;
		} finally {
			this.#opening = null;
		}
	}

	/** After sign-out: deletes this user's data from the device. Throws UnsyncedWork if any waits. */
	async forget(): Promise<void> {
		if (!this.current) return;
		const { userId } = this.current;
		await forgetDevice(this.current);
		this.current = null;
		// The people list's module (and its schema) loads only here, at sign-out.
		await (await import('./people')).forgetPeople(userId);
	}
}

export const deviceSession = new DeviceSession();
