import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { goOffline, untilServiceWorkerControls } from './offline-pages';
import { signIn } from './pages';
import { adminSession, apiSession, createAdvisor } from './sync-api';
import { openSync, syncNow } from './sync-pages';
import { seedSurveyAudit } from './survey-api';

/*
 * The survey capture screen with no network: the question set from the prompt's template,
 * edited, three respondents in kiosk mode (one by keyboard alone), and the counts per answer,
 * still there after a reload offline.
 */

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A question of the kiosk form, by its words (its number may change as questions are edited). */
const question = (page: Page, text: string) =>
	page
		.getByRole('region', { name: 'Your answers' })
		.getByRole('group', { name: new RegExp(`^\\d+\\. ${escape(text)}$`) });
const option = (group: Locator, name: string) => group.getByRole('radio', { name, exact: true });

const safe = 'I feel safe at school.';
const adult = 'Is there an adult at school you would talk to if you were worried?';
const places = 'Are there places in school where you do not feel safe? Tick all that are true.';
const worried = 'How often do you feel worried at school?';
const fair = 'Adults at school are fair to everyone.';
const friend = 'Do you have a friend at school?';
const safer = 'What would help you feel safer at school?';
const saferAnswer = 'More adults in the playground at lunchtime';

const saved = (page: Page) =>
	page.getByRole('status').filter({ hasText: 'Thank you — answers saved. Next respondent' });
const submit = (page: Page) => page.getByRole('button', { name: 'Submit answers' });
const view = (page: Page, name: string) =>
	page.getByRole('group', { name: 'Survey view' }).getByRole('button', { name });

/** Presses Tab until `target` has the focus: it is reachable by keyboard (or the test fails). */
async function tabTo(page: Page, target: Locator) {
	for (let i = 0; i < 40; i++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	await expect(target).toBeFocused();
}

/** The count on the row `answer` of the results table of `text`. */
const count = (page: Page, text: string, answer: string) =>
	page
		.getByRole('table', { name: new RegExp(`^\\d+\\. ${escape(text)}`) })
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name: answer, exact: true }) })
		.getByRole('cell')
		.first();

async function expectResults(page: Page) {
	await view(page, 'Results').click();
	const results = page.getByRole('region', { name: 'Results' });
	await expect(results.getByText('3 respondents')).toBeVisible();
	await expect(count(page, safe, 'Agree')).toHaveText('2');
	await expect(count(page, safe, 'Strongly agree')).toHaveText('1');
	await expect(count(page, safe, 'Disagree')).toHaveText('0');
	await expect(count(page, adult, 'Yes')).toHaveText('2');
	await expect(count(page, adult, 'No')).toHaveText('1');
	await expect(count(page, places, 'Toilets')).toHaveText('2');
	await expect(count(page, places, 'Playground')).toHaveText('1');
	await expect(count(page, worried, 'Sometimes')).toHaveText('1');
	await expect(count(page, friend, 'Yes')).toHaveText('1');
	await expect(page.getByRole('table', { name: new RegExp(escape(fair)) })).toHaveCount(0);
	// Each free-text answer, with its own "Safeguarding concern" flag beside it (issue 14).
	const saferList = page.getByRole('list', { name: new RegExp(escape(safer)) });
	await expect(saferList.getByRole('listitem')).toHaveCount(1);
	await expect(saferList.getByText(saferAnswer, { exact: true })).toBeVisible();
	await expect(saferList.getByRole('button', { name: 'Safeguarding concern' })).toBeVisible();
}

