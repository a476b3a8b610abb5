import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn } from './pages';
import { adminSession, apiSession, createAdvisor, seedAudit, type Account } from './sync-api';
import { editNote, openNotes, openSync, syncBadge, syncNow } from './sync-pages';

async function tablet(browser: Browser, account: Account, userAgent?: string) {
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, userAgent });
	const page = await context.newPage();
	await signIn(page, account.email, account.password);
	return { context, page };
}

async function openSettings(page: Page) {
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Settings' })
		.click();
	await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
}

const BACKUP_PASSPHRASE = 'a passphrase for the backup';

async function downloadBackup(page: Page, path: string) {
	const download = page.waitForEvent('download');
	await page.getByLabel('Passphrase for this backup').fill(BACKUP_PASSPHRASE);
	await page.getByRole('button', { name: 'Download a backup' }).click();
	await (await download).saveAs(path);
	await expect(page.getByRole('status').filter({ hasText: 'Backup made' })).toBeVisible();
}

async function restore(
	page: Page,
	file: string | { name: string; mimeType: string; buffer: Buffer },
	passphrase = BACKUP_PASSPHRASE
) {
	await page.getByLabel('Backup file').setInputFiles(file);
	await page.getByLabel('Passphrase of the backup').fill(passphrase);
	await page.getByRole('button', { name: 'Restore from backup' }).click();
}

/** Every change the server logged for one record, from the start of the log. */
async function loggedChanges(api: APIRequestContext, recordId: string) {
	const changes: { clientId: string; seq: number; fields: Record<string, unknown> }[] = [];
	for (let since: string | null = null; ;) {
		const query: string = since ? `&since=${encodeURIComponent(since)}` : '';
		const page = await (await api.get(`/api/sync/pull?limit=500${query}`)).json();
		changes.push(...page.changes.filter((c: { recordId: string }) => c.recordId === recordId));
		if (!page.more) break;
		since = page.cursor;
	}
	return changes;
}

test('a backup restored in a fresh browser brings the work back, and it reaches the server once', async ({
	browser,
	baseURL
}, testInfo) => {
	const dee = await createAdvisor(await adminSession(baseURL!), 'Dee');
	const deeApi = await apiSession(baseURL!, dee.email, dee.password);
	const audit = await seedAudit(deeApi, dee.id, [dee.id]);
	const file = testInfo.outputPath('backup.fieldbook');

	// The first tablet syncs one edit, then makes another offline and backs everything up.
	const first = await tablet(browser, dee);
	await openSettings(first.page);
	await openNotes(first.page, audit.title);
	const synced = 'Synced before the backup: calm lunch queue.';
	await editNote(first.page, synced);
	await openSync(first.page);
	await syncNow(first.page);
	await first.context.setOffline(true);
	await openNotes(first.page, audit.title);
	const unsynced = 'Only in the backup: staff greet every pupil by name.';
	await editNote(first.page, unsynced);
	await expect(syncBadge(first.page)).toHaveAccessibleName('1 change waiting to sync');
	await openSettings(first.page);
	await downloadBackup(first.page, file);

	// A fresh browser, signed in as Dee, restores it with no network.
	const fresh = await tablet(browser, dee);
	await openNotes(fresh.page, audit.title);
	await expect(fresh.page.getByText(synced)).toBeVisible();
	await openSettings(fresh.page);
	await fresh.context.setOffline(true);
	await restore(fresh.page, file);
	// Schools belong to the whole organisation, so the record count depends on what other tests
	// made first; the one waiting change is this test's own.
	await expect(fresh.page.getByRole('status').filter({ hasText: 'Restored' })).toHaveText(
		/^Restored \d+ records, 0 photos and 1 change waiting to sync\.$/
	);
	await expect(syncBadge(fresh.page)).toHaveAccessibleName('1 change waiting to sync');
	await expectNoAxeViolations(fresh.page);
	await openNotes(fresh.page, audit.title);
	await expect(fresh.page.getByText(unsynced, { exact: true })).toBeVisible();

	// Both tablets sync: the restored one first, then the original with the same change.
	await fresh.context.setOffline(false);
	await openSync(fresh.page);
	await syncNow(fresh.page);
	await expect(syncBadge(fresh.page)).toHaveAccessibleName('All synced');
	await first.context.setOffline(false);
	await openSync(first.page);
	await syncNow(first.page);
	await expect(syncBadge(first.page)).toHaveAccessibleName('All synced');

	const logged = await loggedChanges(deeApi, audit.observationId);
	const pairs = logged.map((c) => `${c.clientId}:${c.seq}`);
	expect(new Set(pairs).size).toBe(pairs.length);
	expect(logged.map((c) => c.fields.text)).toEqual([audit.text, synced, unsynced]);
	const tablets = logged.slice(1);
	expect(tablets.map((c) => c.seq)).toEqual([1, 2]);
	expect(tablets[0]!.clientId).toBe(tablets[1]!.clientId);
	await first.context.close();
	await fresh.context.close();
});

