import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { shortTitle } from '../../src/lib/client/records';
import { imhars } from '../../src/lib/framework';
import { expectNoAxeViolations } from './axe';
import { signIn } from './pages';
import { adminSession, createAdvisor } from './sync-api';

/*
 * A component's checklist on the audit page: a prompt is planned from, its activity captured in
 * and moved on, and its item follows, planned → in progress → done, with its evidence count.
 */

const component = imhars.components[2]!;
const prompt = component.prompts[1]!;
const activityTitle = shortTitle(prompt.text);
const unique = () => randomBytes(3).toString('hex');

async function newAudit(page: Page, school: string, audit: string) {
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Schools' })
		.click();
	await page.getByRole('link', { name: 'New school' }).click();
	await page.getByLabel('School name').fill(school);
	await page.getByLabel('URN (six digits)').fill('100321');
	await page.getByLabel('Phase').selectOption({ label: 'Secondary' });
	await page.getByLabel('Local authority').fill('Islington');
	await page.getByRole('button', { name: 'Save school' }).click();
	await page.getByRole('link', { name: 'New audit' }).click();
	await page.getByLabel('Audit title').fill(audit);
	await page.getByLabel(`${component.number}. ${component.title}`).check();
	await page.getByRole('button', { name: 'Create audit' }).click();
	await expect(page.getByRole('heading', { name: audit, level: 1 })).toBeVisible();
}

/** The prompt's item on the audit page; its Plan button is described by its progress. */
const checklistItem = (page: Page) => page.getByRole('listitem').filter({ hasText: prompt.text });
const planButton = (page: Page) => checklistItem(page).getByRole('button', { name: 'Plan' });

async function expectProgress(page: Page, progress: string) {
	await expect(planButton(page)).toHaveAccessibleDescription(new RegExp(`${progress}$`));
	// The item's own line comes first; each of its activities then shows its own status and count.
	await expect(checklistItem(page).getByText(progress).first()).toBeVisible();
}

async function setStatus(page: Page, audit: string, status: string) {
	await page.getByRole('radio', { name: status }).check();
	await expect(page.getByRole('status').filter({ hasText: `${status}: saved` })).toBeVisible();
	await page.getByRole('link', { name: audit }).click();
	await expect(page.getByRole('heading', { name: audit, level: 1 })).toBeVisible();
}

test('a prompt becomes a checklist item that goes planned → in progress → done with its evidence count', async ({
	browser,
	baseURL
}) => {
	const gus = await createAdvisor(await adminSession(baseURL!), 'Gus');
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
	const page = await context.newPage();
	await signIn(page, gus.email, gus.password);
	const audit = `Checklist audit ${unique()}`;
	await newAudit(page, `Highbury Grove ${unique()}`, audit);

	const section = page.getByRole('region', { name: `${component.number}. ${component.title}` });
	await expect(section.getByText('Not planned · No observations')).toHaveCount(5);
	await expectProgress(page, 'Not planned · No observations');
	await expectNoAxeViolations(page);

	await planButton(page).click();
	await checklistItem(page).getByRole('button', { name: 'Plan activity' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Activity planned' })).toBeVisible();
	await expectProgress(page, 'Planned · No observations');
	// Only the prompt planned from moved on.
	await expect(section.getByText('Not planned · No observations')).toHaveCount(4);

	await checklistItem(page).getByRole('link', { name: activityTitle }).click();
	await expect(page.getByRole('heading', { name: activityTitle, level: 1 })).toBeVisible();
	await expect(page.getByRole('radio', { name: 'Planned' })).toBeChecked();
	await expectNoAxeViolations(page);
	const note = 'Year 9 lesson on stress: pupils name three people they could talk to.';
	await page.getByLabel('Observation', { exact: true }).fill(note);
	await page.getByRole('button', { name: 'Save observation' }).click();
	await expect(page.getByText(note, { exact: true })).toBeVisible();
	await setStatus(page, audit, 'In progress');
	await expectProgress(page, 'In progress · 1 observation');

	await checklistItem(page).getByRole('link', { name: activityTitle }).click();
	await expect(page.getByRole('radio', { name: 'In progress' })).toBeChecked();
	await setStatus(page, audit, 'Done');
	await expectProgress(page, 'Done · 1 observation');
	await expect(
		checklistItem(page).getByRole('list', { name: 'Activities for this prompt' })
	).toContainText(`${activityTitle} Done · 1 observation`);
	await expectNoAxeViolations(page);
	await context.close();
});
