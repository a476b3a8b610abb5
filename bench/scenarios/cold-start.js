// cold_start_offline_ms: a tablet with 2,000 observations opens Fieldbook with the server
// gone. Each sample relaunches Chromium on the same profile and times, from the start of the
// navigation, until the Today view shows the activity under way; the floor relaunches it the
// same way and opens a static file (the favicon) that the same service worker serves.
import { chromium } from '@playwright/test';
import { counts, ports, sizes } from '../config.js';
import { Api, createAdvisor } from '../lib/api.js';
import { launchOptions, openDevice, signedInPage, tablet, writeAll } from '../lib/browser.js';
import { benchBuild } from '../lib/build.js';
import { admin, scratch, startServer } from '../lib/server.js';
import { againstFloor } from '../lib/stats.js';
import { visit } from '../lib/visit.js';

const title = 'Cold start learning walk';

/** @param {string} profile @param {string} url @param {boolean} app */
async function relaunch(profile, url, app) {
	const context = await chromium.launchPersistentContext(profile, {
		...(await launchOptions()),
		...tablet
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		if (app) {
			// From the page's own clock: performance.now() counts from the navigation's start.
			await page.addInitScript((title) => {
				const observer = new MutationObserver(() => {
					if (!document.querySelector('main')?.textContent?.includes(title)) return;
					observer.disconnect();
					requestAnimationFrame(() => (globalThis.__shownAt = performance.now()));
				});
				observer.observe(document, { subtree: true, childList: true, characterData: true });
			}, title);
			await page.goto(url, { waitUntil: 'commit' });
			await page.waitForFunction(() => globalThis.__shownAt !== undefined);
		} else {
			await page.goto(url, { waitUntil: 'load' });
		}
		return await page.evaluate(() => {
			const nav = /** @type {PerformanceNavigationTiming} */ (
				performance.getEntriesByType('navigation')[0]
			);
			const shown = /** @type {number | undefined} */ (globalThis.__shownAt);
			return { ms: shown ?? nav.loadEventEnd, fromServiceWorker: nav.workerStart > 0 };
		});
	} finally {
		await context.close();
	}
}

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
			await page.getByText(title).first().waitFor();
		} finally {
			await context.close();
		}
	} finally {
		await server.stop();
	}
	const app = [];
	const floor = [];
	for (let i = 0; i < counts.coldStarts; i++) {
		const opened = await relaunch(profile, `${server.url}/`, true);
		const file = await relaunch(profile, `${server.url}/favicon.svg`, false);
		if (!opened.fromServiceWorker || !file.fromServiceWorker)
			throw new Error('a cold start did not come from the service worker');
		app.push(opened.ms);
		floor.push(file.ms);
	}
	return { cold_start_offline_ms: { ...againstFloor(app, floor), stored: sizes.coldStored } };
}
