import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { shortTitle } from '../../src/lib/client/records';
import type { ActivityKind } from '../../src/lib/domain/activity-kind';
import { imhars, type FrameworkComponent, type Prompt } from '../../src/lib/framework';
import { expectNoAxeViolations } from './axe';
import { goOffline, untilServiceWorkerControls } from './offline-pages';
import { signIn } from './pages';
import { pictureBytes, storedPhotos, withExif } from './photo-pages';
import { adminSession, createAdvisor } from './sync-api';
import { openSync, syncBadge, syncNow } from './sync-pages';

/*
 * Issue 5's whole day, offline from the start: a school and an audit of three components, an
 * activity of each of the nine kinds planned from its prompt, at least one tagged observation
 * captured in each kind's own screen (a photo among them, checked on the tablet), two stage
 * steps ticked. A reload offline keeps it all; back online it syncs, and the same advisor's
 * second tablet shows the same checklist, stage ticks and coverage grids.
 */

const component = (id: string) => imhars.components.find((c) => c.id === id)!;
const vision = component('vision-values');
const support = component('support-networks');
const parents = component('parents');
const components = [vision, support, parents];

/** The prompt each kind is planned from, and the component it belongs to. */
const plan: { kind: ActivityKind; component: FrameworkComponent; prompt: Prompt }[] = (
	[
		['learning-walk', vision],
		['survey', vision],
		['focus-group', vision],
		['interview', vision],
		['pupil-task', support],
		['data-review', support],
		['lesson-observation', support],
		['event', parents],
		['graffiti-wall', parents]
	] as const
).map(([kind, c]) => ({
	kind,
	component: c,
	prompt: c.prompts.find((p) => p.activityKind === kind)!
}));

const unique = () => randomBytes(3).toString('hex');
const nav = (page: Page, name: string) =>
	page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
const saved = (page: Page, text: string | RegExp) =>
	page.getByRole('status').filter({ hasText: text });

async function newAudit(page: Page, school: string, audit: string) {
	await nav(page, 'Schools').click();
	await page.getByRole('link', { name: 'New school' }).click();
	await page.getByLabel('School name').fill(school);
	await page.getByLabel('URN (six digits)').fill('100654');
	await page.getByLabel('Phase').selectOption({ label: 'Primary' });
	await page.getByLabel('Local authority').fill('Islington');
	await page.getByRole('button', { name: 'Save school' }).click();
	await page.getByRole('link', { name: 'New audit' }).click();
	await page.getByLabel('Audit title').fill(audit);
	for (const c of components) await page.getByLabel(`${c.number}. ${c.title}`).check();
	await page.getByRole('button', { name: 'Create audit' }).click();
	await expect(page.getByRole('heading', { name: audit, level: 1 })).toBeVisible();
}

const checklistItem = (page: Page, prompt: Prompt) =>
	page.getByRole('listitem').filter({ hasText: prompt.text });

/** Plans the prompt's activity from its checklist item and opens its capture screen. */
async function planAndOpen(page: Page, prompt: Prompt) {
	const item = checklistItem(page, prompt);
	await item.getByRole('button', { name: 'Plan' }).click();
	await item.getByRole('button', { name: 'Plan activity' }).click();
	await expect(saved(page, 'Activity planned')).toBeVisible();
	const title = shortTitle(prompt.text);
	await item.getByRole('link', { name: title }).click();
	await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
}

/** Tags a form's note with the component's first practice and a judgement. */
async function tag(form: ReturnType<Page['getByRole']> | Page, c: FrameworkComponent) {
	await form.getByRole('radio', { name: 'Strength', exact: true }).check();
	await form.getByRole('checkbox', { name: c.practices[0]!.text }).check();
}

/** The generic note form (pupil task, event, a survey's own notes). */
async function addNote(page: Page, c: FrameworkComponent, text: string) {
	await page.getByLabel('Observation', { exact: true }).fill(text);
	await tag(page, c);
	await page.getByRole('button', { name: 'Save observation' }).click();
	await expect(page.getByRole('article').filter({ hasText: text })).toBeVisible();
}

