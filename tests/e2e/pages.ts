import { expect, type Page } from '@playwright/test';

/** Signs in through the login page, as a person would, and waits for the app shell. */
export async function signIn(page: Page, email: string, password: string) {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}