test('offline: a pupil-safety survey from its template, edited, three respondents in kiosk mode, counted', async ({
	browser,
	baseURL
}) => {
	const sue = await createAdvisor(await adminSession(baseURL!), 'Sue');
	const api = await apiSession(baseURL!, sue.email, sue.password);
	const seeded = await seedSurveyAudit(api, sue.id);
	const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
	const page = await context.newPage();
	await signIn(page, sue.email, sue.password);
	await untilServiceWorkerControls(page);
	await openSync(page);
	await syncNow(page);
	await page.goto(`/audits/${seeded.auditId}/activities/${seeded.activityId}`);
	await expect(page.getByRole('heading', { name: seeded.activityTitle, level: 1 })).toBeVisible();
	await goOffline(context);

	// The prompt's own template is chosen already.
	await expect(page.getByRole('radio', { name: 'Pupil safety (Pupils)' })).toBeChecked();
	await expect(page.getByRole('listitem').filter({ hasText: safe })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Use these questions' }).click();
	await expect(view(page, 'Enter responses')).toHaveAttribute('aria-pressed', 'true');

	// Before any answer: one question removed, one added.
	await view(page, 'Questions').click();
	const removeFair = page
		.getByRole('listitem')
		.filter({ has: page.getByRole('textbox', { name: 'Question 7', exact: true }) });
	await expect(removeFair.getByRole('textbox')).toHaveValue(fair);
	await removeFair.getByRole('button', { name: 'Remove question 7' }).click();
	await page.getByLabel('New question').fill(friend);
	await page.getByLabel('Kind of answer').selectOption({ label: 'Yes or no' });
	await page.getByRole('button', { name: 'Add question' }).click();
	await page.getByRole('button', { name: 'Save questions' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Questions saved' })).toBeVisible();
	await expectNoAxeViolations(page);

	await view(page, 'Enter responses').click();
	await expect(question(page, fair)).toHaveCount(0);
	await expect(page.getByRole('region', { name: 'Results' })).toHaveCount(0);
	// Nothing answered: refused, clearly.
	await submit(page).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Answer at least one question before submitting.'
	);
	await expectNoAxeViolations(page);

	// Respondent 1, by touch, with a free-text answer.
	await option(question(page, safe), 'Agree').check();
	await option(question(page, adult), 'Yes').check();
	await question(page, places).getByRole('checkbox', { name: 'Toilets' }).check();
	await page.getByLabel(new RegExp(`^\\d+\\. ${escape(safer)}$`)).fill(saferAnswer);
	await submit(page).click();
	await expect(saved(page)).toBeVisible();
	// A fresh form: nothing of respondent 1 is left on the screen.
	await expect(
		page.getByRole('region', { name: 'Your answers' }).getByRole('radio', { checked: true })
	).toHaveCount(0);
	await expect(page.getByRole('checkbox', { checked: true })).toHaveCount(0);
	await expect(page.getByLabel(new RegExp(escape(safer)))).toHaveValue('');
	await expect(page.getByText(saferAnswer)).toHaveCount(0);

	// Respondent 2, by keyboard alone, from the top of the fresh form.
	await expect(page.getByRole('heading', { name: 'Your answers' })).toBeFocused();
	await tabTo(page, option(question(page, safe), 'Strongly disagree'));
	for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
	await expect(option(question(page, safe), 'Strongly agree')).toBeChecked();
	await tabTo(page, option(question(page, adult), 'Yes'));
	await page.keyboard.press('ArrowRight');
	await expect(option(question(page, adult), 'No')).toBeChecked();
	await tabTo(page, question(page, places).getByRole('checkbox', { name: 'Playground' }));
	await page.keyboard.press('Space');
	await tabTo(page, page.getByLabel(new RegExp(escape(safer))));
	await tabTo(page, submit(page));
	await page.keyboard.press('Enter');
	await expect(saved(page)).toBeVisible();
	await expect(option(question(page, safe), 'Strongly agree')).not.toBeChecked();

	// Respondent 3 answers the added question.
	await option(question(page, safe), 'Agree').check();
	await option(question(page, adult), 'Yes').check();
	await question(page, places).getByRole('checkbox', { name: 'Toilets' }).check();
	await option(question(page, worried), 'Sometimes').check();
	await option(question(page, friend), 'Yes').check();
	await submit(page).click();
	await expect(saved(page)).toBeVisible();

	await expectResults(page);
	await expectNoAxeViolations(page);
	// The advisor's own notes sit under the results, tagged like any observation.
	await page
		.getByLabel('Observation', { exact: true })
		.fill('Year 5 said the toilets feel unsafe.');
	await page.getByRole('radio', { name: 'Area for development' }).check();
	await page.getByRole('button', { name: 'Save observation' }).click();
	await expect(
		page.getByRole('article').getByText('Year 5 said the toilets feel unsafe.')
	).toBeVisible();

	// Changing the questions now warns first.
	await view(page, 'Questions').click();
	await expect(
		page.getByText('3 respondents have answered these questions already.')
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Save questions' })).toHaveCount(0);

	// Still all there after a reload with no network, with the tablet turned to landscape.
	await page.setViewportSize({ width: 1024, height: 768 });
	await page.reload();
	await expect(page.getByRole('heading', { name: seeded.activityTitle, level: 1 })).toBeVisible();
	await expect(view(page, 'Enter responses')).toHaveAttribute('aria-pressed', 'true');
	await expectResults(page);
	await expect(page.getByText('Year 5 said the toilets feel unsafe.')).toBeVisible();
	await expectNoAxeViolations(page);

	// A free-text answer flagged as a safeguarding concern in one tap (issue 14): its response
	// leaves the results and is listed apart, with the school's procedure.
	const results = page.getByRole('region', { name: 'Results' });
	await results.getByRole('button', { name: 'Safeguarding concern' }).click();
	await expect(results.getByText('2 respondents')).toBeVisible();
	const concerns = page.getByRole('region', {
		name: 'Safeguarding concerns, kept out of the results'
	});
	await expect(concerns).toContainText(saferAnswer);
	await expect(concerns.getByRole('note')).toContainText("follow the school's procedure today");
	await expectNoAxeViolations(page);
});
