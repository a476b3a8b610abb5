import { expect, test, type Browser, type Page } from '@playwright/test';
import type { ActivityKind } from '../../src/lib/domain/activity-kind';
import { expectNoAxeViolations } from './axe';
import { planCapture } from './capture-api';
import { signIn } from './pages';
import { adminSession, apiSession, createAdvisor, pulledFields, seedAudit } from './sync-api';
import { openSync, syncNow } from './sync-pages';

/*
 * Issue 14, problem 1, for the forms that edit an activity (they ran their own saving flags
 * before they moved onto the one form-state helper): what is typed into the participants, the
 * question guide, the lesson details and the wall's prompt is kept on the tablet and back after
 * a reload; a refused save loses nothing; once saved, no draft is left behind.
 */

const kept = (page: Page) => page.getByText('Draft kept on this tablet.');

/** An advisor's tablet, synced, open on a new activity of `kind`; every "leave?" is answered yes. */
async function openActivity(browser: Browser, baseURL: string, kind: ActivityKind, title: string) {
	const account = await createAdvisor(await adminSession(baseURL), 'Fay');
	const api = await apiSession(baseURL, account.email, account.password);
	const seeded = await seedAudit(api, account.id, [account.id]);
	const id = await planCapture(api, seeded.auditId, kind, title);
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
	const page = await context.newPage();
	await signIn(page, account.email, account.password);
	await openSync(page);
	await syncNow(page);
	await page.goto(`/audits/${seeded.auditId}/activities/${id}`);
	const heading = page.getByRole('heading', { name: title, level: 1 });
	await expect(heading).toBeVisible();
	page.on('dialog', (dialog) => void dialog.accept());
	return { api, context, page, id, heading };
}

test('half-typed participants and guide survive a reload; a bad count is refused beside its field, nothing lost', async ({
	browser,
	baseURL
}) => {
	const { api, context, page, id, heading } = await openActivity(
		browser,
		baseURL!,
		'interview',
		'Head teacher interview'
	);
	const role = page.getByLabel('Role 1', { exact: true });
	const count = page.getByRole('textbox', { name: 'How many in role 1' });
	const question = page.getByLabel('Question 1', { exact: true });
	const asked = 'What helps staff ask for support?';

	await page.getByRole('button', { name: 'Add participants' }).click();
	await role.fill('Teaching assistants');
	await count.fill('three');
	await page.getByRole('button', { name: 'Save participants' }).click();
	await expect(page.getByText('Give a whole number, e.g. 8')).toBeVisible();
	await expect(role).toHaveValue('Teaching assistants');
	await page.getByRole('button', { name: 'Write my own questions' }).click();
	await question.fill(asked);
	await expect(kept(page)).toHaveCount(2);
	await expectNoAxeViolations(page);

	await page.reload();
	await expect(heading).toBeVisible();
	await expect(role).toHaveValue('Teaching assistants');
	await expect(count).toHaveValue('three');
	await expect(question).toHaveValue(asked);

	await count.fill('3');
	await page.getByRole('button', { name: 'Save participants' }).click();
	const groups = page.getByRole('list', { name: 'Who took part' }).getByRole('listitem');
	await expect(groups).toHaveText(['Teaching assistants × 3']);
	await page.getByRole('button', { name: 'Save guide' }).click();
	await expect(page.getByText('1 question; take notes under each below.')).toBeVisible();

	// Saved, so nothing comes back as a draft: the saved values show, the editors closed.
	await page.reload();
	await expect(groups).toHaveText(['Teaching assistants × 3']);
	await expect(page.getByRole('button', { name: 'Edit guide' })).toBeVisible();
	await expect(role).toHaveCount(0);
	await expect(kept(page)).toHaveCount(0);
	await openSync(page);
	await syncNow(page);
	const fields = await pulledFields(api, id);
	expect(fields.participants).toEqual([{ role: 'Teaching assistants', count: 3 }]);
	expect(fields.guide).toEqual([{ id: expect.any(String), text: asked }]);
	await context.close();
});

test("a lesson's subject and a wall's prompt, typed and not saved, survive a reload; saved, they stay", async ({
	browser,
	baseURL
}) => {
	const lesson = await openActivity(browser, baseURL!, 'lesson-observation', 'Year 4 PSHE');
	const subject = lesson.page.getByLabel('Subject');
	const year = lesson.page.getByLabel('Year group');
	await subject.fill('PSHE');
	await year.fill('Year 4');
	await expect(kept(lesson.page)).toBeVisible();
	await lesson.page.reload();
	await expect(lesson.heading).toBeVisible();
	await expect(subject).toHaveValue('PSHE');
	await expect(year).toHaveValue('Year 4');
	await lesson.page.getByRole('button', { name: 'Save lesson details' }).click();
	await expect(lesson.page.getByText('Lesson details saved on this tablet.')).toBeVisible();
	await lesson.page.reload();
	await expect(subject).toHaveValue('PSHE');
	await expect(kept(lesson.page)).toHaveCount(0);
	await lesson.context.close();

	const wall = await openActivity(browser, baseURL!, 'graffiti-wall', 'Parents’ wall');
	const words = 'Working with parents: what helps, what gets in the way?';
	const promptBox = wall.page.getByLabel('Wall prompt');
	await promptBox.fill(words);
	await expect(kept(wall.page)).toBeVisible();
	await wall.page.reload();
	await expect(wall.heading).toBeVisible();
	await expect(promptBox).toHaveValue(words);
	await expectNoAxeViolations(wall.page);
	await wall.page.getByRole('button', { name: 'Save wall prompt' }).click();
	await expect(wall.page.getByRole('button', { name: 'Edit wall prompt' })).toBeVisible();
	await wall.page.reload();
	await expect(wall.page.getByText(words)).toBeVisible();
	await expect(promptBox).toHaveCount(0);
	await wall.context.close();
});
