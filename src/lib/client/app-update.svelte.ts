import { Workbox } from 'workbox-window';

export type UpdateState = 'none' | 'waiting' | 'installing' | 'installed-elsewhere';

/**
 * The service worker and its updates, through workbox-window. A new version installs in the
 * background and then waits; only `install()` — the person's tap, once nothing is unsaved or
 * unsynced — activates it, and the page reloads once it has taken over. The app never reloads
 * by itself (DESIGN.md §5).
 */
class AppUpdate {
	state = $state<UpdateState>('none');
	#wb: Workbox | null = null;
	#accepted = false;

	register(scriptUrl = '/service-worker.js'): void {
		if (this.#wb || !('serviceWorker' in navigator)) return;
		const wb = new Workbox(scriptUrl);
		this.#wb = wb;
		// A page that opened with no service worker came from the server, already the newest.
		const openedControlled = navigator.serviceWorker.controller !== null;
		wb.addEventListener('waiting', () => this.#found());
		wb.addEventListener('controlling', () => {
			if (this.#accepted) window.location.reload();
			// Another tab installed it: this page still runs the old version until it reloads.
			else if (openedControlled) this.state = 'installed-elsewhere';
		});
		wb.register().then(
			(registration) => registration && this.#watch(registration),
			() => {} // no service worker (private mode, say): the app still works online
		);
		// A tablet that stays open all day rarely navigates: look for a new version when it
		// wakes, when the network returns, and every hour.
		const check = () => void this.check();
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') check();
		});
		window.addEventListener('online', check);
		setInterval(check, 60 * 60 * 1000);
	}

	/** Asks the server for a newer service worker; offline, quietly does nothing. */
	async check(): Promise<void> {
		try {
			await this.#wb?.update();
		} catch {
			// Unreachable: the next check will try again.
		}
	}

	/** The person's tap: activates the waiting version; the page reloads when it takes over. */
	install(): void {
		if (this.state !== 'waiting' || !this.#wb) return;
		this.#accepted = true;
		this.state = 'installing';
		this.#wb.messageSkipWaiting();
	}

	/** After another tab installed the update: the person reloads this one when ready. */
	reload(): void {
		window.location.reload();
	}

	// workbox-window reports only the first update it sees after registering; later ones (a
	// second deploy in the same day) are watched here.
	#watch(registration: ServiceWorkerRegistration) {
		if (registration.waiting) this.#found();
		registration.addEventListener('updatefound', () => {
			const worker = registration.installing;
			worker?.addEventListener('statechange', () => {
				if (worker.state === 'installed' && registration.waiting === worker) this.#found();
			});
		});
	}

	#found() {
		// With no controller this is the first install, which activates by itself.
		if (navigator.serviceWorker.controller && this.state !== 'installing') this.state = 'waiting';
	}
}

export const appUpdate = new AppUpdate();
