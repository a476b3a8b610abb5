// day_sync_ms, day_photos_ms and noop_sync_ms: the app's own sync engine (syncOnce over its HTTP
// transport, from the built bundle) against the real server. One device pushes a day and a half
// of fieldwork and a second, fresh device of the same person pulls it all. day_sync_ms_postgres:
// the same against a server on a fresh PostgreSQL database, in the same run.
import { counts, ports, sizes } from '../config.js';
import { Api, createAdvisor } from '../lib/api.js';
import { benchBuild } from '../lib/build.js';
import { openDevice, profiled, signedInPage, tablet, writeAll } from '../lib/browser.js';
import { admin, onPostgres } from '../lib/server.js';
import { replay, startSink } from '../lib/sink.js';
import { sqliteInsertMs } from '../lib/sqlite-floor.js';
import { againstFloor, round, summary } from '../lib/stats.js';
import { visit } from '../lib/visit.js';

/**
 * One run of the engine, timed in the page; what it sent (request bodies, by their Blob size)
 * and received (pull answers, by Resource Timing) for the floor to replay.
 * @param {import('@playwright/test').Page} page
 */
export async function timedSync(page) {
	return page.evaluate(async () => {
		const h = globalThis.__fieldbookBench;
		const d = globalThis.__device;
		performance.setResourceTimingBufferSize(100_000);
		performance.clearResourceTimings();
		/** @type {number[]} */
		const up = [];
		/** @type {typeof fetch} */
		const counting = (input, init) => {
			if (init?.body instanceof Blob) up.push(init.body.size);
			return fetch(input, init);
		};
		const t = performance.now();
		const outcome = await h.syncOnce(d.db, h.httpTransport('', counting), d.clientId);
		const ms = performance.now() - t;
		const requests = /** @type {PerformanceResourceTiming[]} */ (
			performance.getEntriesByType('resource')
		).filter((e) => e.name.includes('/api/'));
		const down = requests
			.filter((e) => e.name.includes('/api/sync/pull'))
			.map((e) => e.decodedBodySize);
		// Time spent waiting on the network and the server; the rest is the device's own work.
		const waited = requests.reduce((n, e) => n + (e.responseEnd - e.startTime), 0);
		return { ms, outcome, up, down, waited };
	});
}

/** @param {{ ok: boolean }} outcome @param {string} what */
function expectOk(outcome, what) {
	if (!outcome.ok) throw new Error(`${what}: ${JSON.stringify(outcome)}`);
	return /** @type {any} */ (outcome);
}

/** @param {import('@playwright/test').Page} page @param {number} n @param {number} bytes */
async function storePhotos(page, n, bytes) {
	await page.evaluate(
		async ({ n, bytes }) => {
			const h = globalThis.__fieldbookBench;
			const d = globalThis.__device;
			for (let i = 0; i < n; i++) {
				const photo = new Uint8Array(bytes);
				for (let at = 0; at < bytes; at += 65536)
					crypto.getRandomValues(photo.subarray(at, Math.min(bytes, at + 65536)));
				photo.set([0xff, 0xd8, 0xff, 0xe0]);
				photo.set([0xff, 0xd9], bytes - 2);
				await h.storePhoto(d.db, photo.buffer, 'image/jpeg');
			}
		},
		{ n, bytes }
	);
}

/** A sync with nothing to do, beside one fetch of /api/health, alternately. */
async function noopSamples(/** @type {import('@playwright/test').Page} */ page, n) {
	const { app, floor } = await page.evaluate(async (n) => {
		const h = globalThis.__fieldbookBench;
		const d = globalThis.__device;
		const app = [];
		const floor = [];
		for (let i = 0; i < n + 2; i++) {
			let t = performance.now();
			const outcome = await h.syncOnce(d.db, h.httpTransport(), d.clientId);
			app.push(performance.now() - t);
			if (!outcome.ok || outcome.pushed || outcome.pulled) throw new Error(JSON.stringify(outcome));
			t = performance.now();
			await (await fetch('/api/health')).text();
			floor.push(performance.now() - t);
		}
		return { app: app.slice(2), floor: floor.slice(2) };
	}, n);
	return againstFloor(app, floor);
}

/**
 * One day's sync: a device pushes the visit, a fresh second device of the same person pulls it
 * all. The two browser contexts stay open for the caller to use and close.
 * @param {import('@playwright/test').Browser} browser @param {string} base
 * @param {import('../lib/api.js').Api} adminApi @param {number} run @param {string} label
 */
async function oneDay(browser, base, adminApi, run, label) {
	const account = await createAdvisor(adminApi, `Day${run}`);
	const first = await browser.newContext(tablet);
	const second = await browser.newContext(tablet);
	try {
		const a = await signedInPage(first, base, account);
		const clientId = await openDevice(a.page, a.userId);
		const seeded = visit({
			userId: a.userId,
			observations: sizes.dayObservations,
			seed: 100 + run
		});
		await writeAll(a.page, seeded.patches);
		const pushed = await profiled(a.page, `day-sync-first${label}-${run}`, () => timedSync(a.page));
		const pushedOutcome = expectOk(pushed.outcome, 'the first device');
		if (pushedOutcome.pushed !== seeded.patches.length)
			throw new Error(`pushed ${pushedOutcome.pushed} of ${seeded.patches.length}`);

		const b = await signedInPage(second, base, account);
		await openDevice(b.page, b.userId);
		const pulled = await profiled(b.page, `day-sync-second${label}-${run}`, () =>
			timedSync(b.page)
		);
		if (expectOk(pulled.outcome, 'the second device').pulled < seeded.patches.length)
			throw new Error(`pulled ${pulled.outcome.pulled} of ${seeded.patches.length}`);
		return { first, second, a, b, clientId, seeded, pushed, pulled };
	} catch (error) {
		await first.close();
		await second.close();
		throw error;
	}
}

