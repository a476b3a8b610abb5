import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from '../helpers/server';
import { expectNoAxeViolations } from './axe';
import { passphraseStep } from './pages';

let server: RunningServer;
test.beforeAll(async () => {
	// A server of its own on an empty database, with no FIELDBOOK_ADMIN_*: it prints a link.
	server = await startServer({ env: { FIELDBOOK_ADMIN_EMAIL: '', FIELDBOOK_ADMIN_PASSWORD: '' } });
});
test.afterAll(() => server.dispose());

test('the printed setup link creates the first admin in the browser, once', async ({ page }) => {
	const token = server.output().match(/\/setup#token=([\w-]+)/)?.[1];
	expect(token).toBeTruthy();
	const link = `${server.url}/setup#token=${token}`;

	await page.goto(link);
	await expect(page.getByRole('heading', { name: 'Set up Fieldbook' })).toBeVisible();
	await expect(page.getByText('Create the first administrator account.')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByLabel('Your name').fill('First Admin');
	await page.getByLabel('E-mail').fill('not an e-mail');
	await page.getByLabel('Password (at least 12 characters)').fill('a long enough password');
	await page.getByRole('button', { name: 'Create administrator' }).click();
	await expect(page.getByLabel('E-mail')).toHaveAccessibleDescription(
		'Enter a valid email address'
	);
	await expectNoAxeViolations(page);

	await page.getByLabel('E-mail').fill('first@fieldbook.test');
	await page.getByRole('button', { name: 'Create administrator' }).click();
	await passphraseStep(page);
	await expect(page.getByText('Signed in as First Admin.')).toBeVisible();

	// The link has done its work: opened again, it says so and offers sign-in instead.
	await page.goto(link);
	await expect(page.getByRole('alert')).toContainText('This setup link has been used or replaced');
});
