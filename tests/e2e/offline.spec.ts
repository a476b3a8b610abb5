import { expect, test, type Browser } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { cachedUrls, goOffline, openFromShell, untilServiceWorkerControls } from './offline-pages';
import { signIn } from './pages';
import {
	adminSession,
	apiSession,
	createAdvisor,
	pulledFields,
	seedAudit,
	type Account
} from './sync-api';
import { editNote, openAudit, syncBadge } from './sync-pages';

async function tabletOnline(browser: Browser, account: Account, auditTitle: string) {
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
	const page = await context.newPage();
	await signIn(page, account.email, account.password);
	await untilServiceWorkerControls(page);
	// The first sync has brought the audit onto the tablet.
	await openAudit(page, auditTitle);
	return { context, page };
}

async function advisorWithAudit(baseURL: string, name: string) {
	const admin = await adminSession(baseURL);
	const account = await createAdvisor(admin, name);
	const api = await apiSession(baseURL, account.email, account.password);
	const audit = await seedAudit(api, account.id, [account.id]);
	const { schoolId } = await pulledFields(api, audit.auditId);
	const { activityId } = await pulledFields(api, audit.observationId);
	return { account, api, audit, schoolId: String(schoolId), activityId: String(activityId) };
}

test('after one visit online, every page and deep link opens offline from the precached shell', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(60_000); // a dozen full page loads, each checked by axe
	const { account, audit, schoolId, activityId } = await advisorWithAudit(baseURL!, 'Olive');
	const { context, page } = await tabletOnline(browser, account, audit.title);
	const nav = page.getByRole('navigation', { name: 'Main' });
	const topLevel = await nav
		.getByRole('link')
		.evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
	expect(topLevel).toEqual(expect.arrayContaining(['/', '/audits', '/framework', '/settings']));

	const offline = await goOffline(context);
	await page.reload();
	await expect(page.getByRole('heading', { name: audit.title, level: 1 })).toBeVisible();
	await expect(await openFromShell(page, '/')).toHaveText('Today');
	await expect(page.getByText(`Signed in as ${account.name}.`)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Sign in again to sync' })).toHaveCount(0);
	await expectNoAxeViolations(page);

	// Every top-level page of the navigation, and Sync (the badge's page), opened by a full load.
	for (const path of [...topLevel, '/sync']) {
		await openFromShell(page, path);
		if (path !== '/sync')
			await expect(nav.locator('a[aria-current="page"]')).toHaveAttribute('href', path);
		await expectNoAxeViolations(page);
	}
	await expect(page.getByRole('heading', { name: 'Sync', level: 1 })).toBeVisible();
	await openFromShell(page, '/audits');
	await expect(page.getByRole('link', { name: audit.title })).toBeVisible();

	// One deep link per record type: the audit, the activity (with its observation), the school.
	await expect(await openFromShell(page, `/audits/${audit.auditId}`)).toHaveText(audit.title);
	await expectNoAxeViolations(page);
	await expect(
		await openFromShell(page, `/audits/${audit.auditId}/activities/${activityId}`)
	).toHaveText('Learning walk at lunch');
	await expect(page.getByText(audit.text)).toBeVisible();
	await expectNoAxeViolations(page);
	await expect(await openFromShell(page, `/schools/${schoolId}`)).toHaveText(
		'Drayton Park Primary'
	);
	await expectNoAxeViolations(page);

	// Nothing but the API (and the service worker's own update check) tried the network...
	expect(offline.cut.filter((path) => !path.startsWith('/api/'))).toEqual(
		offline.cut.filter((path) => path === '/service-worker.js')
	);
	expect(offline.cut).toContain('/api/auth/me');
	// ...and no API answer was ever cached.
	const cached = await cachedUrls(page);
	expect(cached.map((url) => new URL(url).pathname)).toContain('/app-shell');
	expect(cached.filter((url) => new URL(url).pathname.startsWith('/api/'))).toEqual([]);
	await context.close();
});

test('opened offline, the last user writes; sync resumes with the session, or asks to sign in again', async ({
	browser,
	baseURL
}) => {
	const { account, api, audit } = await advisorWithAudit(baseURL!, 'Nia');
	const { context, page } = await tabletOnline(browser, account, audit.title);
	await page.getByRole('link', { name: 'Learning walk at lunch' }).click();

	let offline = await goOffline(context);
	await page.reload();
	await expect(
		page.getByRole('heading', { name: 'Learning walk at lunch', level: 1 })
	).toBeVisible();
	const first = 'Written offline: quiet room available at lunch for anxious pupils.';
	await editNote(page, first);
	await expect(syncBadge(page)).toHaveAccessibleName('1 change waiting to sync');

	// The network returns and the session still holds: sync resumes without asking anything.
	await offline.online();
	await expect(syncBadge(page)).toHaveAccessibleName('All synced');
	expect((await pulledFields(api, audit.observationId)).text).toBe(first);

	// Offline again, and meanwhile the session ends (its cookie is gone).
	offline = await goOffline(context);
	await page.reload();
	const second = 'Also offline: the quiet room was locked on Thursday.';
	await editNote(page, second);
	await context.clearCookies();
	await offline.online();
	const relogin = page.getByRole('region', { name: 'Sign in again to sync' });
	await expect(relogin).toBeVisible();
	await expect(syncBadge(page)).toHaveAccessibleName('1 change waiting to sync');
	await expectNoAxeViolations(page);
	await relogin.getByLabel('Your password').fill(account.password);
	await relogin.getByRole('button', { name: 'Sign in again' }).click();
	await expect(syncBadge(page)).toHaveAccessibleName('All synced');
	expect((await pulledFields(api, audit.observationId)).text).toBe(second);

	// A server that answers "not signed in" still means the login page, even with a user remembered.
	await context.clearCookies();
	await page.goto('/audits');
	await expect(page).toHaveURL(/\/login\?next=%2Faudits$/);
	await context.close();
});

test('the manifest and service worker pass Chromium installability checks', async ({
	page,
	context
}) => {
	await page.goto('/login');
	await untilServiceWorkerControls(page);
	const cdp = await context.newCDPSession(page);
	// Chromium's own check, all criteria at once. Playwright's contexts are incognito, which the
	// check reports too: that one is about the test browser, not the app.
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
	const { url, errors, data } = await cdp.send('Page.getAppManifest');
	expect(new URL(url).pathname).toBe('/manifest.webmanifest');
	expect(errors).toEqual([]);
	const manifest = JSON.parse(data ?? '{}');
	expect(manifest).toMatchObject({ name: expect.any(String), display: 'standalone' });
	await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute(
		'content',
		manifest.theme_color
	);

	// Each icon is a PNG of the size it claims; one is maskable.
	const icons = manifest.icons as { src: string; sizes: string; purpose: string }[];
	expect(icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual([
		'192x192 any',
		'512x512 any',
		'512x512 maskable'
	]);
	for (const icon of icons) {
		const png = await (await page.request.get(icon.src)).body();
		expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
		expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
	}

	// The start URL opens with no network at all.
	await goOffline(context);
	const response = await page.goto(manifest.start_url);
	expect(response?.fromServiceWorker()).toBe(true);
	await expect(page.getByRole('heading', { name: 'Sign in to Fieldbook' })).toBeVisible();
});
