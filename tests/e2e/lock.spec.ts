import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { goOffline, untilServiceWorkerControls } from './offline-pages';
import { signIn, stopAutoUnlock, TEST_PASSPHRASE, unlock } from './pages';
import { adminSession, apiSession, createAdvisor, seedAudit, type Account } from './sync-api';
import { openSync, syncBadge, syncNow } from './sync-pages';

/*
 * The lock (issue 13): the idle lock keeps what was typed, the passphrase unlocks offline, a
 * wrong one is refused, a forgotten one is replaced online with unsynced work kept, and a
 * change of passphrase takes effect. These tests watch the lock screen themselves.
 */

const locked = (page: Page) => page.getByRole('heading', { name: 'Fieldbook is locked' });
const noteBox = (page: Page) => page.getByLabel('Observation', { exact: true });

async function onActivity(browser: Browser, baseURL: string, name: string, clock = false) {
	const account: Account = await createAdvisor(await adminSession(baseURL), name);
	const api = await apiSession(baseURL, account.email, account.password);
	const seeded = await seedAudit(api, account.id, [account.id]);
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
	const page = await context.newPage();
	if (clock) await page.clock.install();
	await signIn(page, account.email, account.password);
	await stopAutoUnlock(page);
	await untilServiceWorkerControls(page);
	await openSync(page);
	await syncNow(page);
	const activityUrl = `/audits/${seeded.auditId}/activities/${seeded.activityId}`;
	await page.goto(activityUrl);
	await unlock(page);
	await expect(
		page.getByRole('heading', { name: 'Learning walk at lunch', level: 1 })
	).toBeVisible();
	return { account, api, context, page, seeded, activityUrl };
}

test('locks after the idle time set in Settings, and what was typed is still there after unlock', async ({
	browser,
	baseURL
}) => {
	const { page, context, activityUrl } = await onActivity(browser, baseURL!, 'Ida', true);
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Settings' })
		.click();
	await page.getByLabel('Lock after this long without a touch').selectOption('1');
	await page.goto(activityUrl);
	await unlock(page);
	await noteBox(page).fill('Half a thought about the nurture room');

	await page.clock.fastForward('00:50');
	await expect(noteBox(page)).toBeVisible();
	await page.clock.fastForward('00:20');
	await expect(locked(page)).toBeVisible();
	await expect(noteBox(page)).toBeHidden();
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
	await expectNoAxeViolations(page);

	await unlock(page);
	await expect(noteBox(page)).toHaveValue('Half a thought about the nurture room');
	await context.close();
});

test('unlocks offline; a wrong passphrase is refused and said to be wrong', async ({
	browser,
	baseURL
}) => {
	const { page, context } = await onActivity(browser, baseURL!, 'Olu');
	await goOffline(context);
	await page.reload();
	await expect(locked(page)).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
	await expect(page.getByText('Calm lunch queue')).toHaveCount(0);
	await unlock(page, 'not the passphrase');
	await expect(page.getByRole('alert')).toHaveText(
		'That passphrase is not the one for this tablet.'
	);
	await expect(locked(page)).toBeVisible();
	await unlock(page);
	await expect(page.getByText('Calm lunch queue; staff greet pupils by name.')).toBeVisible();
	await context.close();
});

test('a forgotten passphrase is replaced online, and the unsynced note is still there and syncs', async ({
	browser,
	baseURL
}) => {
	const { page, context, account } = await onActivity(browser, baseURL!, 'Fay');
	const offline = await goOffline(context);
	await noteBox(page).fill('Written offline before the passphrase was forgotten');
	await page.getByRole('button', { name: 'Save observation' }).click();
	await expect(syncBadge(page)).toHaveAccessibleName('1 change waiting to sync');
	await page.reload();
	await expect(locked(page)).toBeVisible();
	for (let i = 0; i < 5; i++) await unlock(page, `a wrong guess ${i}`);
	await expect(page.getByRole('alert')).toContainText('Too many wrong passphrases');

	await offline.online();
	await page.getByRole('button', { name: 'Forgot your passphrase?' }).click();
	await page.getByLabel(`Account password for ${account.email}`).fill(account.password);
	await page.getByLabel('New passphrase', { exact: true }).fill('a brand new passphrase');
	await page.getByLabel('New passphrase again').fill('a brand new passphrase');
	await page.getByRole('button', { name: 'Set new passphrase' }).click();
	await expect(page.getByText('Written offline before the passphrase was forgotten')).toBeVisible();
	await openSync(page);
	await syncNow(page);
	await expect(syncBadge(page)).toHaveAccessibleName('All synced');

	await page.reload();
	await unlock(page, TEST_PASSPHRASE);
	await expect(page.getByRole('alert')).toHaveText(
		'That passphrase is not the one for this tablet.'
	);
	await unlock(page, 'a brand new passphrase');
	await expect(page.getByRole('heading', { name: 'Sync', level: 1 })).toBeVisible();
	await context.close();
});

test('the passphrase is changed in Settings with a strength hint: the old one is refused after, the new one opens', async ({
	browser,
	baseURL
}) => {
	const { page, context } = await onActivity(browser, baseURL!, 'Cas');
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Settings' })
		.click();
	await page.getByLabel('Current passphrase').fill('not the current one');
	// The strength hint, by the server's password check, is read out with the field.
	const fresh = page.getByLabel('New passphrase', { exact: true });
	await fresh.fill('password1234');
	await expect(fresh).toHaveAccessibleDescription(
		/Strength: (very )?weak\. It is close to a commonly used password: add more unrelated words\.$/
	);
	await fresh.fill('another good passphrase');
	await expect(fresh).toHaveAccessibleDescription(
		/It never leaves this tablet\. Strength: (very )?strong\.$/
	);
	await page.getByLabel('New passphrase again').fill('another good passphrase');
	await page.getByRole('button', { name: 'Change passphrase' }).click();
	await expect(page.getByRole('alert')).toContainText('not the one');
	await page.getByLabel('Current passphrase').fill(TEST_PASSPHRASE);
	await page.getByRole('button', { name: 'Change passphrase' }).click();
	await expect(page.getByText('Passphrase changed.')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Lock now' }).click();
	await unlock(page, TEST_PASSPHRASE);
	await expect(page.getByRole('alert')).toHaveText(
		'That passphrase is not the one for this tablet.'
	);
	await unlock(page, 'another good passphrase');
	await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
	await context.close();
});
