// bundle_kb: the JS and CSS the shipped build (`build/`, not the bench copy) makes a browser
// load: for the lock screen a signed-in load opens on, for the first page (that load through
// the passphrase until Today shows; `first_page_idle`: until the network is idle, with what
// the first sync loads), for a direct load of the capture route, and for the whole precache. Sizes come from the files on disk, gzip at level 9; a size, so n is 1.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ports } from '../config.js';
import { Api } from '../lib/api.js';
import { tablet } from '../lib/browser.js';
import { shippedBuild } from '../lib/build.js';
import { admin, startServer } from '../lib/server.js';
import { round } from '../lib/stats.js';
import { pushVisit } from '../lib/seed.js';

/** The tablet passphrase the bench chooses (the device lock, issue 13). */
const passphrase = 'bench tablet passphrase';

/** @param {string} base @param {string[]} urls */
function sizes(base, urls) {
	const paths = [
		...new Set(
			urls
				.filter((u) => u.startsWith(base))
				.map((u) => new URL(u).pathname)
				.filter((p) => /\.(js|css)$/.test(p))
		)
	];
	const files = paths.map((path) => {
		const file = join(shippedBuild, 'client', path);
		if (!existsSync(file)) throw new Error(`${path} is not in build/client`);
		const bytes = readFileSync(file);
		return { path, raw: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength };
	});
	const sum = (/** @type {string} */ ext, /** @type {'raw' | 'gzip'} */ key) =>
		round(files.filter((f) => f.path.endsWith(ext)).reduce((n, f) => n + f[key], 0) / 1024);
	return {
		summary: {
			js_raw: sum('.js', 'raw'),
			js_gzip: sum('.js', 'gzip'),
			css_raw: sum('.css', 'raw'),
			css_gzip: sum('.css', 'gzip'),
			files: files.length,
			n: 1
		},
		files
	};
}

/** @param {import('@playwright/test').Page} page */
const loaded = (page) =>
	page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));

/** @param {{ browser: import('@playwright/test').Browser }} env */
export async function bundleScenario({ browser }) {
	const server = await startServer(shippedBuild, ports.shipped);
	try {
		const api = new Api(server.url);
		const me = await api.signIn(admin.email, admin.password);
		// An audit with its learning walk, pushed as another device would, for the capture route.
		const seeded = await pushVisit(api, me.id);

		/**
		 * A load of `path` on a tablet that has chosen its passphrase before (in a page of its
		 * own): it opens on the lock screen, as every load does; the passphrase, then `ready`.
		 * @param {string} path @param {(page: import('@playwright/test').Page) => Promise<unknown>} ready
		 */
		const firstLoad = async (path, ready) => {
			const context = await browser.newContext(tablet);
			await context.request.post(`${server.url}/api/auth/login`, {
				data: admin,
				headers: { origin: server.url }
			});
			const setup = await context.newPage();
			await setup.goto(server.url + '/');
			await setup.getByLabel('New passphrase', { exact: true }).fill(passphrase);
			await setup.getByLabel('New passphrase again').fill(passphrase);
			await setup.getByRole('button', { name: 'Save passphrase' }).click();
			await setup.getByRole('button', { name: 'Sign out' }).waitFor();
			await setup.close();
			const page = await context.newPage();
			await page.goto(server.url + path);
			await page.getByRole('heading', { name: 'Fieldbook is locked' }).waitFor();
			await page.waitForLoadState('networkidle');
			const lockUrls = await loaded(page);
			await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
			await page.getByRole('button', { name: 'Unlock' }).click();
			await ready(page);
			const shownUrls = await loaded(page);
			await page.waitForLoadState('networkidle');
			return { context, page, lockUrls, shownUrls, urls: await loaded(page) };
		};
		const first = await firstLoad('/', (page) =>
			page.getByRole('heading', { level: 1, name: 'Today' }).waitFor()
		);
		const precached = await first.page.evaluate(async () => {
			await navigator.serviceWorker.ready;
			const urls = [];
			for (const name of await caches.keys())
				for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
			return urls;
		});
		await first.context.close();
		const capture = await firstLoad(
			`/audits/${seeded.auditId}/activities/${seeded.learningWalkId}`,
			(page) => page.getByRole('heading', { level: 1, name: seeded.title }).waitFor()
		);
		await capture.context.close();

		const lockScreen = sizes(server.url, first.lockUrls);
		const firstPage = sizes(server.url, first.shownUrls);
		const firstPageIdle = sizes(server.url, first.urls);
		const captureRoute = sizes(server.url, capture.urls);
		const precache = sizes(server.url, precached);
		const largest = [...precache.files].sort((a, b) => b.gzip - a.gzip)[0];
		const sw = readFileSync(join(shippedBuild, 'client/service-worker.js'));
		return {
			bundle_kb: {
				lock_screen: lockScreen.summary,
				first_page: firstPage.summary,
				first_page_idle: firstPageIdle.summary,
				capture_route: captureRoute.summary,
				precache: precache.summary,
				service_worker: {
					raw: round(sw.byteLength / 1024),
					gzip: round(gzipSync(sw, { level: 9 }).byteLength / 1024)
				},
				largest_chunk: largest && {
					file: largest.path,
					raw: round(largest.raw / 1024),
					gzip: round(largest.gzip / 1024)
				},
				chunks_over_50kb_gzip: precache.files
					.filter((f) => f.gzip > 50 * 1024)
					.map((f) => ({ file: f.path, gzip: round(f.gzip / 1024) })),
				first_page_files: firstPage.files.map((f) => ({
					file: f.path,
					gzip: round(f.gzip / 1024)
				}))
			}
		};
	} finally {
		await server.stop();
	}
}
