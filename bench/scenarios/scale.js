// The costs that must grow at most linearly with the data (issue 16), measured with the device
// lock on (every row sealed):
// - join_pull_ms: a new device (a fresh browser profile) of an audit's member pulling the whole
//   audit, of 2,000 and of 20,000 changes (pushed beforehand by another tablet), with the
//   ratio of the two medians (linear: 10).
// - capture_visible_at_scale_ms: capture_visible_ms (the learning-walk screen, 200 notes in its
//   activity) on a tablet holding one audit of 5,000 notes, then, on the same tablet, with 19
//   more audits pulled in: 50,000 notes across 20 audits (a year on one tablet), and the ratio
//   (not growing with other audits' notes: about 1).
import { counts, sizes } from '../config.js';
import { Api, createAdvisor } from '../lib/api.js';
import { signedInPage, tablet } from '../lib/browser.js';
import { pushVisit } from '../lib/seed.js';
import { round, summary } from '../lib/stats.js';
import { timedSync } from './day-sync.js';
import { visibleSamples } from './capture.js';

/** The visit's school, audit and 25 activities are changes too: the rest are notes. */
const ACTIVITIES = 25;
const notesFor = (/** @type {number} */ changes) => changes - 2 - ACTIVITIES;

/** The tablet passphrase the scenario chooses on the app's own screen. */
const passphrase = 'bench tablet passphrase';

/**
 * The app's own device store (its sealing middleware, every row sealed) on `window.__device`,
 * with a fresh AES-GCM data key handed to it as the vault: the keyring (PBKDF2) is not timed.
 * @param {import('@playwright/test').Page} page @param {string} userId
 */
async function openSealedDevice(page, userId) {
	await page.evaluate(async (id) => {
		const h = globalThis.__fieldbookBench;
		const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
			'encrypt',
			'decrypt'
		]);
		globalThis.__device = await h.openDevice(id, {}, undefined, h.sealedVault(key));
	}, userId);
}

/**
 * A fresh profile, signed in, pulling everything its user may read; the time of that sync.
 * @param {import('@playwright/test').Browser} browser @param {string} base
 * @param {{ email: string, password: string }} account @param {number} expected
 */
async function freshPull(browser, base, account, expected) {
	const context = await browser.newContext(tablet);
	try {
		const { page, userId } = await signedInPage(context, base, account);
		await openSealedDevice(page, userId);
		const pulled = await timedSync(page);
		const outcome = /** @type {any} */ (pulled.outcome);
		if (!outcome.ok || outcome.pulled < expected)
			throw new Error(`pulled ${JSON.stringify(outcome)} of ${expected}`);
		return pulled;
	} finally {
		await context.close();
	}
}

/**
 * @param {import('@playwright/test').Browser} browser @param {string} base
 * @param {Api} adminApi @param {number} changes
 */
async function joinPull(browser, base, adminApi, changes) {
	const account = await createAdvisor(adminApi, `Join${changes}`);
	const api = new Api(base);
	const me = await api.signIn(account.email, account.password);
	await pushVisit(api, me.id, {
		observations: notesFor(changes),
		activities: ACTIVITIES,
		seed: 300 + changes
	});
	const samples = [];
	const waited = [];
	for (let run = 0; run < counts.joins; run++) {
		const pulled = await freshPull(browser, base, account, changes);
		samples.push(pulled.ms);
		waited.push(pulled.waited);
	}
	return { ...summary(samples), changes, waiting_on_server_ms: summary(waited) };
}

/**
 * Opens the capture screen as a person would: the passphrase (chosen the first time, typed
 * after), then the screen; the app's own first sync pulls what the server holds for this user.
 * @param {import('@playwright/test').Page} page @param {string} url @param {string} title
 */
async function openCapture(page, url, title) {
	await page.goto(url);
	const setup = page.getByRole('heading', { name: 'Choose a passphrase for this tablet' });
	const locked = page.getByRole('heading', { name: 'Fieldbook is locked' });
	await setup.or(locked).waitFor();
	if (await setup.isVisible()) {
		await page.getByLabel('New passphrase', { exact: true }).fill(passphrase);
		await page.getByLabel('New passphrase again').fill(passphrase);
		await page.getByRole('button', { name: 'Save passphrase' }).click();
	} else {
		await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
		await page.getByRole('button', { name: 'Unlock' }).click();
	}
	await page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 600_000 });
	// The screen's first sync pulls everything: wait for it, so it does not run in a sample.
	await page.waitForFunction(
		() => {
			const runner = globalThis.__fieldbookBench?.syncRunner;
			return runner && runner.running === null && runner.lastOutcome?.ok === true;
		},
		null,
		{ timeout: 900_000, polling: 500 }
	);
}

/**
 * @param {import('@playwright/test').Browser} browser @param {string} base @param {Api} adminApi
 */
async function visibleAtScale(browser, base, adminApi) {
	const account = await createAdvisor(adminApi, 'Year');
	const api = new Api(base);
	const me = await api.signIn(account.email, account.password);
	const title = 'Year learning walk';
	const first = await pushVisit(api, me.id, {
		observations: sizes.stored,
		activities: ACTIVITIES,
		seed: 400,
		title
	});
	const url = `${base}/audits/${first.auditId}/activities/${first.learningWalkId}`;
	const context = await browser.newContext(tablet);
	try {
		const { page } = await signedInPage(context, base, account);
		await openCapture(page, url, title);
		const alone = await visibleSamples(page, counts.visible);

		const audits = 20;
		const each = Math.round((sizes.yearStored - sizes.stored) / (audits - 1));
		for (let i = 1; i < audits; i++)
			await pushVisit(api, me.id, { observations: each, activities: ACTIVITIES, seed: 400 + i });
		// A reload starts locked; after the passphrase, the app's sync pulls the 19 other audits.
		const t = performance.now();
		await openCapture(page, url, title);
		const pullMs = performance.now() - t;
		const stored = await page.evaluate(async () => {
			const device = globalThis.__fieldbookBench.deviceSession.current;
			return device.db.records.where('type').equals('observation').count();
		});
		const year = await visibleSamples(page, counts.visible);
		return {
			stored_5000: { ...alone, audits: 1 },
			stored_50000: { ...year, audits, stored, unlock_and_pull_ms: round(pullMs) },
			ratio: round(year.median / alone.median),
			ratio_p95: round(year.p95 / alone.p95)
		};
	} finally {
		await context.close();
	}
}

/**
 * @param {{ browser: import('@playwright/test').Browser, base: string, adminApi: Api }} env
 */
export async function joinPullScenario({ browser, base, adminApi }) {
	const small = await joinPull(browser, base, adminApi, 2000);
	const large = await joinPull(browser, base, adminApi, 20000);
	return {
		join_pull_ms: {
			changes_2000: small,
			changes_20000: large,
			ratio: round(large.median / small.median)
		}
	};
}

/**
 * @param {{ browser: import('@playwright/test').Browser, base: string, adminApi: Api }} env
 */
export async function visibleAtScaleScenario({ browser, base, adminApi }) {
	return { capture_visible_at_scale_ms: await visibleAtScale(browser, base, adminApi) };
}
