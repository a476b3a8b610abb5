import { expect, type Page } from '@playwright/test';

/** The sync badge in the header: its name says how many changes or conflicts wait, or "All synced". */
export const syncBadge = (page: Page) =>
	page.getByRole('banner').getByRole('link', { name: /waiting to sync|All synced|to merge/ });

/** Through the Audits page, as a person would, once the first sync has brought the audit. */
export async function openAudit(page: Page, title: string) {
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Audits' })
		.click();
	await expect(page.getByRole('heading', { name: 'Audits', level: 1 })).toBeVisible();
	await page.getByRole('link', { name: title }).click();
	await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
}

/**
 * Opens an activity of the audit (by default the one `seedAudit` makes), where its notes are
 * listed and corrected: the audit page links to notes instead of listing them (issue 14).
 */
export async function openNotes(
	page: Page,
	auditTitle: string,
	activity = 'Learning walk at lunch'
) {
	await openAudit(page, auditTitle);
	await page.getByRole('link', { name: activity }).click();
	await expect(page.getByRole('heading', { name: activity, level: 1 })).toBeVisible();
}

/** Edits the only observation's note and saves it on the tablet. */
export async function editNote(page: Page, text: string) {
	await page.getByRole('button', { name: 'Edit note' }).click();
	await page.getByLabel('Note', { exact: true }).fill(text);
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved on this tablet.' })).toBeVisible();
	await expect(page.getByText(text, { exact: true })).toBeVisible();
}

export async function openSync(page: Page) {
	await syncBadge(page).click();
	await expect(page.getByRole('heading', { name: 'Sync', level: 1 })).toBeVisible();
}

/**
 * Taps "Sync now" on the Sync page and waits until that run has ended well. The page says "Not
 * syncing right now." before the run starts too, so first wait for this run's pull, its last call.
 */
export async function syncNow(page: Page) {
	const pulled = page.waitForResponse((r) => r.url().includes('/api/sync/pull'));
	await page.getByRole('button', { name: 'Sync now' }).click();
	await pulled;
	await expect(page.getByText('Not syncing right now.')).toBeVisible();
}
