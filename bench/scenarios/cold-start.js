// cold_start_offline_ms and unlock_ms: a tablet with 2,000 observations opens Fieldbook with
// the server gone. Each sample relaunches Chromium on the same profile and times, from the start
// of the navigation, until the lock screen shows (every start opens there, issue 13); the floor
// relaunches it the same way and opens a static file (the favicon) that the same service worker
// serves. Then the passphrase: unlock_ms is from the tap on Unlock to the Today view showing the
// activity under way, beside the passphrase's key derivation alone (PBKDF2, 600,000 rounds),
// timed in a page of its own (the favicon, from the same service worker) once the app's is closed.
import { chromium } from '@playwright/test';
import { counts, ports, sizes } from '../config.js';
import { Api, createAdvisor } from '../lib/api.js';
import {
	benchPassphrase,
	launchOptions,
	openDevice,
	signedInPage,
	tablet,
	unlockScreen,
	writeAll
} from '../lib/browser.js';
import { benchBuild } from '../lib/build.js';
import { admin, scratch, startServer } from '../lib/server.js';
import { againstFloor } from '../lib/stats.js';
import { visit } from '../lib/visit.js';

const title = 'Cold start learning walk';

/**
 * The page's own clock (performance.now() counts from the navigation's start): when the lock
 * screen is drawn, when Unlock is tapped, and when the Today view shows `title` after it.
 * @param {string} title
 */
function watchStart(title) {
	const drawn = (/** @type {string} */ name, /** @type {() => boolean} */ test) => {
		const observer = new MutationObserver(() => {
			if (!test()) return;
			observer.disconnect();
			requestAnimationFrame(() => {
				globalThis[name] = performance.now();
				console.debug(`fieldbook-bench:${name}`);
			});
		});
		observer.observe(document, { subtree: true, childList: true, characterData: true });
	};
	const mains = () => Array.from(document.querySelectorAll('main'));
	drawn('__lockedAt', () => mains().some((m) => m.textContent?.includes('Fieldbook is locked')));
	const tapped = (/** @type {Event} */ event) => {
		const button = /** @type {Element | null} */ (event.target)?.closest?.('button');
		if (button?.textContent?.trim() !== 'Unlock') return;
		document.removeEventListener('click', tapped, { capture: true });
		globalThis.__unlockAt = performance.now();
		drawn('__shownAt', () => mains().some((m) => m.textContent?.includes(title)));
	};
	document.addEventListener('click', tapped, { capture: true });
}

/**
 * The passphrase's key derivation alone, in the page: unlock_ms's floor.
 * @param {string} passphrase
 */
async function deriveMs(passphrase) {
	const base = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(passphrase),
		'PBKDF2',
		false,
		['deriveKey']
	);
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const t = performance.now();
	await crypto.subtle.deriveKey(
		{ name: 'PBKDF2', salt, iterations: 600_000, hash: 'SHA-256' },
		base,
		{ name: 'AES-GCM', length: 256 },
		false,
		['wrapKey', 'unwrapKey']
	);
	return performance.now() - t;
}

/** @param {string} profile @param {string} url @param {boolean} app */
async function relaunch(profile, url, app) {
	const context = await chromium.launchPersistentContext(profile, {
		...(await launchOptions()),
		...tablet
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		if (!app) {
			await page.goto(url, { waitUntil: 'load' });
			return await navigation(page);
		}
		await page.addInitScript(watchStart, title);
		const locked = said(page, '__lockedAt');
		await page.goto(url, { waitUntil: 'commit' });
		await locked;
		await page.getByLabel('Passphrase', { exact: true }).fill(benchPassphrase);
		const shown = said(page, '__shownAt');
		await page.getByRole('button', { name: 'Unlock' }).click();
		await shown;
		const unlock = await page.evaluate(() => globalThis.__shownAt - globalThis.__unlockAt);
		const opened = await navigation(page);
		// The floor in a page of its own, the app's closed: the first sync starts once Today has
		// answered, and the derivation timed beside it would read high.
		await page.close();
		const quiet = await context.newPage();
		await quiet.goto(new URL('/favicon.svg', url).href, { waitUntil: 'load' });
		const derive = await quiet.evaluate(deriveMs, benchPassphrase);
		return { ...opened, unlock, derive };
	} finally {
		await context.close();
	}
}

/**
 * When the page's own watcher (watchStart) has stamped `name`. Heard as a console message, not
 * polled with waitForFunction: that would evaluate Playwright's injected script (tens of ms of
 * the main thread) inside the very window being timed, which no tablet ever runs.
 * @param {import('@playwright/test').Page} page @param {string} name
 */
const said = (page, name) =>
	page.waitForEvent('console', {
		predicate: (message) => message.text() === `fieldbook-bench:${name}`,
		timeout: 120_000
	});

/** @param {import('@playwright/test').Page} page */
const navigation = (page) =>
	page.evaluate(() => {
		const nav = /** @type {PerformanceNavigationTiming} */ (
			performance.getEntriesByType('navigation')[0]
		);
		const locked = /** @type {number | undefined} */ (globalThis.__lockedAt);
		return { ms: locked ?? nav.loadEventEnd, fromServiceWorker: nav.workerStart > 0 };
	});

export async function coldStartScenario() {
	const server = await startServer(benchBuild, ports.coldStart);
	const profile = scratch('profile');
	try {
		const api = new Api(server.url);
		await api.signIn(admin.email, admin.password);
		const account = await createAdvisor(api, 'Cold');
		const context = await chromium.launchPersistentContext(profile, {
			...(await launchOptions()),
			...tablet
		});
		try {
			const { page, userId } = await signedInPage(context, server.url, account, '/');
			await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
			await openDevice(page, userId);
			const seeded = visit({ userId, observations: sizes.coldStored, seed: 21, title });
			await writeAll(page, seeded.patches);
			// The app opened before the harness made the keyring: it starts again, locked.
			await page.reload();
			await unlockScreen(page);
			await page.getByText(title).first().waitFor();
		} finally {
			await context.close();
		}
	} finally {
		await server.stop();
	}
	const app = [];
	const floor = [];
	const unlock = [];
	const derive = [];
	for (let i = 0; i < counts.coldStarts; i++) {
		const opened = await relaunch(profile, `${server.url}/`, true);
		const file = await relaunch(profile, `${server.url}/favicon.svg`, false);
		if (!opened.fromServiceWorker || !file.fromServiceWorker)
			throw new Error('a cold start did not come from the service worker');
		app.push(opened.ms);
		floor.push(file.ms);
		unlock.push(/** @type {number} */ (opened.unlock));
		derive.push(/** @type {number} */ (opened.derive));
	}
	return {
		cold_start_offline_ms: { ...againstFloor(app, floor), stored: sizes.coldStored },
		unlock_ms: { ...againstFloor(unlock, derive), stored: sizes.coldStored }
	};
}
