/*
 * Whether the Fieldbook server can be reached right now, by asking it: `navigator.onLine` says
 * only that some network is there (a school Wi-Fi behind a login page counts as online).
 */

export type ConnectionState = 'checking' | 'online' | 'offline';

const HEALTH = '/api/health';
const TIMEOUT_MS = 5_000;
const EVERY_MS = 30_000;
/** While unreachable, ask less and less often: a tablet offline all day need not keep trying. */
const OFFLINE_MAX_MS = 5 * 60_000;

function timeoutSignal(ms: number): AbortSignal {
	if (typeof AbortSignal.timeout === 'function') return AbortSignal.timeout(ms);
	const controller = new AbortController(); // Safari before 16
	setTimeout(() => controller.abort(), ms);
	return controller.signal;
}

/** One request to /api/health, never from a cache; true when the server answered "ok". */
export async function serverReachable(f: typeof fetch = fetch): Promise<boolean> {
	try {
		const answer = await f(HEALTH, { cache: 'no-store', signal: timeoutSignal(TIMEOUT_MS) });
		if (!answer.ok) return false;
		const body = (await answer.json()) as { status?: unknown };
		return body.status === 'ok';
	} catch {
		return false;
	}
}

class Connection {
	state = $state<ConnectionState>('checking');
	#timer: ReturnType<typeof setTimeout> | null = null;
	#failures = 0;
	#checking: Promise<void> | null = null;

	/** Checks now, then on `online`/`offline`, on becoming visible and every 30 s while visible. */
	start(): () => void {
		const check = () => void this.check();
		const offline = () => {
			this.state = 'offline';
			this.#schedule();
		};
		const visible = () => {
			if (document.visibilityState === 'visible') check();
			else this.#cancel();
		};
		window.addEventListener('online', check);
		window.addEventListener('offline', offline);
		document.addEventListener('visibilitychange', visible);
		check();
		return () => {
			window.removeEventListener('online', check);
			window.removeEventListener('offline', offline);
			document.removeEventListener('visibilitychange', visible);
			this.#cancel();
		};
	}

	/** Asks the server (or joins the question already asked). */
	check(): Promise<void> {
		this.#checking ??= this.#ask().finally(() => (this.#checking = null));
		return this.#checking;
	}

	async #ask() {
		this.#cancel();
		const reachable = navigator.onLine !== false && (await serverReachable());
		this.state = reachable ? 'online' : 'offline';
		this.#failures = reachable ? 0 : this.#failures + 1;
		this.#schedule();
	}

	#schedule() {
		this.#cancel();
		if (document.visibilityState !== 'visible') return;
		const wait =
			this.state === 'online'
				? EVERY_MS
				: Math.min(OFFLINE_MAX_MS, EVERY_MS * 2 ** Math.max(0, this.#failures - 1));
		this.#timer = setTimeout(() => void this.check(), wait);
	}

	#cancel() {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}
}

export const connection = new Connection();
