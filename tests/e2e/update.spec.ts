import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import {
	buildNextVersion,
	freePort,
	newDatabasePath,
	nextBuildDir,
	serveBuild
} from './app-server';
import { goOffline, precachedVersions, untilServiceWorkerControls } from './offline-pages';
import { signIn } from './pages';
import { adminSession, apiSession, createAdvisor, pulledFields, seedAudit } from './sync-api';
import { openNotes, syncBadge } from './sync-pages';

test.beforeAll(async () => {
	test.setTimeout(120_000);
	await buildNextVersion();
});
test.afterAll(() => rmSync(nextBuildDir, { recursive: true, force: true }));

test('a new version deployed under unsaved text waits for the note and the sync, then installs on a tap', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const port = await freePort();
	const baseURL = `http://localhost:${port}`;
	const dbPath = newDatabasePath();
	let server = await serveBuild('build', port, dbPath);
	try {
		const admin = await adminSession(baseURL);
		const ula = await createAdvisor(admin, 'Ula');
		const api = await apiSession(baseURL, ula.email, ula.password);
		const audit = await seedAudit(api, ula.id, [ula.id]);

		const context = await browser.newContext({ baseURL, viewport: { width: 1024, height: 768 } });
		const page = await context.newPage();
		await signIn(page, ula.email, ula.password);
		await untilServiceWorkerControls(page);
		await openNotes(page, audit.title);
		const [oldVersion] = await precachedVersions(page);
		const update = page.getByRole('region', { name: 'Update ready' });
		await expect(update).toHaveCount(0); // the first install is not an update

		// Half-written note; the page marks itself so that any reload would show.
		let loads = 0;
		page.on('load', () => loads++);
		await page.evaluate(() => document.documentElement.setAttribute('data-still-open', 'yes'));
		const unsaved = 'Half-written: the worry box by the library door is';
		await page.getByRole('button', { name: 'Edit note' }).click();
		await page.getByLabel('Note', { exact: true }).fill(unsaved);

		// Deploy: the next build replaces the server; the tablet wakes and looks for updates.
		await server.stop();
		server = await serveBuild(nextBuildDir, port, dbPath);
		await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

		const install = update.getByRole('button', { name: 'Install update' });
		await expect(update).toBeVisible();
		await expect(update.getByRole('status')).toHaveText(
			'It will install once you save or cancel the note you are editing.'
		);
		await expect(install).toBeDisabled();
		await expect(page.getByLabel('Note', { exact: true })).toHaveValue(unsaved);
		await expectNoAxeViolations(page);
		// Both versions are in the precache while the new one waits: nothing is cleaned up early.
		const bothVersions = await precachedVersions(page);
		expect(bothVersions).toHaveLength(2);
		expect(bothVersions).toContain(oldVersion);

		// Saved offline, the note waits to sync, and so does the update.
		const offline = await goOffline(context);
		const saved = 'The worry box by the library door is emptied daily by the pastoral lead.';
		await page.getByLabel('Note', { exact: true }).fill(saved);
		await page.getByRole('button', { name: 'Save', exact: true }).click();
		await expect(syncBadge(page)).toHaveAccessibleName('1 change waiting to sync');
		await expect(update.getByRole('status')).toHaveText(
			'It will install once your changes have synced (1 change waits).'
		);
		await expect(install).toBeDisabled();

		// Back online the note syncs; only then may the person install.
		await offline.online();
		await expect(syncBadge(page)).toHaveAccessibleName('All synced');
		await expect(install).toBeEnabled();
		expect(loads).toBe(0);
		await expect(page.locator('html')).toHaveAttribute('data-still-open', 'yes');

		const reloaded = page.waitForEvent('load');
		await install.click();
		await reloaded;
		await expect(page.locator('html')).not.toHaveAttribute('data-still-open', 'yes');
		await expect(
			page.getByRole('heading', { name: 'Learning walk at lunch', level: 1 })
		).toBeVisible();
		await expect(page.getByText(saved)).toBeVisible();
		await expect(update).toHaveCount(0);
		// The old version's files are gone from the precache, now that the new one is active.
		const [newVersion, ...others] = await precachedVersions(page);
		expect(others).toEqual([]);
		expect(bothVersions).toContain(newVersion);
		expect(newVersion).not.toBe(oldVersion);
		expect((await pulledFields(api, audit.observationId)).text).toBe(saved);
		await context.close();
	} finally {
		await server.stop();
	}
});
