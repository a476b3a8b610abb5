import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { notes, seedEvidence, staff } from './evidence-api';
import { goOffline, untilServiceWorkerControls } from './offline-pages';
import { signIn } from './pages';
import {
	addNextStep,
	agree,
	evidenceNote,
	findingTexts,
	makeFinding,
	strengths
} from './report-pages';
import { adminSession, apiSession, createAdvisor } from './sync-api';
import { openAudit, openSync, syncNow } from './sync-pages';

/*
 * Issue 11 on the tablet, offline: a component's short report written from its evidence,
 * reordered by keyboard alone, agreed with the school, reopened by an edit; the audit's next
 * steps on the risk × capacity grid and by owner.
 */

test('an advisor writes, reorders and agrees a short report offline, and tracks its next steps', async ({
	browser,
	baseURL
}) => {
	const admin = await adminSession(baseURL!);
	const ann = await createAdvisor(admin, 'Ann');
	const audit = await seedEvidence(await apiSession(baseURL!, ann.email, ann.password), ann.id);
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
	const page = await context.newPage();
	await signIn(page, ann.email, ann.password);
	await untilServiceWorkerControls(page);
	await openSync(page);
	await syncNow(page);
	await openAudit(page, audit.title);
	await goOffline(context);

	await page.getByRole('link', { name: `Short report: ${staff.shortTitle}` }).click();
	await expect(page.getByRole('heading', { name: `Short report: ${staff.title}` })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Draft' })).toBeVisible();
	// The coverage gaps are in view while writing.
	await expect(page.getByText('5 of 7 supporting practices have no evidence yet.')).toBeVisible();
	await expect(page.getByText('No evidence yet.').first()).toBeVisible();

	// Filters: by source (an interview with no participants is staff's voice) and judgement.
	await page.getByLabel('Source').selectOption({ label: 'Staff' });
	await expect(evidenceNote(page, notes.cancelled).first()).toBeVisible();
	await page.getByLabel('Judgement').selectOption({ label: 'Strength' });
	await expect(evidenceNote(page, notes.cancelled)).toHaveCount(0);
	await expect(evidenceNote(page, notes.caretaker)).toBeVisible();
	await page.getByLabel('Source').selectOption({ label: 'All sources' });
	await page.getByLabel('Judgement').selectOption({ label: 'All judgements' });

	// One tap each: two strengths and a challenge.
	await makeFinding(page, notes.noticed, 'strength');
	await makeFinding(page, notes.caretaker, 'strength');
	await makeFinding(page, notes.cancelled, 'challenge');
	await expect
		.poll(() => findingTexts(page, 'Strengths'))
		.toEqual([notes.noticed, notes.caretaker]);

	// A finding's link opens its note in the evidence.
	await strengths(page)
		.first()
		.getByRole('link', { name: notes.noticed.slice(0, 20), exact: false })
		.click();
	await expect(evidenceNote(page, notes.noticed).first()).toBeFocused();
	await expectNoAxeViolations(page);

	// Reordered by keyboard alone: focus the second strength's "Move up" and press Enter twice.
	const moveUp = page.getByRole('button', { name: /^Move up: Caretaker feels/ });
	await moveUp.focus();
	await page.keyboard.press('Enter');
	await expect
		.poll(() => findingTexts(page, 'Strengths'))
		.toEqual([notes.caretaker, notes.noticed]);
	await expect(page.getByRole('button', { name: /^Move down: Caretaker feels/ })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect
		.poll(() => findingTexts(page, 'Strengths'))
		.toEqual([notes.noticed, notes.caretaker]);

	await addNextStep(page, {
		text: 'Reschedule the anxiety training before spring half-term',
		owner: 'Deputy head',
		due: '2020-01-31',
		quadrant: 'High risk, high capacity (Priority: act now)'
	});
	await agree(page, 'Deputy head');
	await expect(
		page.getByRole('listitem').filter({ hasText: 'Agreed with the school with Deputy head' })
	).toBeVisible();

	// An edit after agreement reopens it as a draft, and says so.
	const first = strengths(page).first().getByRole('textbox');
	await first.fill(`${notes.noticed} Staff confirm it in the interview.`);
	await strengths(page)
		.first()
		.getByRole('button', { name: /^Save words/ })
		.click();
	await expect(page.getByText('Reopened as a draft: edited after it was agreed.')).toBeVisible();
	await expect(
		page.getByRole('listitem').filter({ hasText: 'Reopened: edited after agreement' })
	).toBeVisible();

	// The audit's next steps: on the grid, by owner, overdue in words.
	await page.getByRole('link', { name: 'All next steps' }).click();
	await expect(page.getByRole('heading', { name: 'Next steps', level: 1 })).toBeVisible();
	const actNow = page.getByRole('region', { name: 'High risk, high capacity' });
	await expect(actNow).toContainText('Reschedule the anxiety training');
	await expect(actNow).toContainText('Overdue');
	await actNow
		.getByLabel(/^Move “Reschedule/)
		.selectOption({ label: 'Low risk, high capacity (Quick wins)' });
	await expect(page.getByRole('region', { name: 'Low risk, high capacity' })).toContainText(
		'Reschedule the anxiety training'
	);
	const table = page.getByRole('table', { name: 'Deputy head' });
	await expect(table.getByRole('row').nth(1)).toContainText('Overdue');
	await table.getByLabel(/^Status of/).selectOption({ label: 'Done' });
	await expect(table.getByRole('row').nth(1)).not.toContainText('Overdue');
	await expectNoAxeViolations(page);
	await context.close();
});
