// Chromium through Playwright, found as the tests find it (scripts/chromium.js), and pages of
// the bench build with the app's own device store on `window.__fieldbookBench`.
import { chromium } from '@playwright/test';
import { findChromium } from '../../scripts/chromium.js';

export const launchOptions = async () => {
	const executablePath = await findChromium();
	if (!executablePath)
		throw new Error('no Chromium: set CHROMIUM_PATH or apt-get install chromium');
	return {
		executablePath,
		// This machine's network is closed: stop Chromium's own background traffic.
		args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
	};
};

export const tablet = { viewport: { width: 1024, height: 768 } };

export async function launch() {
	return chromium.launch(await launchOptions());
}

/**
 * Signs the context in over the API (its cookie jar is the browser's) and opens `path` — by
 * default the sign-in page, which runs no sync of its own — waiting for the bench harness.
 * @param {import('@playwright/test').BrowserContext} context @param {string} base
 * @param {{ email: string, password: string }} account
 */
export async function signedInPage(context, base, account, path = '/login') {
	const login = await context.request.post(`${base}/api/auth/login`, {
		data: { email: account.email, password: account.password },
		headers: { origin: base }
	});
	if (login.status() !== 200) throw new Error(`sign-in: ${login.status()}`);
	const { user } = await login.json();
	const page = await context.newPage();
	await page.goto(base + path);
	await page.waitForFunction(() => 'openDevice' in (globalThis.__fieldbookBench ?? {}));
	return { page, userId: /** @type {string} */ (user.id) };
}

/** The tablet passphrase of every bench device (the lock screen's, issue 13). */
export const benchPassphrase = 'bench tablet passphrase';

/**
 * Opens the user's device store in the page (the app's `openDevice`, a connection of the
 * harness's own), unlocked with `benchPassphrase` (the first time, its keyring is made, as at
 * a first sign-in), and keeps it on `window.__device`.
 * @param {import('@playwright/test').Page} page @param {string} userId
 */
export async function openDevice(page, userId) {
	return page.evaluate(
		async ({ id, passphrase }) => {
			const h = globalThis.__fieldbookBench;
			const device = await h.openDevice(id);
			await h.unlock(device.db, passphrase);
			globalThis.__device = device;
			return device.clientId;
		},
		{ id: userId, passphrase: benchPassphrase }
	);
}

/**
 * The encryption-off control: a store of the same shape in the clear (another database name,
 * the same code), kept on `window.__clearDevice`.
 * @param {import('@playwright/test').Page} page @param {string} userId
 */
export async function openClearDevice(page, userId) {
	return page.evaluate(async (id) => {
		const h = globalThis.__fieldbookBench;
		globalThis.__clearDevice = await h.openDevice(`${id}-clear`, {}, undefined, h.clearVault());
	}, userId);
}

/**
 * Types the passphrase on the app's lock screen (a page load opens there) and waits for it to go.
 * @param {import('@playwright/test').Page} page
 */
export async function unlockScreen(page) {
	await page.getByLabel('Passphrase', { exact: true }).fill(benchPassphrase);
	await page.getByRole('button', { name: 'Unlock' }).click();
	await page.getByRole('heading', { name: 'Fieldbook is locked' }).waitFor({ state: 'detached' });
}

/**
 * Writes patches through the app's `writeRecords`, `chunk` to a transaction (set-up, not timed),
 * on the store kept on `window[device]`.
 * @param {import('@playwright/test').Page} page @param {unknown[]} patches
 */
export async function writeAll(page, patches, chunk = 250, device = '__device') {
	for (let i = 0; i < patches.length; i += chunk) {
		await page.evaluate(
			async ({ part, device }) => {
				const h = globalThis.__fieldbookBench;
				const d = globalThis[device];
				await h.writeRecords(d.db, d.clientId, d.userId, part);
			},
			{ part: patches.slice(i, i + chunk), device }
		);
	}
}

/**
 * Runs `work`; with BENCH_CPU_PROFILE=<folder>, records the page's CPU profile meanwhile into
 * <folder>/<name>.cpuprofile (open it in Chromium's DevTools) — to find where the time goes.
 * @template T
 * @param {import('@playwright/test').Page} page @param {string} name @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function profiled(page, name, work) {
	const dir = process.env.BENCH_CPU_PROFILE;
	if (!dir) return work();
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.start');
	try {
		return await work();
	} finally {
		const { profile } = await cdp.send('Profiler.stop');
		const { mkdirSync, writeFileSync } = await import('node:fs');
		mkdirSync(dir, { recursive: true });
		writeFileSync(`${dir}/${name}.cpuprofile`, JSON.stringify(profile));
		await cdp.detach();
	}
}
