// capture_commit_ms, photo_store_ms and capture_visible_ms: the app's own write function and
// photo store in the built bundle, each beside a raw IndexedDB put in the same page with the
// same durability, then the learning-walk screen itself with 5,000 observations stored. The
// device store is sealed, as the app runs it (issue 13); capture_commit_ms also times the same
// write on a store in the clear (`clear`, and `over_clear`: what encryption costs per capture).
import { v7 as uuidv7 } from 'uuid';
import { captureScreen, counts, sizes } from '../config.js';
import { createAdvisor } from '../lib/api.js';
import {
	openClearDevice,
	openDevice,
	profiled,
	signedInPage,
	tablet,
	unlockScreen,
	writeAll
} from '../lib/browser.js';
import { againstFloor, round, summary } from '../lib/stats.js';
import { generator, observationFields, visit } from '../lib/visit.js';

const WARM_UP = 3;

/**
 * A raw IndexedDB database beside the app's, in the same page: puts in their own transaction
 * with `durability: 'strict'`, as Dexie is opened (`chromeTransactionDurability: 'strict'`).
 * @param {import('@playwright/test').Page} page
 */
async function openFloor(page) {
	await page.evaluate(async () => {
		globalThis.__floorDb = await new Promise((resolve, reject) => {
			const open = indexedDB.open('bench-floor', 1);
			open.onupgradeneeded = () => {
				open.result.createObjectStore('records', { keyPath: 'id' });
				open.result.createObjectStore('photos', { keyPath: 'hash' });
			};
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		/** @param {string} store @param {unknown[]} values */
		globalThis.__floorPut = (store, values) =>
			new Promise((resolve, reject) => {
				const tx = globalThis.__floorDb.transaction(store, 'readwrite', { durability: 'strict' });
				for (const v of values) tx.objectStore(store).put(v);
				tx.oncomplete = resolve;
				tx.onerror = tx.onabort = () => reject(tx.error);
			});
	});
}

/**
 * Per patch, in turn: the app's writeRecord on the sealed store, the same write on the store in
 * the clear, and the raw put of the record as stored, read back in plain (the same bytes).
 * @param {import('@playwright/test').Page} page @param {unknown[]} patches
 */
async function commitSamples(page, patches) {
	const { app, clear, floor } = await page.evaluate(async (list) => {
		const h = globalThis.__fieldbookBench;
		const d = globalThis.__device;
		const c = globalThis.__clearDevice;
		const app = [];
		const clear = [];
		const floor = [];
		for (const patch of list) {
			let t = performance.now();
			await h.writeRecord(d.db, d.clientId, d.userId, patch);
			app.push(performance.now() - t);
			t = performance.now();
			await h.writeRecord(c.db, c.clientId, c.userId, patch);
			clear.push(performance.now() - t);
			const stored = await d.db.records.get(patch.id);
			const same = { ...stored, id: `floor-${patch.id}` };
			t = performance.now();
			await globalThis.__floorPut('records', [same]);
			floor.push(performance.now() - t);
		}
		return { app, clear, floor };
	}, patches);
	const sealed = againstFloor(app.slice(WARM_UP), floor.slice(WARM_UP));
	const inClear = summary(clear.slice(WARM_UP));
	return { ...sealed, clear: inClear, over_clear: round(sealed.median / inClear.median) };
}

/** @param {import('@playwright/test').Page} page @param {number} n */
async function photoSamples(page, n) {
	const { app, floor } = await page.evaluate(
		async ({ n, bytes }) => {
			const h = globalThis.__fieldbookBench;
			const d = globalThis.__device;
			const app = [];
			const floor = [];
			for (let i = 0; i < n; i++) {
				// A resized photo: JPEG's start and end markers around incompressible bytes.
				const photo = new Uint8Array(bytes);
				for (let at = 0; at < bytes; at += 65536)
					crypto.getRandomValues(photo.subarray(at, Math.min(bytes, at + 65536)));
				photo.set([0xff, 0xd8, 0xff, 0xe0]);
				photo.set([0xff, 0xd9], bytes - 2);
				let t = performance.now();
				await h.storePhoto(d.db, photo.buffer, 'image/jpeg');
				app.push(performance.now() - t);
				const row = {
					hash: `floor-${i}`,
					bytes: photo.buffer,
					type: 'image/jpeg',
					size: bytes,
					uploaded: 0,
					storedAt: new Date().toISOString()
				};
				t = performance.now();
				await globalThis.__floorPut('photos', [row]);
				floor.push(performance.now() - t);
			}
			return { app, floor };
		},
		{ n: n + WARM_UP, bytes: sizes.photoBytes }
	);
	return againstFloor(app.slice(WARM_UP), floor.slice(WARM_UP));
}

/**
 * From the click on Save to the note's text in the page, at the next frame: a click listener
 * and a MutationObserver in the page, so no round trip to Playwright is counted.
 * @param {import('@playwright/test').Page} page @param {number} n
 */
export async function visibleSamples(page, n) {
	const note = page.getByRole('textbox', { name: captureScreen.note });
	const save = page.getByRole('button', { name: captureScreen.save });
	const g = generator(7);
	const samples = [];
	for (let i = 0; i < n + WARM_UP; i++) {
		const token = `bench${i}x${Math.random().toString(36).slice(2, 8)}`;
		await page.evaluate((token) => {
			globalThis.__seen = new Promise((resolve) => {
				/** @type {number | null} */
				let clicked = null;
				const onClick = () => (clicked ??= performance.now());
				document.addEventListener('click', onClick, { capture: true });
				const observer = new MutationObserver((records) => {
					if (clicked === null) return;
					const found = records.some((r) =>
						(r.type === 'characterData' ? [r.target] : [...r.addedNodes]).some((node) =>
							node.textContent?.includes(token)
						)
					);
					if (!found) return;
					observer.disconnect();
					document.removeEventListener('click', onClick, { capture: true });
					const start = clicked;
					requestAnimationFrame(() => resolve(performance.now() - start));
				});
				observer.observe(document.body, { subtree: true, childList: true, characterData: true });
			});
		}, token);
		await note.fill(`${token} ${g.sentence(200)}`);
		await save.click();
		const ms = await page.evaluate(() => globalThis.__seen);
		if (i >= WARM_UP) samples.push(ms);
		// The next note starts once the form is empty again, as a person would.
		await page.waitForFunction((el) => el?.value === '', await note.elementHandle());
	}
	return summary(samples);
}

/**
 * @param {{ browser: import('@playwright/test').Browser, base: string,
 *   adminApi: import('../lib/api.js').Api }} env
 */
export async function captureScenarios({ browser, base, adminApi }) {
	const account = await createAdvisor(adminApi, 'Capture');
	const context = await browser.newContext(tablet);
	try {
		const { page, userId } = await signedInPage(context, base, account);
		await openDevice(page, userId);
		await openClearDevice(page, userId);
		await openFloor(page);
		// The visit's school, audit and activities first; its observations come later.
		const seeded = visit({ userId, observations: sizes.stored, seed: 11 });
		const setup = seeded.patches.filter((p) => p.type !== 'observation');
		const notes = seeded.patches.filter((p) => p.type === 'observation');
		await writeAll(page, setup);
		await writeAll(page, setup, 250, '__clearDevice');

		// Timed notes go to another activity: the learning walk keeps its 200 for the screen.
		const g = generator(3);
		const other = setup.find((p) => p.type === 'activity' && p.id !== seeded.learningWalkId);
		const fresh = (/** @type {number} */ n) =>
			Array.from({ length: n + WARM_UP }, () => ({
				type: 'observation',
				id: uuidv7(),
				scope: seeded.auditId,
				fields: observationFields(
					g,
					String(other?.id),
					String(other?.fields.componentId),
					Date.now()
				)
			}));
		const commitEmpty = await commitSamples(page, fresh(counts.commit));

		await writeAll(page, notes);
		await writeAll(page, notes, 250, '__clearDevice');
		// The floor's store holds as many records as the app's, each a copy of one stored.
		await page.evaluate(async () => {
			const rows = await globalThis.__device.db.records.toArray();
			await globalThis.__floorPut(
				'records',
				rows.map((r) => ({ ...r, id: `fill-${r.id}` }))
			);
		});
		const commitFull = await profiled(page, 'capture-commit', () =>
			commitSamples(page, fresh(counts.commit))
		);
		const photos = await photoSamples(page, counts.photos);

		// The real screen: the app opens the same store; its first sync sends what waits.
		await page.goto(`${base}/audits/${seeded.auditId}/activities/${seeded.learningWalkId}`);
		await unlockScreen(page);
		await page.getByRole('heading', { level: 1, name: seeded.title }).waitFor();
		await page.waitForFunction(
			() => {
				const runner = globalThis.__fieldbookBench?.syncRunner;
				return runner && runner.running === null && runner.lastOutcome !== null;
			},
			null,
			{ timeout: 600_000, polling: 200 }
		);
		const visible = await profiled(page, 'capture-visible', () =>
			visibleSamples(page, counts.visible)
		);
		return {
			capture_commit_ms: { stored_0: commitEmpty, stored_5000: commitFull },
			photo_store_ms: photos,
			capture_visible_ms: {
				...visible,
				stored: sizes.stored,
				in_this_activity: Math.ceil(sizes.stored / 25)
			}
		};
	} finally {
		await context.close();
	}
}
