import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn, stopAutoUnlock, TEST_PASSPHRASE, unlock } from './pages';
import { seedSurveyAudit } from './survey-api';
import { adminSession, apiSession, createAdvisor } from './sync-api';
import { openSync, syncNow } from './sync-pages';

/*
 * Pupil mode (issue 13): one survey, full screen; answers save and the next pupil starts on a
 * blank form after a thank-you; no link, button, back navigation or reload reaches anything
 * else; only the adult's passphrase leaves it.
 */

const safe = 'I feel safe at school.';
const lockHeading = (page: Page) => page.getByRole('heading', { name: 'Fieldbook is locked' });
const pupilScreen = (page: Page) =>
	page.getByRole('heading', { name: 'How safe pupils feel', level: 1 });

async function expectOnlyTheSurvey(page: Page) {
	await expect(pupilScreen(page)).toBeVisible();
	await expect(page.getByRole('navigation')).toHaveCount(0);
	await expect(page.getByRole('link')).toHaveCount(0);
	for (const name of ['Sign out', 'Lock now', 'Results', 'Questions', 'Enter responses'])
		await expect(page.getByRole('button', { name })).toHaveCount(0);
	await expect(page.getByText('Calm lunch queue')).toHaveCount(0);
}

test('pupil mode shows one survey and nothing else, and only the passphrase leaves it', async ({
	browser,
	baseURL
}) => {
	const sue = await createAdvisor(await adminSession(baseURL!), 'Sue');
	const api = await apiSession(baseURL!, sue.email, sue.password);
	const seeded = await seedSurveyAudit(api, sue.id);
	const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
	const page = await context.newPage();
	await signIn(page, sue.email, sue.password);
	await openSync(page);
	await syncNow(page);
	await page.goto(`/audits/${seeded.auditId}/activities/${seeded.activityId}`);
	await stopAutoUnlock(page);
	await unlock(page);
	// Two steps inside the app, so that the back button has somewhere in it to go.
	await page.getByRole('link', { name: seeded.title }).click();
	await page.getByRole('link', { name: 'How safe pupils feel' }).first().click();
	await page.getByRole('button', { name: 'Use these questions' }).click();
	await page.getByRole('button', { name: 'Start pupil mode' }).click();
	await expectOnlyTheSurvey(page);
	await expectNoAxeViolations(page);

	// A pupil answers; a thank-you; the next pupil starts on a blank form.
	await page
		.getByRole('group', { name: new RegExp(safe) })
		.getByRole('radio', { name: 'Agree', exact: true })
		.check();
	await page.getByRole('button', { name: 'Submit answers' }).click();
	await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Start the survey' }).click();
	await expect(page.getByRole('radio', { checked: true })).toHaveCount(0);

	// Escape attempts: back inside the app, a typed address, back out of it, a reload.
	await page.goBack();
	await expectOnlyTheSurvey(page);
	await page.goto('/audits');
	await expect(lockHeading(page)).toBeVisible();
	await expect(page.getByText('Pupil mode is paused.')).toBeVisible();
	await expect(page.getByRole('navigation')).toHaveCount(0);
	await unlock(page);
	await expectOnlyTheSurvey(page);
	// Back to the page left for the typed address, restored as it was (back-forward cache): locked.
	await page.goBack();
	await expect(lockHeading(page).or(pupilScreen(page))).toBeVisible();
	await expect(page.getByRole('navigation')).toHaveCount(0);
	if (await lockHeading(page).isVisible()) await unlock(page);
	await expectOnlyTheSurvey(page);
	await page.reload();
	await expect(lockHeading(page)).toBeVisible();
	await unlock(page);
	await expectOnlyTheSurvey(page);

	// Leaving needs the passphrase.
	await page.getByRole('button', { name: 'For adults' }).click();
	await page.getByLabel('Adult’s passphrase').fill('pupil guess');
	await page.getByRole('button', { name: 'Leave pupil mode' }).click();
	await expect(page.getByRole('alert')).toHaveText('That is not the passphrase.');
	await expectOnlyTheSurvey(page);
	await page.getByLabel('Adult’s passphrase').fill(TEST_PASSPHRASE);
	await page.getByRole('button', { name: 'Leave pupil mode' }).click();
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
	await page.getByRole('button', { name: 'Results' }).click();
	await expect(page.getByRole('region', { name: 'Results' })).toContainText('1 respondent');
	await context.close();
});
