import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn } from './pages';
import {
	adminSession,
	apiSession,
	createAdvisor,
	pulledFields,
	seedAudit,
	type Account
} from './sync-api';
import { editNote, openAudit, openNotes, openSync, syncBadge, syncNow } from './sync-pages';

async function tablet(browser: Browser, account: Account) {
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
	const page = await context.newPage();
	await signIn(page, account.email, account.password);
	return { context, page };
}

const everythingOnServer = (page: Page) => page.getByText('Everything is on the server');

test('two advisors edit one note offline, both see the conflict, one merges, both converge', async ({
	browser,
	baseURL
}) => {
	const admin = await adminSession(baseURL!);
	const ann = await createAdvisor(admin, 'Ann');
	const bob = await createAdvisor(admin, 'Bob');
	const annApi = await apiSession(baseURL!, ann.email, ann.password);
	const audit = await seedAudit(annApi, ann.id, [ann.id, bob.id]);

	const a = await tablet(browser, ann);
	const b = await tablet(browser, bob);
	for (const { page } of [a, b]) {
		await openNotes(page, audit.title);
		await expect(page.getByText(audit.text)).toBeVisible();
	}

	const annText = 'Ann: calm lunch queue, staff greet every pupil by name.';
	const bobText = 'Bob: lunch queue calm; two staff on duty, music playing.';
	await a.context.setOffline(true);
	await b.context.setOffline(true);
	await editNote(a.page, annText);
	await editNote(b.page, bobText);
	for (const { page } of [a, b]) {
		await expect(syncBadge(page)).toHaveAccessibleName('1 change waiting to sync');
	}

	// Ann syncs first, then Bob (whose push meets Ann's text: a conflict), then Ann again.
	await a.context.setOffline(false);
	await openSync(a.page);
	await syncNow(a.page);
	await expect(syncBadge(a.page)).toHaveAccessibleName('All synced');
	await b.context.setOffline(false);
	await openSync(b.page);
	await syncNow(b.page);
	await syncNow(a.page);

	// Issue 14, problem 6: the conflict is in sight (the badge and Today say it waits), names
	// the colleague and leads to its note.
	for (const [page, mine, theirs, other] of [
		[a.page, annText, bobText, 'Bob'],
		[b.page, bobText, annText, 'Ann']
	] as const) {
		const conflict = page.getByRole('article', { name: /Observation note — Dining hall/ });
		await expect(conflict).toHaveCount(1);
		await expect(conflict.getByRole('region', { name: /: You$/ })).toContainText(mine);
		await expect(conflict.getByRole('region', { name: new RegExp(`: ${other}$`) })).toContainText(
			theirs
		);
		await expect(conflict.getByRole('button', { name: 'Keep this version' })).toHaveCount(2);
		await expect(syncBadge(page)).toHaveAccessibleName('1 conflict to merge');
	}
	await expectNoAxeViolations(a.page);
	await a.page.getByRole('link', { name: 'Open the note' }).click();
	await expect(
		a.page.getByRole('heading', { name: 'Learning walk at lunch', level: 1 })
	).toBeVisible();
	await a.page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Today' })
		.click();
	await expect(a.page.getByText('1 conflict waits for you to merge.')).toBeVisible();
	await openSync(a.page);

	// The note on the audit page says it has two versions and leads to the merge.
	await openNotes(b.page, audit.title);
	await expectNoAxeViolations(b.page);
	await b.page.getByRole('link', { name: '2 versions — merge' }).click();
	await expect(b.page.getByRole('heading', { name: 'Sync', level: 1 })).toBeVisible();

	const merged = 'Merged: calm lunch queue; staff greet every pupil by name; music playing.';
	await b.page.getByRole('button', { name: 'Merge…' }).click();
	const mergeBox = b.page.getByLabel('Merged text');
	const start = await mergeBox.inputValue();
	expect(start).toContain(annText);
	expect(start).toContain(bobText);
	await mergeBox.fill(merged);
	await b.page.getByRole('button', { name: 'Save merge' }).click();
	await expect(b.page.getByText('No conflicts')).toBeVisible();
	await expect(everythingOnServer(b.page)).toHaveCount(0);
	await syncNow(b.page);
	await syncNow(a.page);

	for (const page of [a.page, b.page]) {
		await expect(page.getByText('No conflicts')).toBeVisible();
		await expect(everythingOnServer(page)).toBeVisible();
		await expect(syncBadge(page)).toHaveAccessibleName('All synced');
		await openNotes(page, audit.title);
		await expect(page.getByText(merged, { exact: true })).toBeVisible();
		await expect(page.getByText(annText)).toHaveCount(0);
		await expect(page.getByRole('link', { name: '2 versions — merge' })).toHaveCount(0);
	}
	expect((await pulledFields(annApi, audit.observationId)).text).toBe(merged);
	await a.context.close();
	await b.context.close();
});

