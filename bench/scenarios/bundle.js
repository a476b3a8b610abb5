// bundle_kb: the JS and CSS the shipped build (`build/`, not the bench copy) makes a browser
// load: for the first page (Today, signed in), for a direct load of the capture route, and for
// the whole precache. Sizes come from the files on disk, gzip at level 9; a size, so n is 1.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ports } from '../config.js';
import { Api } from '../lib/api.js';
import { tablet } from '../lib/browser.js';
import { shippedBuild } from '../lib/build.js';
import { admin, startServer } from '../lib/server.js';
import { round } from '../lib/stats.js';
import { visit } from '../lib/visit.js';

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
		const seeded = visit({ userId: me.id, observations: 10, activities: 2, seed: 5 });
		const clientId = 'b0b0b0b0b0b0b0b0';
		const wall = new Date().toISOString();
		const changes = seeded.patches.map((p, i) => ({
			clientId,
			seq: i + 1,
			type: p.type,
			recordId: p.id,
			scope: p.scope,
			fields: p.fields,
			hlc: `${wall}-${i.toString(16).padStart(4, '0')}-${clientId}`,
			base: null
		}));
		const push = await api.call('/api/sync/push', { body: { protocol: 1, clientId, changes } });
		if (push.status !== 200 || push.body.quarantined.length)
			throw new Error(`seeding: ${push.status} ${JSON.stringify(push.body)}`);

		/** @param {string} path @param {(page: import('@playwright/test').Page) => Promise<unknown>} ready */
		const firstLoad = async (path, ready) => {
			const context = await browser.newContext(tablet);
			await context.request.post(`${server.url}/api/auth/login`, {
				data: admin,
				headers: { origin: server.url }
			});
			const page = await context.newPage();
			await page.goto(server.url + path);
			await ready(page);
			await page.waitForLoadState('networkidle');
			return { context, page, urls: await loaded(page) };
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

		const firstPage = sizes(server.url, first.urls);
		const captureRoute = sizes(server.url, capture.urls);
		const precache = sizes(server.url, precached);
		const largest = [...precache.files].sort((a, b) => b.gzip - a.gzip)[0];
		const sw = readFileSync(join(shippedBuild, 'client/service-worker.js'));
		return {
			bundle_kb: {
				first_page: firstPage.summary,
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