/**
 * day_sync_ms_postgres: the same days against the bench build on a fresh PostgreSQL database
 * (no floors: its ratio is to day_sync_ms on SQLite, target <= 1.5).
 * @param {import('@playwright/test').Browser} browser @param {number} sqliteMedian
 */
async function daysOnPostgres(browser, sqliteMedian) {
	const measured = await onPostgres(benchBuild, 1, async ([base]) => {
		const pgAdmin = new Api(base);
		await pgAdmin.signIn(admin.email, admin.password);
		const day = [];
		/** @type {Record<string, number[]>} */
		const parts = {
			first_device_ms: [],
			first_device_waiting_on_server_ms: [],
			second_device_ms: [],
			second_device_waiting_on_server_ms: []
		};
		for (let run = 0; run < counts.dayRuns; run++) {
			const { first, second, pushed, pulled } = await oneDay(browser, base, pgAdmin, run, '-pg');
			await first.close();
			await second.close();
			day.push(pushed.ms + pulled.ms);
			parts.first_device_ms.push(pushed.ms);
			parts.first_device_waiting_on_server_ms.push(pushed.waited);
			parts.second_device_ms.push(pulled.ms);
			parts.second_device_waiting_on_server_ms.push(pulled.waited);
		}
		return {
			...summary(day),
			parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, summary(v)]))
		};
	});
	if (!measured.measured) {
		console.error(`bench: day_sync_ms on PostgreSQL not measured: ${measured.why}`);
		return { measured: false, why: measured.why };
	}
	const ratio = round(measured.figures.median / sqliteMedian);
	console.error(
		`bench: day_sync_ms, PostgreSQL / SQLite = ${ratio} (target <= 1.5: ${ratio <= 1.5 ? 'met' : 'not met'})`
	);
	return { ...measured.figures, ratio };
}

/**
 * @param {{ browser: import('@playwright/test').Browser, base: string,
 *   adminApi: import('../lib/api.js').Api }} env
 */
export async function daySyncScenarios({ browser, base, adminApi }) {
	const sink = await startSink(ports.sink);
	const sinkContext = await browser.newContext();
	const sinkPage = await sinkContext.newPage();
	await sinkPage.goto(sink.url);
	const day = [];
	const dayFloor = [];
	/** @type {Record<string, number[]>} */
	const parts = {
		first_device_ms: [],
		first_device_waiting_on_server_ms: [],
		second_device_ms: [],
		second_device_waiting_on_server_ms: []
	};
	const floorParts = {
		fetch_ms: /** @type {number[]} */ ([]),
		sqlite_ms: /** @type {number[]} */ ([])
	};
	const photos = [];
	const photosFloor = [];
	let wire = { push_bytes: 0, pull_bytes: 0, requests: 0 };
	let fieldValues = 0;
	let changes = 0;
	let noop = null;
	try {
		for (let run = 0; run < counts.dayRuns; run++) {
			const { first, second, a, b, clientId, seeded, pushed, pulled } = await oneDay(
				browser,
				base,
				adminApi,
				run,
				''
			);
			try {
				fieldValues = seeded.fieldValues;
				changes = seeded.patches.length;
				day.push(pushed.ms + pulled.ms);
				parts.first_device_ms.push(pushed.ms);
				parts.first_device_waiting_on_server_ms.push(pushed.waited);
				parts.second_device_ms.push(pulled.ms);
				parts.second_device_waiting_on_server_ms.push(pulled.waited);

				const down = [...pushed.down, ...pulled.down];
				const fetchMs = await replay(sinkPage, pushed.up, down);
				const sqliteMs = sqliteInsertMs(seeded.patches, a.userId, clientId);
				dayFloor.push(fetchMs + sqliteMs);
				floorParts.fetch_ms.push(fetchMs);
				floorParts.sqlite_ms.push(sqliteMs);
				wire = {
					push_bytes: pushed.up.reduce((n, x) => n + x, 0),
					pull_bytes: down.reduce((n, x) => n + x, 0),
					requests: pushed.up.length + down.length
				};

				await storePhotos(a.page, sizes.dayPhotos, sizes.photoBytes);
				const sent = await timedSync(a.page);
				if (expectOk(sent.outcome, 'the photos').photos !== sizes.dayPhotos)
					throw new Error(`uploaded ${sent.outcome.photos} of ${sizes.dayPhotos} photos`);
				photos.push(sent.ms);
				photosFloor.push(await replay(sinkPage, sent.up, [], 'image/jpeg'));

				if (run === 0) noop = await noopSamples(b.page, counts.noop);
			} finally {
				await first.close();
				await second.close();
			}
		}
	} finally {
		await sinkContext.close();
		await sink.stop();
	}
	const each = (/** @type {Record<string, number[]>} */ o) =>
		Object.fromEntries(Object.entries(o).map(([k, v]) => [k, summary(v)]));
	const dayFigures = againstFloor(day, dayFloor);
	return {
		day_sync_ms: {
			...dayFigures,
			parts: each(parts),
			floor_parts: each(floorParts),
			observations: sizes.dayObservations,
			changes,
			field_values: fieldValues,
			wire: {
				...wire,
				push_kb: round(wire.push_bytes / 1024),
				pull_kb: round(wire.pull_bytes / 1024)
			}
		},
		day_photos_ms: { ...againstFloor(photos, photosFloor), photos: sizes.dayPhotos },
		noop_sync_ms: noop,
		day_sync_ms_postgres: await daysOnPostgres(browser, dayFigures.median)
	};
}