test('an ended session asks to sign in again, in place, and loses nothing', async ({
	browser,
	baseURL
}) => {
	const cat = await createAdvisor(await adminSession(baseURL!), 'Cat');
	const audit = await seedAudit(await apiSession(baseURL!, cat.email, cat.password), cat.id, [
		cat.id
	]);
	const { context, page } = await tablet(browser, cat);
	await openAudit(page, audit.title);

	await openSync(page);
	await syncNow(page);
	await expect(everythingOnServer(page)).toBeVisible();
	await context.clearCookies(); // the server no longer knows this tablet's session
	await page.getByRole('button', { name: 'Sync now' }).click();
	const banner = page.getByRole('region', { name: 'Sign in again to sync' });
	await expect(banner.getByRole('alert')).toContainText('Nothing on this tablet is lost');
	// Nothing waits, but the last sync failed: the page must not claim all is on the server.
	await expect(everythingOnServer(page)).toHaveCount(0);

	await openNotes(page, audit.title);
	const saved = 'Written after the session ended: quiet room well used at break.';
	await editNote(page, saved);
	await expect(syncBadge(page)).toHaveAccessibleName('1 change waiting to sync');
	await openSync(page);
	await page.getByRole('button', { name: 'Sync now' }).click();
	await expect(banner.getByRole('alert')).toContainText('Nothing on this tablet is lost');
	await expect(syncBadge(page)).toHaveAccessibleName('1 change waiting to sync');
	await expect(everythingOnServer(page)).toHaveCount(0);
	await expectNoAxeViolations(page);

	// Back on the audit the saved edit is there; a new draft is half-typed when signing in.
	await openNotes(page, audit.title);
	await expect(page.getByText(saved, { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Edit note' }).click();
	const draft = 'A draft not saved yet';
	await page.getByLabel('Note', { exact: true }).fill(draft);
	await banner.getByLabel('Your password').fill(cat.password);
	await banner.getByRole('button', { name: 'Sign in again' }).click();
	await expect(banner).toHaveCount(0);
	await expect(syncBadge(page)).toHaveAccessibleName('All synced');
	await expect(page.getByLabel('Note', { exact: true })).toHaveValue(draft);
	await expect(page).toHaveURL(
		new RegExp(`/audits/${audit.auditId}/activities/${audit.activityId}$`)
	);

	const fresh = await apiSession(baseURL!, cat.email, cat.password);
	expect((await pulledFields(fresh, audit.observationId)).text).toBe(saved);
	await context.close();
});

test('signing out is refused while a change waits, and works once it has synced', async ({
	browser,
	baseURL
}) => {
	const dan = await createAdvisor(await adminSession(baseURL!), 'Dan');
	const audit = await seedAudit(await apiSession(baseURL!, dan.email, dan.password), dan.id, [
		dan.id
	]);
	const { context, page } = await tablet(browser, dan);
	await openNotes(page, audit.title);

	await context.setOffline(true);
	const offlineText = 'Offline note: the wellbeing board is out of date.';
	await editNote(page, offlineText);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'You cannot sign out yet: 1 change waits to sync'
	);
	await expect(page).toHaveURL(
		new RegExp(`/audits/${audit.auditId}/activities/${audit.activityId}$`)
	);
	await expect(page.getByText(offlineText, { exact: true })).toBeVisible();
	await expect(syncBadge(page)).toHaveAccessibleName('1 change waiting to sync');

	await context.setOffline(false);
	await page.getByRole('link', { name: 'Go to Sync' }).click();
	await expect(page.getByRole('heading', { name: 'Sync', level: 1 })).toBeVisible();
	await syncNow(page);
	await expect(everythingOnServer(page)).toBeVisible();
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/login$/);

	const api = await apiSession(baseURL!, dan.email, dan.password);
	expect((await pulledFields(api, audit.observationId)).text).toBe(offlineText);
	await context.close();
});