const capture: Record<ActivityKind, (page: Page, c: FrameworkComponent) => Promise<void>> = {
	async 'learning-walk'(page, c) {
		await page.getByLabel('Observation', { exact: true }).fill('Staff greet pupils by name.');
		await page
			.getByRole('group', { name: 'Place' })
			.getByRole('radio', { name: 'Playground' })
			.check();
		await page
			.getByRole('group', { name: 'Interaction' })
			.getByRole('radio', { name: 'Staff–pupil' })
			.check();
		await tag(page, c);
		// A photo straight from a camera, EXIF and all.
		const camera = withExif(await pictureBytes(page, 3000, 2000, 'image/jpeg'));
		const chooser = page.waitForEvent('filechooser');
		await page.getByLabel('Add photo').click();
		await (await chooser).setFiles({ name: 'IMG_1.jpg', mimeType: 'image/jpeg', buffer: camera });
		await expect(
			page.getByRole('img', { name: 'Photo 1 for the note being written' })
		).toBeVisible();
		await page.getByRole('button', { name: 'Save observation' }).click();
		const card = page.getByRole('article').filter({ hasText: 'Staff greet pupils by name.' });
		await expect(card.getByText('Staff–pupil')).toBeVisible();
		await expect(card.getByRole('img', { name: 'Photo 1 of observation 1' })).toBeVisible();
	},
	async survey(page, c) {
		await page.getByRole('button', { name: 'Use these questions' }).click();
		const first = page.getByRole('region', { name: 'Your answers' }).getByRole('group').first();
		await first.getByRole('radio', { name: 'Agree', exact: true }).check();
		await page.getByRole('button', { name: 'Submit answers' }).click();
		await expect(saved(page, 'Thank you — answers saved. Next respondent')).toBeVisible();
		await page
			.getByRole('group', { name: 'Survey view' })
			.getByRole('button', { name: 'Results' })
			.click();
		await expect(
			page.getByRole('region', { name: 'Results' }).getByText('1 respondent')
		).toBeVisible();
		await addNote(page, c, 'Survey: pupils feel safe in class, less so at lunch.');
	},
	async 'focus-group'(page, c) {
		await conversation(page, c, 'We help each other when someone is sad.');
	},
	async interview(page, c) {
		await conversation(page, c, 'The values were written with staff.');
	},
	async 'pupil-task'(page, c) {
		await addNote(page, c, 'Most drawings name a class teacher as the adult to go to.');
	},
	async 'data-review'(page, c) {
		const form = page.getByRole('region', { name: 'Add an indicator' });
		await form.getByLabel('Indicator', { exact: true }).fill('Bullying incidents');
		await form.getByLabel('Value', { exact: true }).fill('3');
		await form.getByLabel('Period', { exact: true }).fill('2025/26 autumn term');
		await tag(form, c);
		await form.getByRole('button', { name: 'Add indicator' }).click();
		await expect(form.getByRole('status')).toHaveText('Bullying incidents saved on this tablet.');
	},
	async 'lesson-observation'(page, c) {
		await page.getByLabel('Subject').fill('PSHE');
		await page.getByLabel('Year group').fill('Year 4');
		await page.getByRole('button', { name: 'Save lesson details' }).click();
		await expect(saved(page, 'Lesson details saved on this tablet.')).toBeVisible();
		await page.getByLabel('Note', { exact: true }).fill('Pupils role-play asking to join in.');
		await tag(page, c);
		await page.getByRole('button', { name: 'Save note' }).click();
		await expect(page.getByRole('heading', { name: 'Timeline (1)' })).toBeVisible();
	},
	async event(page, c) {
		await addNote(page, c, 'Parents’ coffee morning: twelve families, head present.');
	},
	async 'graffiti-wall'(page, c) {
		const sticky = page.getByRole('region', { name: /^Sticky notes/ });
		await sticky.getByLabel('Sticky note').fill('Newsletters help');
		await sticky.getByRole('radio', { name: 'Pink' }).check();
		await tag(sticky, c);
		await sticky.getByRole('button', { name: 'Add sticky note' }).click();
		await expect(sticky.getByLabel('Sticky note')).toHaveValue('');
	}
};

