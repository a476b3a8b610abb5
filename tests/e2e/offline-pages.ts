import { expect, type BrowserContext, type Page } from '@playwright/test';

/** Waits until the service worker is active and controls the page (so it works offline). */
export async function untilServiceWorkerControls(page: Page) {
	await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
}

/**
 * Cuts this browser off: `setOffline` for the pages, and a route that aborts every request
 * that still reaches the network (the service worker's own fetches are not stopped by
 * `setOffline`). Answers from the service worker's cache never reach a route. Returns the
 * paths of the requests that were cut, and a way back online.
 */
export async function goOffline(context: BrowserContext) {
	const cut: string[] = [];
	const abort = async (route: import('@playwright/test').Route) => {
		cut.push(new URL(route.request().url()).pathname);
		await route.abort('internetdisconnected');
	};
	await context.setOffline(true);
	await context.route('**/*', abort);
	return {
		cut,
		async online() {
			await context.unroute('**/*', abort);
			await context.setOffline(false);
		}
	};
}

/** Every URL held in this origin's caches (Cache Storage), as the page sees them. */
export function cachedUrls(page: Page): Promise<string[]> {
	return page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
		}
		return urls;
	});
}

/** The build versions whose files the precache holds (Workbox keys revised files by it). */
export async function precachedVersions(page: Page): Promise<string[]> {
	const revisions = (await cachedUrls(page)).flatMap((url) => {
		const revision = new URL(url).searchParams.get('__WB_REVISION__');
		return revision ? [revision] : [];
	});
	return [...new Set(revisions)].sort();
}

/** Opens `path` with a full page load; it must come from the service worker, with a heading. */
export async function openFromShell(page: Page, path: string) {
	const response = await page.goto(path);
	expect(response?.fromServiceWorker(), `${path} from the service worker`).toBe(true);
	const heading = page.getByRole('heading', { level: 1 });
	await expect(heading).toBeVisible();
	// SvelteKit's error page is a bare status code: never that.
	await expect(heading).not.toHaveText(/^\d{3}$/);
	return heading;
}
