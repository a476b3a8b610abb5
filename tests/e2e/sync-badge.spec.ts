import { expect, test } from '@playwright/test';
import { signIn } from './pages';
import { adminSession, createAdvisor } from './sync-api';
import { openSync, syncBadge, syncNow } from './sync-pages';

/*
 * The sync badge does not move while a sync runs. The header's tools sit against its right edge:
 * "Syncing…" appearing after the badge pushed it left as each sync began and back as it ended,
 * under a finger (or a test's click) about to tap it.
 */
test('the sync badge stays where it is while a sync starts and ends', async ({ page, baseURL }) => {
	const account = await createAdvisor(await adminSession(baseURL!), 'Bea');
	await signIn(page, account.email, account.password);
	await openSync(page);
	await syncNow(page);
	await expect(syncBadge(page)).toHaveAccessibleName('All synced');
	const resting = await syncBadge(page).boundingBox();

	// The next pull is held on its way, so the sync stays running while the badge is looked at.
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/api/sync/pull**', async (route) => {
		await held;
		await route.continue();
	});
	await page.getByRole('button', { name: 'Sync now' }).click();
	const activity = page.getByRole('banner').getByRole('status').filter({ hasText: 'Syncing…' });
	await expect(activity).toBeVisible();
	expect(await syncBadge(page).boundingBox()).toEqual(resting);

	release();
	await expect(activity).toHaveCount(0);
	await expect(page.getByText('Not syncing right now.')).toBeVisible();
	expect(await syncBadge(page).boundingBox()).toEqual(resting);
});
