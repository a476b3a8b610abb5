import { get, set } from 'idb-keyval';

export const DEFAULT_IDLE_MINUTES = 10;
export const IDLE_CHOICES = [1, 2, 5, 10, 15, 30] as const;
const settingKey = 'lockAfterMinutes';
/** How often the idle time is checked: a sleeping tablet's timers may not fire at all. */
const CHECK_MS = 5_000;
const ACTIVITY = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;

/**
 * Locks after `minutes` without a touch or a key, and when the app comes back after being
 * hidden longer than that (issue 13). The time is a device setting (Settings), not a secret.
 */
class IdleLock {
	minutes = $state(DEFAULT_IDLE_MINUTES);
	#last = Date.now();
	#loaded = false;

	/** Reads the setting once per tab (the layout asks on every navigation). */
	async load(): Promise<void> {
		if (this.#loaded) return;
		this.#loaded = true;
		const held = await get<number>(settingKey).catch(() => undefined);
		if (typeof held === 'number' && held > 0) this.minutes = held;
	}

	async choose(minutes: number): Promise<void> {
		this.minutes = minutes;
		this.#last = Date.now();
		await set(settingKey, minutes);
	}

	/** Watches this window; calls `lock` once idle. Returns the function that stops watching. */
	watch(lock: () => void, target: Window = window): () => void {
		const touched = () => (this.#last = Date.now());
		const check = () => {
			if (Date.now() - this.#last >= this.minutes * 60_000) lock();
		};
		const visibility = () => {
			if (target.document.visibilityState === 'visible') check();
		};
		touched();
		for (const kind of ACTIVITY)
			target.addEventListener(kind, touched, { passive: true, capture: true });
		target.document.addEventListener('visibilitychange', visibility);
		const timer = target.setInterval(check, CHECK_MS);
		return () => {
			for (const kind of ACTIVITY) target.removeEventListener(kind, touched, { capture: true });
			target.document.removeEventListener('visibilitychange', visibility);
			target.clearInterval(timer);
		};
	}
}

export const idleLock = new IdleLock();
