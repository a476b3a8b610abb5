/*
 * How safe this tablet's copy is (DESIGN.md §5): whether the browser promised to keep it
 * (persistent storage), how much room is left, and whether Safari may delete it after seven
 * days without a visit (iPad and iPhone, outside a home-screen app).
 */

const MB = 1024 * 1024;
/** Below either, a photo may not fit: warn before taking one. */
const SHORT_BYTES = 50 * MB;
const SHORT_SHARE = 0.1;
const ASKED_KEY = 'fieldbook:persistence-asked';
const HINT_KEY = 'fieldbook:home-screen-hint-dismissed';

export interface SpaceEstimate {
	usage: number;
	quota: number;
}

/** Little room left: under 50 MB, or under a tenth of what the browser allows. */
export function spaceIsShort(estimate: SpaceEstimate | null): boolean {
	if (!estimate || estimate.quota <= 0) return false;
	const free = Math.max(0, estimate.quota - estimate.usage);
	return free < SHORT_BYTES || free / estimate.quota < SHORT_SHARE;
}

/** "0.4 MB", "2,048 MB": storage figures in one unit, so two of them compare at a glance. */
export function megabytes(bytes: number): string {
	const mb = bytes / MB;
	const digits = mb < 10 ? 1 : 0;
	const options = { minimumFractionDigits: digits, maximumFractionDigits: digits };
	return `${mb.toLocaleString('en-GB', options)} MB`;
}

/** What the home-screen check needs of `navigator` and `matchMedia`. */
export interface BrowserTraits {
	userAgent: string;
	platform?: string;
	maxTouchPoints?: number;
	standalone?: boolean;
	displayStandalone: boolean;
}

/**
 * Safari on an iPad or iPhone, in a tab rather than a home-screen app: there WebKit deletes a
 * site's storage after seven days without a visit. iPadOS Safari says it is a Mac, so a "Mac"
 * with a touch screen counts too. Chrome and Firefox on iOS name themselves (CriOS, FxiOS).
 */
export function needsHomeScreen(traits: BrowserTraits): boolean {
	const ua = traits.userAgent;
	const apple =
		/iPad|iPhone|iPod/.test(ua) ||
		(traits.platform === 'MacIntel' && (traits.maxTouchPoints ?? 0) > 1);
	const safari = /Safari\//.test(ua) && !/CriOS|FxiOS|EdgiOS|OPiOS/.test(ua);
	return apple && safari && !traits.standalone && !traits.displayStandalone;
}

function browserTraits(): BrowserTraits | null {
	if (typeof navigator === 'undefined') return null;
	const nav = navigator as Navigator & { standalone?: boolean };
	return {
		userAgent: nav.userAgent,
		platform: nav.platform,
		maxTouchPoints: nav.maxTouchPoints,
		standalone: nav.standalone,
		displayStandalone: globalThis.matchMedia?.('(display-mode: standalone)').matches ?? false
	};
}

function remembered(key: string): string | null {
	try {
		return localStorage.getItem(key);
	} catch {
		return null; // storage blocked: ask again, show again; nothing depends on it
	}
}

function remember(key: string, value: string) {
	try {
		localStorage.setItem(key, value);
	} catch {
		// as above
	}
}

class StorageStatus {
	/** null until known, or where the browser cannot tell. */
	persisted = $state<boolean | null>(null);
	estimate = $state<SpaceEstimate | null>(null);
	readonly supported = typeof navigator !== 'undefined' && !!navigator.storage?.estimate;
	readonly homeScreenAdvised = needsHomeScreen(
		browserTraits() ?? { userAgent: '', displayStandalone: false }
	);
	#dismissedNow = $state(false);
	#dismissedBefore: boolean | undefined;

	/**
	 * Read on first use, never at start: a start's first localStorage read loads it from disk
	 * synchronously (35 ms on a busy tablet before the lock screen, issue 16), and only Safari
	 * outside the home screen shows the hint at all.
	 */
	get hintDismissed(): boolean {
		this.#dismissedBefore ??= remembered(HINT_KEY) === 'yes';
		return this.#dismissedNow || this.#dismissedBefore;
	}

	get short(): boolean {
		return spaceIsShort(this.estimate);
	}

	async refresh(): Promise<void> {
		const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
		if (!storage) return;
		try {
			const [persisted, estimate] = await Promise.all([
				storage.persisted?.(),
				storage.estimate?.()
			]);
			this.persisted = persisted ?? null;
			if (estimate) this.estimate = { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 };
		} catch {
			// Unknown stays unknown: the page says so rather than guessing.
		}
	}

	/** Asks the browser to keep Fieldbook's data even when space runs short. */
	async requestPersistence(): Promise<void> {
		try {
			this.persisted = (await navigator.storage?.persist?.()) ?? null;
			remember(ASKED_KEY, String(this.persisted));
		} catch {
			this.persisted = null;
		}
		await this.refresh();
	}

	/** After sign-in: asks once per device (browsers decide by heuristics; asking again rarely changes it). */
	async afterSignIn(): Promise<void> {
		if (remembered(ASKED_KEY) === null) await this.requestPersistence();
		else await this.refresh();
	}

	dismissHint() {
		this.#dismissedNow = true;
		remember(HINT_KEY, 'yes');
	}
}

export const storageStatus = new StorageStatus();
