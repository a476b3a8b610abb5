import { beforeAll, expect, test } from 'vitest';
import { findPrompt, imhars } from '../../src/lib/framework';
import { createAdvisor, newId, push, serverRecords, schoolWithAudit } from './app';
import { expectNoAxeViolations } from './axe';
import {
	lockHeading,
	openActivity,
	openSync,
	Page,
	signIn,
	syncNow,
	TEST_PASSPHRASE,
	unlock
} from './pages';
import { webkitSession } from './session';

/*
 * Pupil mode (issue 13) in WebKit: one survey, full screen; back, a typed address and a reload
 * do not leave it (the last two go through the lock screen and come back to it); only the
 * adult's passphrase does.
 */

const session = webkitSession();
let page: Page;
beforeAll(() => {
	page = session.page;
});

const survey = 'How safe pupils feel';
const pupilScreen = () => page.getByRole('heading', { name: survey, level: 1 });

async function expectOnlyTheSurvey() {
	await pupilScreen().toBeVisible();
	await page.getByRole('navigation').toHaveCount(0);
	await page.getByRole('link').toHaveCount(0);
	for (const name of ['Sign out', 'Lock now', 'Results', 'Questions'])
		await page.getByRole('button', { name }).toHaveCount(0);
}

test('pupil mode in WebKit shows one survey and nothing else, and only the passphrase leaves it', async () => {
	const sue = await createAdvisor(session.app.api(), 'Sue');
	const [schoolId, auditId, activityId] = [newId(), newId(), newId()];
	const title = `Survey audit ${auditId.slice(-4)}`;
	await push(sue.api, [
		...schoolWithAudit(
			{ schoolId, auditId },
			{ name: 'Ambler Primary', urn: '100002', localAuthority: 'Islington' },
			{ title, lead: sue.id, members: [sue.id], stage: 2, componentIds: ['vision-values'] }
		),
		{
			type: 'activity',
			recordId: activityId,
			scope: auditId,
			fields: {
				componentId: 'vision-values',
				promptId: findPrompt(imhars, 'vision-values.p3')!.id,
				kind: 'survey',
				title: survey,
				status: 'in-progress',
				plannedStart: null,
				location: 'Year 5 classroom',
				deleted: false
			}
		}
	]);
	await signIn(page, sue.email, sue.password);
	await openSync(page);
	await syncNow(page);
	await openActivity(page, title, survey);
	await page.getByRole('button', { name: 'Use these questions' }).click();
	await page.getByRole('button', { name: 'Start pupil mode' }).click();
	await expectOnlyTheSurvey();
	await expectNoAxeViolations(page);

	// A pupil answers; a thank-you; the next pupil starts on a blank form.
	await page
		.getByRole('group', { name: /I feel safe at school\./ })
		.getByRole('radio', { name: 'Agree' })
		.check();
	await page.getByRole('button', { name: 'Submit answers' }).click();
	await page.getByRole('heading', { name: 'Thank you!' }).toBeVisible();
	await page.getByRole('button', { name: 'Start the survey' }).click();
	await expectOnlyTheSurvey();

	// Escape attempts: back, a typed address, a reload.
	await page.driver.navigate().back();
	await expectOnlyTheSurvey();
	await page.goto('/audits');
	await lockHeading(page).toBeVisible();
	await page.getByText('Pupil mode is paused.').toBeVisible();
	await page.getByRole('navigation').toHaveCount(0);
	await unlock(page);
	await expectOnlyTheSurvey();
	await page.reloadToLockScreen();
	await lockHeading(page).toBeVisible();
	await unlock(page);
	await expectOnlyTheSurvey();

	// Leaving needs the passphrase.
	await page.getByRole('button', { name: 'For adults' }).click();
	await page.getByLabel('Adult’s passphrase').fill('pupil guess');
	await page.getByRole('button', { name: 'Leave pupil mode' }).click();
	await page.getByRole('alert').toContainText('That is not the passphrase.');
	await expectOnlyTheSurvey();
	await page.getByLabel('Adult’s passphrase').fill(TEST_PASSPHRASE);
	await page.getByRole('button', { name: 'Leave pupil mode' }).click();
	await page.getByRole('navigation', { name: 'Main' }).toBeVisible();

	// The pupil's answers reach the server with the next sync.
	await openSync(page);
	await syncNow(page);
	expect(await serverRecords(sue.api, 'response')).toHaveLength(1);
});