/** An interview or focus group: the guide seeded from the prompt, a verbatim note under question 1. */
async function conversation(page: Page, c: FrameworkComponent, quote: string) {
	await page.getByRole('button', { name: 'Start the guide from the prompt' }).click();
	await page.getByRole('button', { name: 'Save guide' }).click();
	await expect(saved(page, 'Question guide saved on this tablet.')).toBeVisible();
	const q1 = page.getByRole('region', { name: /^Question 1: / });
	// The note form opens under the first question once the guide is saved.
	await q1.getByLabel('Note on question 1').fill(quote);
	await q1.getByRole('checkbox', { name: 'Verbatim quote' }).check();
	await tag(q1, c);
	await q1.getByRole('button', { name: 'Save note' }).click();
	await expect(q1.getByRole('blockquote')).toHaveText(quote);
}

/** What another tablet must show the same: each component's checklist and the stage steps. */
async function auditState(page: Page) {
	const sections = [];
	for (const c of components)
		sections.push(await page.getByRole('region', { name: `${c.number}. ${c.title}` }).innerText());
	const steps = page.getByRole('region', { name: 'Stages of the audit' }).getByRole('checkbox');
	const ticks = [];
	for (const box of await steps.all()) ticks.push(await box.isChecked());
	return { sections, ticks };
}

async function coverage(page: Page, auditId: string) {
	const grids: string[] = [];
	for (const c of components) {
		await page.goto(`/audits/${auditId}/evidence/${c.id}`);
		const grid = page.getByRole('region', { name: new RegExp(`^Coverage of ${c.shortTitle}`) });
		await expect(grid.getByRole('table')).toBeVisible();
		grids.push(await grid.getByRole('table').innerText());
	}
	return grids;
}

test('offline from the start: nine kinds planned from prompts and captured, steps ticked; kept over a reload; synced to a second tablet with the same checklist and coverage', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(240_000); // nine screens, a reload and two tablets: a hang guard, not a speed check
	const una = await createAdvisor(await adminSession(baseURL!), 'Una');
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
	const page = await context.newPage();
	await signIn(page, una.email, una.password);
	await untilServiceWorkerControls(page);
	const offline = await goOffline(context);

	const audit = `Whole day ${unique()}`;
	await newAudit(page, `Hartwell Primary ${unique()}`, audit);
	const auditUrl = page.url();
	const auditId = new URL(auditUrl).pathname.split('/')[2]!;

	for (const { kind, component: c, prompt } of plan) {
		await planAndOpen(page, prompt);
		await capture[kind](page, c);
		await expectNoAxeViolations(page);
		await page.goto(auditUrl);
		await expect(page.getByRole('heading', { name: audit, level: 1 })).toBeVisible();
	}

	// The photo as stored on this tablet: at most 2048 px, no EXIF left.
	const [photo] = await storedPhotos(page, una.id);
	expect(Math.max(photo!.width, photo!.height)).toBeLessThanOrEqual(2048);
	expect(photo!.appMarkers).not.toContain(0xe1);
	expect(photo!.exifText).toBe(false);

	const stage1 = imhars.stages[0]!.steps;
	for (const step of stage1.slice(0, 2)) {
		await page.getByRole('checkbox', { name: step.text }).check();
		await expect(page.getByRole('checkbox', { name: step.text })).toHaveAccessibleDescription(
			/^Ticked by you, /
		);
	}
	await expectNoAxeViolations(page);
	const before = await auditState(page);
	// Each planned prompt is in progress or further on, with its evidence counted.
	for (const { prompt } of plan)
		await expect(checklistItem(page, prompt).first()).not.toContainText('Not planned');
	expect(before.ticks.filter(Boolean)).toHaveLength(2);

	await page.reload();
	await expect(page.getByRole('heading', { name: audit, level: 1 })).toBeVisible();
	expect(await auditState(page)).toEqual(before);
	const grids = await coverage(page, auditId);
	expect(grids.join('\n')).not.toBe('');
	expect(offline.cut.every((path) => path.startsWith('/api/'))).toBe(true);

	await offline.online();
	await openSync(page);
	await syncNow(page);
	await expect(syncBadge(page)).toHaveAccessibleName('All synced');

	const second = await browser.newContext({ viewport: { width: 768, height: 1024 } });
	const other = await second.newPage();
	await signIn(other, una.email, una.password);
	await openSync(other);
	await syncNow(other);
	await other.goto(auditUrl);
	await expect(other.getByRole('heading', { name: audit, level: 1 })).toBeVisible();
	expect(await auditState(other)).toEqual(before);
	expect(await coverage(other, auditId)).toEqual(grids);
	await expectNoAxeViolations(other);
	await second.close();
	await context.close();
});
