import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { hitsOnDisk } from './lock-api';
import { goOffline, untilServiceWorkerControls } from './offline-pages';
import { signIn, stopAutoUnlock, unlock } from './pages';
import { adminSession, apiSession, createAdvisor, seedAudit } from './sync-api';
import { openSync, syncBadge, syncNow } from './sync-pages';

/*
 * Leaving a school with no network (issue 13): sign-out is refused while a note waits, so
 * "Lock and leave" locks the tablet instead. On the disk the note is ciphertext only (the
 * profile searched as lock-disk.spec.ts does, whose control shows the search finds plain
 * words); back online, the passphrase opens it and it syncs, once.
 */

const WORD = 'Marrowgladeplinth';

test('Lock and leave works offline: the waiting note is only ciphertext on disk, and syncs after the next unlock online', async ({
	playwright,
	baseURL
}) => {
	const lee = await createAdvisor(await adminSession(baseURL!), 'Lee');
	const api = await apiSession(baseURL!, lee.email, lee.password);
	const seeded = await seedAudit(api, lee.id, [lee.id]);
	const note = `${WORD} by the library door`;
	const profile = mkdtempSync(join(tmpdir(), 'fieldbook-profile-'));
	const launch = () =>
		playwright.chromium.launchPersistentContext(profile, {
			...test.info().project.use.launchOptions,
			baseURL,
			viewport: { width: 1024, height: 768 }
		});

	try {
		let context = await launch();
		let page = context.pages()[0] ?? (await context.newPage());
		await signIn(page, lee.email, lee.password);
		await untilServiceWorkerControls(page);
		await openSync(page);
		await syncNow(page);
		await page.goto(`/audits/${seeded.auditId}/activities/${seeded.activityId}`);
		await expect(
			page.getByRole('heading', { name: 'Learning walk at lunch', level: 1 })
		).toBeVisible();
		await stopAutoUnlock(page);

		// No network at the school gate: the note waits, sign-out is refused, the tablet locks.
		await goOffline(context);
		await page.getByLabel('Observation', { exact: true }).fill(note);
		await page.getByRole('button', { name: 'Save observation' }).click();
		await expect(page.getByText(note)).toBeVisible();
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page.getByRole('alert')).toContainText(
			'You cannot sign out yet: 1 change waits to sync.'
		);
		await expectNoAxeViolations(page);
		await page.getByRole('button', { name: 'Lock and leave' }).click();
		await expect(page.getByRole('heading', { name: 'Fieldbook is locked' })).toBeVisible();
		await expect(page.getByText(note)).toBeHidden();
		await context.close();
		expect(hitsOnDisk(profile, WORD)).toEqual({ utf8: 0, utf16: 0 });

		// Back at the office, online: the same browser opens locked; the passphrase, then a sync.
		context = await launch();
		page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`/audits/${seeded.auditId}/activities/${seeded.activityId}`);
		await expect(page.getByRole('heading', { name: 'Fieldbook is locked' })).toBeVisible();
		await unlock(page);
		await expect(page.getByText(note)).toBeVisible();
		await openSync(page);
		await syncNow(page);
		await expect(syncBadge(page)).toHaveAccessibleName('All synced');
		await context.close();
		expect(hitsOnDisk(profile, WORD)).toEqual({ utf8: 0, utf16: 0 });

		const pulled = await api.get('/api/sync/pull?limit=500');
		const texts = (await pulled.json()).changes.map(
			(c: { fields: { text?: string } }) => c.fields.text
		);
		expect(texts.filter((t: string | undefined) => t === note)).toHaveLength(1);
	} finally {
		rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
	}
});
