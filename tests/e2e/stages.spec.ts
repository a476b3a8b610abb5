import { expect, test, type Browser, type Page } from '@playwright/test';
import { imhars } from '../../src/lib/framework';
import { expectNoAxeViolations } from './axe';
import { goOffline, untilServiceWorkerControls } from './offline-pages';
import { signIn } from './pages';
import { adminSession, apiSession, createAdvisor, seedAudit, type Account } from './sync-api';
import { openAudit, openSync, syncBadge, syncNow } from './sync-pages';

/*
 * The audit page's stages and members: an advisor ticks steps offline, they survive a reload
 * and reach her other tablet through sync; as the lead she adds a colleague, who receives the
 * audit at his next sync.
 */

// The seeded audit is at stage 2: its steps show open.
const stage = imhars.stages[1]!;
const [first, second] = stage.steps;

const step = (page: Page, text: string) => page.getByRole('checkbox', { name: text });
const stagesRegion = (page: Page) => page.getByRole('region', { name: 'Stages of the audit' });
const membersList = (page: Page) =>
	page.getByRole('region', { name: 'Members' }).getByRole('list', { name: 'Members' });

async function signedIn(browser: Browser, account: Account, width: number, height: number) {
	const context = await browser.newContext({ viewport: { width, height } });
	const page = await context.newPage();
	await signIn(page, account.email, account.password);
	await untilServiceWorkerControls(page);
	return { context, page };
}

async function sync(page: Page) {
	await openSync(page);
	await syncNow(page);
	await expect(syncBadge(page)).toHaveAccessibleName('All synced');
}

test('steps ticked offline stay after a reload, sync to the same user elsewhere, and the lead adds a member', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(90_000); // three browser contexts, two syncs, each screen checked by axe
	const admin = await adminSession(baseURL!);
	const tamsin = await createAdvisor(admin, 'Tamsin');
	const idris = await createAdvisor(admin, 'Idris');
	const seeded = await seedAudit(
		await apiSession(baseURL!, tamsin.email, tamsin.password),
		tamsin.id,
		[tamsin.id]
	);
	// Idris is already signed in on his own tablet; the audit is not his yet.
	const his = await signedIn(browser, idris, 768, 1024);

	const tablet = await signedIn(browser, tamsin, 1024, 768);
	const { page } = tablet;
	await openAudit(page, seeded.title);
	await expect(stagesRegion(page).getByText('Stage 2 of 5: Select components')).toBeVisible();
	await expect(membersList(page).getByRole('listitem')).toHaveText(['Tamsin (you) Lead']);
	// The people directory has reached the tablet: Idris can be chosen, even offline.
	await expect(page.getByLabel('Add a member')).toContainText('Idris (Advisor)');

	const offline = await goOffline(tablet.context);
	await step(page, first!.text).check();
	await expect(step(page, first!.text)).toHaveAccessibleDescription(/^Ticked by you, /);
	// The keyboard reaches the next tick and operates it.
	await page.keyboard.press('Tab');
	await expect(step(page, second!.text)).toBeFocused();
	await page.keyboard.press('Space');
	await expect(step(page, second!.text)).toBeChecked();
	await expect(step(page, second!.text)).toHaveAccessibleDescription(/^Ticked by you, /);
	await expect(stagesRegion(page).getByText('2 of 3 steps ticked')).toBeVisible();
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.press('Space');
	await expect(step(page, first!.text)).not.toBeChecked();
	await expect(step(page, first!.text)).toHaveAccessibleDescription('');

	await page.getByLabel('Add a member').selectOption({ label: 'Idris (Advisor)' });
	await page.getByRole('button', { name: 'Add member' }).click();
	await expect(page.getByText('Idris added: saved on this tablet.')).toBeVisible();
	await expect(membersList(page).getByRole('listitem')).toHaveText([
		'Tamsin (you) Lead',
		'Idris Remove Idris'
	]);
	await expectNoAxeViolations(page);

	await page.reload();
	await expect(page.getByRole('heading', { name: seeded.title, level: 1 })).toBeVisible();
	await expect(step(page, first!.text)).not.toBeChecked();
	await expect(step(page, second!.text)).toBeChecked();
	await expect(step(page, second!.text)).toHaveAccessibleDescription(/^Ticked by you, /);
	await expect(stagesRegion(page).getByText('1 of 3 steps ticked')).toBeVisible();
	await expect(membersList(page).getByRole('listitem')).toHaveCount(2);
	await expect(offline.cut.length).toBeGreaterThan(0);

	await offline.online();
	await sync(page);

	// The same advisor on another tablet sees the same ticks.
	const other = await signedIn(browser, tamsin, 768, 1024);
	await openAudit(other.page, seeded.title);
	await expect(step(other.page, second!.text)).toBeChecked();
	await expect(step(other.page, second!.text)).toHaveAccessibleDescription(/^Ticked by you, /);
	await expect(step(other.page, first!.text)).not.toBeChecked();
	await expectNoAxeViolations(other.page);

	// Idris's next sync brings the audit; he sees who ticked, and cannot change the members.
	await sync(his.page);
	await openAudit(his.page, seeded.title);
	await expect(step(his.page, second!.text)).toHaveAccessibleDescription(/^Ticked by Tamsin, /);
	await expect(membersList(his.page).getByRole('listitem')).toHaveText([
		'Tamsin Lead',
		'Idris (you)'
	]);
	await expect(his.page.getByLabel('Add a member')).toHaveCount(0);
	await expect(his.page.getByRole('button', { name: /^Move on to stage/ })).toHaveCount(0);

	// The lead moves the audit on a stage.
	await openAudit(page, seeded.title);
	await page.getByRole('button', { name: 'Move on to stage 3' }).click();
	await expect(stagesRegion(page).getByText('Stage 3 of 5: Audit and measure')).toBeVisible();

	// Removing a member asks first.
	await page.getByRole('button', { name: 'Remove Idris' }).click();
	await expect(page.getByText('Remove Idris from this audit?')).toBeVisible();
	await page.getByRole('button', { name: 'Yes, remove' }).click();
	await expect(membersList(page).getByRole('listitem')).toHaveText(['Tamsin (you) Lead']);

	for (const context of [tablet.context, other.context, his.context]) await context.close();
});
