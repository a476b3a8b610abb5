import { expect, type BrowserContext, type Page } from '@playwright/test';

/** The passphrase every browser test chooses for its tablet (issue 13). */
export const TEST_PASSPHRASE = 'tablet passphrase for tests';

const lockHeading = (page: Page) => page.getByRole('heading', { name: 'Fieldbook is locked' });
const withHandler = new WeakSet<Page>();
const watchedContexts = new WeakSet<BrowserContext>();

/** Types the passphrase on the lock screen: a reload or a new page starts locked. */
export async function unlock(page: Page, passphrase = TEST_PASSPHRASE) {
	await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
	await page.getByRole('button', { name: 'Unlock' }).click();
}

/**
 * Every reload and every new page of a signed-in browser opens on the lock screen (the key is
 * in the tab's memory only). Tests about something else get through it the way a person would,
 * whenever it shows, so each of them needs no step of its own.
 */
async function autoUnlock(page: Page) {
	if (withHandler.has(page)) return;
	withHandler.add(page);
	await page.addLocatorHandler(lockHeading(page), () => unlock(page));
}

/** The lock tests see the lock screen themselves. */
export async function stopAutoUnlock(page: Page) {
	withHandler.delete(page);
	await page.removeLocatorHandler(lockHeading(page));
}

/**
 * Signs in through the login page, as a person would, chooses the tablet's passphrase the first
 * time (or unlocks with it after), and waits for the app shell.
 */
export async function signIn(page: Page, email: string, password: string) {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await passphraseStep(page);
}

/**
 * After the sign-in form: chooses the tablet's passphrase the first time (or unlocks with it),
 * waits for the app shell, and from then on gets through the lock screen whenever it shows.
 */
export async function passphraseStep(page: Page) {
	const setup = page.getByRole('heading', { name: 'Choose a passphrase for this tablet' });
	const signOut = page.getByRole('button', { name: 'Sign out' });
	await expect(setup.or(signOut).or(lockHeading(page))).toBeVisible();
	if (await setup.isVisible()) {
		await page.getByLabel('New passphrase', { exact: true }).fill(TEST_PASSPHRASE);
		await page.getByLabel('New passphrase again').fill(TEST_PASSPHRASE);
		await page.getByRole('button', { name: 'Save passphrase' }).click();
	} else if (await lockHeading(page).isVisible()) await unlock(page);
	await expect(signOut).toBeVisible();
	await autoUnlock(page);
	const context = page.context();
	if (!watchedContexts.has(context)) {
		watchedContexts.add(context);
		context.on('page', (other) => void autoUnlock(other));
	}
}
