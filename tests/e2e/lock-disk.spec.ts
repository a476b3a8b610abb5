import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { hitsOnDisk, pushColleagueNote } from './lock-api';
import { signIn, stopAutoUnlock } from './pages';
import { adminSession, apiSession, createAdvisor, seedAudit } from './sync-api';
import { openSync, syncNow } from './sync-pages';

/*
 * Issue 13's disk search: a note captured on the tablet and a colleague's note synced onto it
 * must not be readable anywhere in the browser profile on disk, before or after the lock and
 * sign-out; the same search does find the same words stored with encryption off (the control).
 */

const MINE = 'Zanzibarquokka';
const THEIRS = 'Quillowbrackenfen';

test('no note is readable on the disk: captured, synced, locked, signed out; the control finds them', async ({
	playwright,
	baseURL
}) => {
	const ann = await createAdvisor(await adminSession(baseURL!), 'Ann');
	const col = await createAdvisor(await adminSession(baseURL!), 'Col');
	const colApi = await apiSession(baseURL!, col.email, col.password);
	const audit = await seedAudit(colApi, col.id, [col.id, ann.id]);
	await pushColleagueNote(
		colApi,
		audit.auditId,
		audit.activityId,
		`${THEIRS} said the quiet room helps`
	);

	const profile = mkdtempSync(join(tmpdir(), 'fieldbook-profile-'));
	const launch = () =>
		playwright.chromium.launchPersistentContext(profile, {
			...test.info().project.use.launchOptions,
			baseURL,
			viewport: { width: 1024, height: 768 }
		});
	const expectNothingReadable = () => {
		for (const word of [MINE, THEIRS])
			expect(hitsOnDisk(profile, word)).toEqual({ utf8: 0, utf16: 0 });
	};

	try {
		let context = await launch();
		let page = context.pages()[0] ?? (await context.newPage());
		await signIn(page, ann.email, ann.password);
		await openSync(page);
		await syncNow(page);
		await page.goto(`/audits/${audit.auditId}/activities/${audit.activityId}`);
		await page.getByLabel('Observation', { exact: true }).fill(`${MINE} by the water fountain`);
		await page.getByRole('button', { name: 'Save observation' }).click();
		await expect(page.getByText(`${MINE} by the water fountain`)).toBeVisible();
		await expect(page.getByText(`${THEIRS} said the quiet room helps`)).toBeVisible();
		await stopAutoUnlock(page);
		await page.getByRole('button', { name: 'Lock now' }).click();
		await expect(page.getByRole('heading', { name: 'Fieldbook is locked' })).toBeVisible();
		await context.close();
		expectNothingReadable();

		// Back on the tablet: unlock, sync the note, sign out (which deletes the user's store).
		context = await launch();
		page = context.pages()[0] ?? (await context.newPage());
		await signIn(page, ann.email, ann.password);
		await openSync(page);
		await syncNow(page);
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page.getByRole('heading', { name: 'Sign in to Fieldbook' })).toBeVisible();
		await context.close();
		expectNothingReadable();

		// The control: the same words stored by the same browser with encryption off.
		context = await launch();
		page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/login');
		await page.evaluate(
			async (words) => {
				const open = indexedDB.open('control-without-encryption', 1);
				open.onupgradeneeded = () => open.result.createObjectStore('records', { keyPath: 'id' });
				const db = await new Promise<IDBDatabase>(
					(resolve) => (open.onsuccess = () => resolve(open.result))
				);
				const t = db.transaction('records', 'readwrite', { durability: 'strict' });
				t.objectStore('records').put({
					id: 'a',
					values: { text: `${words[0]} by the water fountain` }
				});
				t.objectStore('records').put({
					id: 'b',
					values: { text: `${words[1]} — “said the quiet room helps”` }
				});
				await new Promise((resolve) => (t.oncomplete = resolve));
				db.close();
			},
			[MINE, THEIRS]
		);
		await context.close();
		for (const word of [MINE, THEIRS]) {
			const hits = hitsOnDisk(profile, word);
			expect(hits.utf8 + hits.utf16, `${word} found in the control`).toBeGreaterThan(0);
		}
	} finally {
		rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
	}
});
