import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { staff } from './evidence-api';
import { signIn } from './pages';
import { adminSession, apiSession, createAdvisor } from './sync-api';
import { openAudit, openSync, syncNow } from './sync-pages';

/**
 * A new advisor whose audit `seed` pushes over the API, on a 1024 × 768 tablet signed in and
 * synced: where every Evidence test starts.
 */
export async function syncedTablet<T>(
	browser: Browser,
	baseURL: string,
	seed: (api: APIRequestContext, userId: string) => Promise<T>
) {
	const advisor = await createAdvisor(await adminSession(baseURL), 'Ann');
	const seeded = await seed(await apiSession(baseURL, advisor.email, advisor.password), advisor.id);
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
	const page = await context.newPage();
	await signIn(page, advisor.email, advisor.password);
	await openSync(page);
	await syncNow(page);
	return { seeded, context, page };
}

/** The Staff component's Evidence page, reached from the audit page as an advisor would. */
export async function openStaffEvidence(page: Page, auditTitle: string) {
	await openAudit(page, auditTitle);
	await page.getByRole('link', { name: `Evidence and coverage: ${staff.shortTitle}` }).click();
	await expect(page.getByRole('heading', { name: `Evidence: ${staff.title}` })).toBeVisible();
}
