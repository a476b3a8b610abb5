import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { syncedTablet } from './evidence-pages';
import { seedSurveyAudit } from './survey-api';

/*
 * Issue 14, item 5: survey responses count as evidence. Three pupils answer the pupil-safety
 * survey on the tablet; the Survey column of Vision and values' coverage grid counts them
 * under the practices its questions bear on ("I feel safe at school" → everyone feels safe).
 */

const feelSafe = 'Ensuring everyone feels safe within the school';
const respect =
	'A culture of mutual respect, recognition and affirmation, modelled by staff behaviour';

const grid = (page: Page) =>
	page.getByRole('region', { name: /^Coverage of Vision and values/ }).getByRole('table');
/** The Survey cell of a row of the grid (its first column after the practice). */
async function surveyCount(page: Page, row: string) {
	await expect(grid(page).getByRole('columnheader', { name: 'Survey' })).toBeVisible();
	const headers = await grid(page).getByRole('columnheader').allTextContents();
	const cells = grid(page)
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name: row }) })
		.getByRole('cell');
	return cells.nth(headers.indexOf('Survey') - 1);
}

const answer = (page: Page, question: RegExp, choice: string) =>
	page
		.getByRole('region', { name: 'Your answers' })
		.getByRole('group', { name: question })
		.getByRole('radio', { name: choice, exact: true })
		.check();

test('three pupils answer a survey: the Survey column counts them under the practices', async ({
	browser,
	baseURL
}) => {
	const { seeded, context, page } = await syncedTablet(browser, baseURL!, seedSurveyAudit);

	const evidence = `/audits/${seeded.auditId}/evidence/vision-values`;
	await page.goto(evidence);
	await expect(await surveyCount(page, feelSafe)).toHaveText('0');

	await page.goto(`/audits/${seeded.auditId}/activities/${seeded.activityId}`);
	await page.getByRole('button', { name: 'Use these questions' }).click();
	const saved = page.getByRole('status').filter({ hasText: 'Thank you — answers saved' });
	for (const [safe, fair] of [
		['Agree', null],
		['Strongly agree', 'Agree'],
		['Disagree', null]
	] as const) {
		await answer(page, /^\d+\. I feel safe at school\.$/, safe);
		if (fair) await answer(page, /^\d+\. Adults at school are fair to everyone\.$/, fair);
		await page.getByRole('button', { name: 'Submit answers' }).click();
		await expect(saved).toBeVisible();
		await expect(
			page.getByRole('region', { name: 'Your answers' }).getByRole('radio', { checked: true })
		).toHaveCount(0);
	}

	await page.goto(evidence);
	await expect(await surveyCount(page, feelSafe)).toHaveText('3');
	await expect(await surveyCount(page, respect)).toHaveText('1');
	await expect(await surveyCount(page, 'Survey responses (each counted once)')).toHaveText('3');
	await expect(grid(page).getByRole('rowheader', { name: feelSafe })).not.toContainText(
		'No evidence yet'
	);
	await expect(page.getByText('3 survey responses count under Survey.')).toBeVisible();
	await expectNoAxeViolations(page);
	await context.close();
});