test("a damaged file or another person's backup is refused, and nothing changes", async ({
	browser,
	baseURL
}, testInfo) => {
	const admin = await adminSession(baseURL!);
	const [eve, fay] = [await createAdvisor(admin, 'Eve'), await createAdvisor(admin, 'Fay')];
	const file = testInfo.outputPath('eve.fieldbook');
	const eves = await tablet(browser, eve);
	await openSettings(eves.page);
	await downloadBackup(eves.page, file);
	await eves.context.close();

	const { context, page } = await tablet(browser, fay);
	await openSettings(page);
	await restore(page, {
		name: 'notes.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{')
	});
	await expect(page.getByRole('alert')).toHaveText(
		'This file is not a Fieldbook backup. Choose a file made with “Download a backup”.'
	);
	// Sealed: a wrong passphrase, or a changed byte, is refused before anything is read.
	expect(readFileSync(file).includes(Buffer.from('Calm lunch queue'))).toBe(false);
	await restore(page, file, 'not the backup passphrase');
	await expect(page.getByRole('alert')).toHaveText(
		'That passphrase does not open this backup. Nothing was restored.'
	);
	const damaged = readFileSync(file);
	damaged[damaged.length - 40]! ^= 1;
	await restore(page, {
		name: 'eve.fieldbook',
		mimeType: 'application/octet-stream',
		buffer: damaged
	});
	await expect(page.getByRole('alert')).toHaveText(
		'This backup file is damaged. Nothing was restored.'
	);
	await restore(page, file);
	await expect(page.getByRole('alert')).toContainText('This backup belongs to another account');
	await expect(syncBadge(page)).toHaveAccessibleName('All synced');
	await expectNoAxeViolations(page);
	await context.close();
});

test('the header says whether the server can be reached, on every screen', async ({
	browser,
	baseURL
}) => {
	const gus = await createAdvisor(await adminSession(baseURL!), 'Gus');
	const { context, page } = await tablet(browser, gus);
	const status = page
		.getByRole('banner')
		.getByRole('status')
		.filter({ hasText: /Server reachable|saved on this tablet|Checking the connection/ });
	await expect(status).toHaveText('● Server reachable');
	await context.setOffline(true);
	await expect(status).toHaveText('○ Offline — your work is saved on this tablet');
	await context.setOffline(false);
	await expect(status).toHaveText('● Server reachable');

	// A network that reaches nothing (the browser still thinks it is online) counts as offline.
	await context.route('**/api/health', (route) => route.abort());
	await openSettings(page);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(status).toHaveText('○ Offline — your work is saved on this tablet');
	await context.unroute('**/api/health');
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(status).toHaveText('● Server reachable');
	await context.close();
});

test('Settings shows storage use and persistence; Safari on an iPad explains the Home Screen once', async ({
	browser,
	baseURL
}) => {
	const hal = await createAdvisor(await adminSession(baseURL!), 'Hal');
	const ipad =
		'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
	const { context, page } = await tablet(browser, hal, ipad);
	const notice = page.getByRole('region', { name: 'Add Fieldbook to the Home Screen' });
	await expect(notice).toContainText('Safari deletes a website’s saved data after 7 days');
	await expectNoAxeViolations(page);
	await notice.getByRole('button', { name: 'Got it' }).click();
	await expect(notice).toHaveCount(0);
	await page.reload();
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
	await expect(notice).toHaveCount(0);

	await openSettings(page);
	await expect(
		page.getByText(/^Storage: [\d.,]+ MB used of [\d.,]+ MB available\.$/)
	).toBeVisible();
	await expect(page.getByText(/^Persistent storage: (granted|not granted)\./)).toBeVisible();
	await expect(
		page.getByRole('heading', { name: 'Add Fieldbook to the Home Screen', level: 3 })
	).toBeVisible();
	await expectNoAxeViolations(page);
	await context.close();
});
