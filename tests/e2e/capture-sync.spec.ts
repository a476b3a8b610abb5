import { expect, test } from '@playwright/test';
import { planCapture } from './capture-api';
import { signIn } from './pages';
import { adminSession, apiSession, createAdvisor, pulledFields, seedAudit } from './sync-api';
import { openSync, syncBadge, syncNow } from './sync-pages';

/*
 * Issue 14, problem 7: notes did not sync on their own while the server was reachable; the
 * badge said "5 changes waiting" until the app was reopened. Now a write is pushed a moment
 * after it is made, with no tap on Sync.
 */

test('a saved note reaches the server on its own, a moment after it is saved', async ({
	page,
	baseURL
}) => {
	const account = await createAdvisor(await adminSession(baseURL!), 'Ola');
	const api = await apiSession(baseURL!, account.email, account.password);
	const seeded = await seedAudit(api, account.id, [account.id]);
	const walkId = await planCapture(api, seeded.auditId, 'learning-walk', 'Walk before lunch');
	await page.setViewportSize({ width: 1024, height: 768 });
	await signIn(page, account.email, account.password);
	await openSync(page);
	await syncNow(page);
	await page.goto(`/audits/${seeded.auditId}/activities/${walkId}`);
	await expect(page.getByRole('heading', { name: 'Walk before lunch', level: 1 })).toBeVisible();

	const note = 'Lunch staff kneel to talk with the youngest pupils.';
	await page.getByLabel('Observation', { exact: true }).fill(note);
	const pushed = page.waitForResponse((r) => r.url().endsWith('/api/sync/push'));
	await page.getByRole('button', { name: 'Save observation' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Observation saved' })).toBeVisible();
	// No tap anywhere: the push goes, and the badge comes back to "All synced".
	expect((await pushed).status()).toBe(200);
	await expect(syncBadge(page)).toHaveAccessibleName(/All synced/);
	const card = page
		.getByRole('region', { name: /^Observations/ })
		.getByRole('article')
		.first();
	const id = (await card.getAttribute('aria-labelledby'))!.replace(/^observation-|-title$/g, '');
	expect(await pulledFields(api, id)).toMatchObject({ text: note });
});
