import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { ActivityKind } from '../../src/lib/domain/activity-kind';
import { expectNoAxeViolations } from './axe';
import { planCapture } from './capture-api';
import { killAndRelaunch, launchOnProfile } from './killed-browser';
import { signIn } from './pages';
import { adminSession, apiSession, createAdvisor, pulledFields, seedAudit } from './sync-api';
import { openSync, syncNow } from './sync-pages';

/*
 * Issue 14, problem 1, for the forms that edit an activity (they ran their own saving flags
 * before they moved onto the one form-state helper): what is typed into the participants, the
 * question guide, the lesson details and the wall's prompt is kept on the tablet and back after
 * a reload; a refused save loses nothing; once saved, no draft is left behind; and a browser
 * killed the moment Save is tapped loses neither what was saved before nor what was typed.
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

test('the browser killed the moment Save participants is tapped: what was saved stays, what was typed is saved or kept', async ({
	baseURL
}) => {
	const account = await createAdvisor(await adminSession(baseURL!), 'Gus');
	const api = await apiSession(baseURL!, account.email, account.password);
	const seeded = await seedAudit(api, account.id, [account.id]);
	const id = await planCapture(api, seeded.auditId, 'focus-group', 'Pupil voice group');
	const url = `/audits/${seeded.auditId}/activities/${id}`;
	const profile = mkdtempSync(join(tmpdir(), 'fieldbook-profile-'));
	let context = await launchOnProfile(profile);
	try {
		let page = context.pages()[0] ?? (await context.newPage());
		await signIn(page, account.email, account.password);
		await openSync(page);
		await syncNow(page);
		await page.goto(url);
		page.on('dialog', (dialog) => void dialog.accept());
		const groupsOf = (p: Page) =>
			p.getByRole('list', { name: 'Who took part' }).getByRole('listitem');
		let groups = groupsOf(page);

		// Saved once: Year 6 pupils × 8.
		await page.getByRole('button', { name: 'Add participants' }).click();
		await page.getByLabel('Role 1', { exact: true }).fill('Year 6 pupils');
		await page.getByRole('textbox', { name: 'How many in role 1' }).fill('8');
		await page.getByRole('button', { name: 'Save participants' }).click();
		await expect(groups).toHaveText(['Year 6 pupils × 8']);

		// A second role typed (and kept as a draft), then Save tapped and the browser killed at once.
		await page.getByRole('button', { name: 'Edit participants' }).click();
		await page.getByRole('button', { name: 'Add role' }).click();
		await page.getByLabel('Role 2', { exact: true }).fill('Parents');
		await page.getByRole('textbox', { name: 'How many in role 2' }).fill('4');
		await expect(kept(page)).toBeVisible();
		await page.getByRole('button', { name: 'Save participants' }).click({ noWaitAfter: true });
		context = await killAndRelaunch(context, profile);

		page = context.pages()[0] ?? (await context.newPage());
		await signIn(page, account.email, account.password);
		await page.goto(url);
		page.on('dialog', (dialog) => void dialog.accept());
		await expect(page.getByRole('heading', { name: 'Pupil voice group', level: 1 })).toBeVisible();
		groups = groupsOf(page);
		// Either the save committed before the kill (both groups saved), or it did not and the
		// draft brings both rows back into the editor: nothing typed or saved is gone.
		const role2 = page.getByLabel('Role 2', { exact: true });
		await expect(groups.or(role2).first()).toBeVisible();
		if (await role2.isVisible()) {
			await expect(page.getByLabel('Role 1', { exact: true })).toHaveValue('Year 6 pupils');
			await expect(role2).toHaveValue('Parents');
			await expect(page.getByRole('textbox', { name: 'How many in role 2' })).toHaveValue('4');
			await page.getByRole('button', { name: 'Save participants' }).click();
		}
		await expect(groups).toHaveText(['Year 6 pupils × 8', 'Parents × 4']);
		await expect(kept(page)).toHaveCount(0);

		// The server ends with both groups, once.
		await openSync(page);
		await syncNow(page);
		expect((await pulledFields(api, id)).participants).toEqual([
			{ role: 'Year 6 pupils', count: 8 },
			{ role: 'Parents', count: 4 }
		]);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});
