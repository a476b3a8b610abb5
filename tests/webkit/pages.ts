import { By, type WebDriver } from 'selenium-webdriver';
import { appUrl } from './app';
import { pageOf, timeout, type Locator } from './locator';

/*
 * The Playwright helpers of tests/e2e (pages.ts, sync-pages.ts), for WebKit: a person's steps
 * through the app, found by labels and roles.
 */

export class Page {
	readonly root: Locator;
	constructor(readonly driver: WebDriver) {
		this.root = pageOf(driver);
	}
	getByRole: Locator['getByRole'] = (role, options) => this.root.getByRole(role, options);
	getByLabel: Locator['getByLabel'] = (name) => this.root.getByLabel(name);
	getByText: Locator['getByText'] = (text, options) => this.root.getByText(text, options);

	goto = (path: string) => this.driver.get(appUrl + path);
	/** A reload opens on the lock screen (issue 13): the passphrase, as a person would type it. */
	reload = async () => {
		await this.reloadToLockScreen();
		await passphraseStep(this);
	};
	/** A reload that stops where the app opens: the lock screen, the key gone from memory. */
	reloadToLockScreen = async () => {
		// A mark on the old document: what follows must not see the page before the reload.
		await this.driver.executeScript('window.__beforeReload = true');
		await this.driver.navigate().refresh();
		await this.waitFor('return !window.__beforeReload', 'the page to reload');
	};

	/** Waits until `test` (run in the page) returns true. */
	async waitFor(script: string, what: string, wait = timeout) {
		const deadline = Date.now() + wait;
		while (Date.now() < deadline) {
			if (await this.driver.executeScript(script).catch(() => false)) return;
			await this.driver.sleep(100);
		}
		throw new Error(`Waited ${wait} ms for ${what}`);
	}
}

/** The passphrase every WebKit test chooses for its tablet, as tests/e2e/pages.ts does. */
export const TEST_PASSPHRASE = 'tablet passphrase for tests';

export const lockHeading = (page: Page) =>
	page.getByRole('heading', { name: 'Fieldbook is locked' });

/** Types the passphrase on the lock screen and waits for the app behind it. */
export async function unlock(page: Page, passphrase = TEST_PASSPHRASE) {
	await page.getByLabel('Passphrase').fill(passphrase);
	await page.getByRole('button', { name: 'Unlock' }).click();
	await lockHeading(page).toHaveCount(0);
}

/**
 * After the sign-in form or a reload: chooses the tablet's passphrase the first time, or
 * unlocks with it (issue 13), and waits for the app shell.
 */
export async function passphraseStep(page: Page) {
	const setup = page.getByRole('heading', { name: 'Choose a passphrase for this tablet' });
	const locked = page.getByRole('heading', { name: 'Fieldbook is locked' });
	const signOut = page.getByRole('button', { name: 'Sign out' });
	const deadline = Date.now() + 2 * timeout;
	while (Date.now() < deadline) {
		if ((await setup.all()).length > 0) {
			await page.getByLabel('New passphrase').fill(TEST_PASSPHRASE);
			await page.getByLabel('New passphrase again').fill(TEST_PASSPHRASE);
			await page.getByRole('button', { name: 'Save passphrase' }).click();
			break;
		}
		if ((await locked.all()).length > 0) {
			await page.getByLabel('Passphrase').fill(TEST_PASSPHRASE);
			await page.getByRole('button', { name: 'Unlock' }).click();
			break;
		}
		if ((await signOut.all()).length > 0) return;
		await page.driver.sleep(100);
	}
	await signOut.toBeVisible(2 * timeout);
}

/** Signs in through the login page, as a person would, and waits for the app shell. */
export async function signIn(page: Page, email: string, password: string) {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await passphraseStep(page);
}

/** Waits until the service worker is active and controls the page (so it works offline). */
export const untilServiceWorkerControls = (page: Page) =>
	page.waitFor(
		"return navigator.serviceWorker.controller?.state === 'activated'",
		'the service worker to control the page',
		60_000
	);

export const nav = (page: Page, name: string) =>
	page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

/** The sync badge in the header: its name says how many changes wait, or "All synced". */
export const syncBadge = (page: Page) =>
	page.getByRole('banner').getByRole('link', { name: /waiting to sync|All synced/ });

export async function openAudit(page: Page, title: string) {
	await nav(page, 'Audits').click();
	await page.getByRole('heading', { name: 'Audits', level: 1 }).toBeVisible();
	await page.getByRole('link', { name: title }).click();
	await page.getByRole('heading', { name: title, level: 1 }).toBeVisible();
}

/** From the audit's page to one of its activities' capture screen. */
export async function openActivity(page: Page, audit: string, activity: string) {
	await openAudit(page, audit);
	// Listed under its component's checklist, or under "Other activities" (issue 14, item 8).
	await page.getByRole('link', { name: activity }).click();
	await page.getByRole('heading', { name: activity, level: 1 }).toBeVisible();
}

export async function openSync(page: Page) {
	await syncBadge(page).click();
	await page.getByRole('heading', { name: 'Sync', level: 1 }).toBeVisible();
}

/** When the last sync from this tablet went well, as the Sync page states it ('' for never). */
const lastSuccess = async (page: Page) => {
	const line = "//p[starts-with(normalize-space(.), 'Last successful sync')]/time";
	const times = await page.driver.findElements(By.xpath(line));
	return times.length > 0 ? times[0]!.getAttribute('datetime') : '';
};

/**
 * Taps "Sync now" on the Sync page and waits until that run has ended well: "Last successful
 * sync" moves on and the page says it is no longer syncing.
 */
export async function syncNow(page: Page) {
	const before = await lastSuccess(page);
	await page.getByRole('button', { name: 'Sync now' }).click();
	const deadline = Date.now() + 60_000;
	while ((await lastSuccess(page)) === before) {
		if (Date.now() > deadline) throw new Error('Sync now did not end in a successful sync');
		await page.driver.sleep(100);
	}
	await page.getByText('Not syncing right now.').toBeVisible();
}
