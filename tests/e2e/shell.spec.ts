import { expect, test } from '@playwright/test';
import { e2eAdmin } from '../../playwright.config';
import { expectNoAxeViolations } from './axe';
import { passphraseStep, signIn } from './pages';

test('an advisor signs in, sees the shell and reads the framework', async ({ page }) => {
	// A script or style the Content-Security-Policy blocks shows up as a console error.
	const consoleErrors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(message.text());
	});
	await page.goto('/framework');
	// Not signed in: the login page, which remembers where we were going.
	await expect(page).toHaveURL(/\/login\?next=%2Fframework$/);
	await expect(page.getByRole('heading', { name: 'Sign in to Fieldbook' })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByLabel('E-mail').fill(e2eAdmin.email);
	await page.getByLabel('Password').fill('not the password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('Wrong e-mail or password');
	await expectNoAxeViolations(page);

	await page.getByLabel('Password').fill(e2eAdmin.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await passphraseStep(page);
	await expect(page).toHaveURL(/\/framework$/);

	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(nav.getByRole('link', { name: 'Framework' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

	// Seven components, each with five prompts, and the five stages.
	const components = page.locator('section.component');
	await expect(components).toHaveCount(7);
	await expect(components.locator('ol.prompts > li')).toHaveCount(35);
	await expect(
		page.getByRole('heading', {
			name: '1. A clear vision, and values that are understood and consistently communicated'
		})
	).toBeVisible();
	await expect(
		page.getByText(
			'Conducting a learning walk to observe staff-staff, staff-pupil and pupil-pupil interactions'
		)
	).toBeVisible();
	await expect(
		page.getByRole('heading', { name: 'Stage 1: Planning and preparation' })
	).toBeVisible();
	await expect(page.getByRole('heading', { name: /^Stage \d:/ })).toHaveCount(5);
	await expectNoAxeViolations(page);

	await nav.getByRole('link', { name: 'Today' }).click();
	await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
	await expect(page.getByText('Signed in as Ada Admin.')).toBeVisible();
	await expectNoAxeViolations(page);
	// The wrong password's 401 is the only error the browser may report.
	expect(consoleErrors.filter((e) => !e.includes('401'))).toEqual([]);
});

test('signing out ends the session: the app asks to sign in again', async ({ page }) => {
	await signIn(page, e2eAdmin.email, e2eAdmin.password);
	await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page).toHaveURL(/\/login$/);
	expect((await page.request.get('/api/auth/me')).status()).toBe(401);
	await page.goto('/settings');
	await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);
});

test('an admin creates an advisor account in the browser, who can then sign in', async ({
	page,
	browser
}) => {
	await signIn(page, e2eAdmin.email, e2eAdmin.password);
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
	await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
	await expect(page.getByRole('cell', { name: e2eAdmin.email, exact: true })).toBeVisible();

	await page.getByLabel('Name').fill('Sam Advisor');
	await page.getByLabel('E-mail').fill('sam@fieldbook.test');
	await page.getByLabel('First password (at least 12 characters)').fill('short');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(
		page.getByLabel('First password (at least 12 characters)')
	).toHaveAccessibleDescription('At least 12 characters');
	await page.getByLabel('First password (at least 12 characters)').fill('sam has a long password');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Created sam@fieldbook.test.' })
	).toBeVisible();
	await expect(page.getByRole('cell', { name: 'sam@fieldbook.test', exact: true })).toBeVisible();
	await expectNoAxeViolations(page);

	const other = await browser.newContext();
	const samPage = await other.newPage();
	await signIn(samPage, 'sam@fieldbook.test', 'sam has a long password');
	await expect(samPage.getByText('Signed in as Sam Advisor.')).toBeVisible();
	// An advisor has no Users page in the navigation.
	await expect(
		samPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })
	).toHaveCount(0);

	// Disabling Sam ends Sam's session at once: the next page asks Sam to sign in.
	await page.getByRole('button', { name: 'Disable sam@fieldbook.test' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'sam@fieldbook.test is disabled' })
	).toBeVisible();
	await samPage.reload();
	await expect(samPage).toHaveURL(/\/login\?next=%2F$/);
	await other.close();
});
