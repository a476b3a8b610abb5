import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { imhars } from '../../src/lib/framework';
import { shortTitle } from '../../src/lib/client/records';
import { expectNoAxeViolations } from './axe';
import { signIn } from './pages';
import { adminSession, createAdvisor, type Account } from './sync-api';
import { openSync, syncBadge, syncNow } from './sync-pages';

/*
 * Fieldwork with no network: a school, its audit, an activity planned from a prompt and notes
 * captured in it, every write on the tablet, then synced to a second tablet of the same person.
 */

const component = imhars.components[0]!;
const prompt = component.prompts[0]!;
const activityTitle = shortTitle(prompt.text);

async function tablet(browser: Browser, account: Account, portrait = false) {
	const viewport = portrait ? { width: 768, height: 1024 } : { width: 1024, height: 768 };
	const context = await browser.newContext({ viewport });
	const page = await context.newPage();
	await signIn(page, account.email, account.password);
	return { context, page };
}

/** Waits until the service worker controls the page, so that the app's files come offline. */
async function offlineReady(page: Page) {
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
		.toBe(true);
}

const nav = (page: Page, name: string) =>
	page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

async function newSchool(page: Page, name: string) {
	await nav(page, 'Schools').click();
	await expect(page.getByRole('heading', { name: 'Schools', level: 1 })).toBeVisible();
	await page.getByRole('link', { name: 'New school' }).click();
	await expect(page.getByRole('heading', { name: 'New school', level: 1 })).toBeVisible();
	await page.getByLabel('School name').fill(name);
	await page.getByLabel('Phase').selectOption({ label: 'Primary' });
	await page.getByLabel('Local authority').fill('Islington');
}

async function saveSchool(page: Page, name: string) {
	await page.getByRole('button', { name: 'Save school' }).click();
	await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

async function newAudit(page: Page, title: string) {
	await page.getByRole('link', { name: 'New audit' }).click();
	await expect(page.getByRole('heading', { name: /^New audit of /, level: 1 })).toBeVisible();
	await page.getByLabel('Audit title').fill(title);
	await page.getByLabel(`${component.number}. ${component.title}`).check();
	await page.getByRole('button', { name: 'Create audit' }).click();
	await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
}

async function planFromFirstPrompt(page: Page, where: string) {
	const item = page.getByRole('listitem').filter({ hasText: prompt.text });
	await item.getByRole('button', { name: 'Plan' }).click();
	await expect(item.getByLabel('Activity title')).toHaveValue(activityTitle);
	await expectNoAxeViolations(page);
	await item.getByLabel('Where (optional)').fill(where);
	await item.getByRole('button', { name: 'Plan activity' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Activity planned' })).toBeVisible();
	await expect(item.getByRole('link', { name: activityTitle })).toBeVisible();
}

async function addNote(page: Page, text: string, where: string, judgement: string) {
	const box = page.getByLabel('Observation', { exact: true });
	await box.fill(text);
	await page.getByRole('group', { name: 'Place' }).getByRole('radio', { name: where }).check();
	await page
		.getByRole('group', { name: 'Judgement' })
		.getByRole('radio', { name: judgement })
		.check();
	const practice = page.getByRole('checkbox', { name: component.practices[0]!.text });
	if (!(await practice.isVisible()))
		await page.getByText('Supporting practices', { exact: true }).click();
	await practice.check();
	await page.getByRole('button', { name: 'Save observation' }).click();
	await expect(page.getByText(text, { exact: true })).toBeVisible();
	// Ready for the next note at once: the box is empty and still has the focus.
	await expect(box).toHaveValue('');
	await expect(box).toBeFocused();
}

/** On a second tablet: the school, its audit, the activity and its notes, through the screens (axe on the last, in this tablet's orientation). */
async function expectFieldwork(page: Page, school: string, audit: string, notes: string[]) {
	await nav(page, 'Schools').click();
	await page.getByRole('link', { name: school }).click();
	await expect(page.getByRole('heading', { name: school, level: 1 })).toBeVisible();
	await page.getByRole('link', { name: audit }).click();
	await expect(page.getByRole('heading', { name: audit, level: 1 })).toBeVisible();
	await page
		.getByRole('list', { name: 'Activities for this prompt' })
		.getByRole('link', { name: activityTitle })
		.click();
	await expect(page.getByRole('heading', { name: activityTitle, level: 1 })).toBeVisible();
	for (const note of notes) await expect(page.getByText(note, { exact: true })).toBeVisible();
	await expect(page.getByRole('article')).toHaveCount(notes.length);
	await expectNoAxeViolations(page);
}

const unique = () => randomBytes(3).toString('hex');

test('offline: a school (after a URN error), an audit, a planned activity and two notes, then sync to a second tablet', async ({
	browser,
	baseURL
}) => {
	const eve = await createAdvisor(await adminSession(baseURL!), 'Eve');
	const a = await tablet(browser, eve);
	await offlineReady(a.page);
	await nav(a.page, 'Schools').click();
	await expect(a.page.getByRole('heading', { name: 'Schools', level: 1 })).toBeVisible();
	await expectNoAxeViolations(a.page);

	await a.context.setOffline(true);
	const school = `Hargrave Park Primary ${unique()}`;
	await newSchool(a.page, school);
	await a.page.getByLabel('URN (six digits)').fill('12345');
	await a.page.getByRole('button', { name: 'Save school' }).click();
	const urn = a.page.getByLabel('URN (six digits)');
	await expect(urn).toHaveAttribute('aria-invalid', 'true');
	await expect(urn).toHaveAccessibleDescription('A URN is six digits, like 100000');
	// Nothing typed is lost, and nothing was written.
	await expect(a.page.getByLabel('School name')).toHaveValue(school);
	await expect(a.page.getByLabel('Local authority')).toHaveValue('Islington');
	await expect(syncBadge(a.page)).toHaveAccessibleName('All synced');
	await expectNoAxeViolations(a.page);
	await urn.fill('123456');
	await saveSchool(a.page, school);
	await expect(a.page.getByText('No audits of this school on this tablet.')).toBeVisible();
	await expectNoAxeViolations(a.page);

	const audit = `Autumn audit ${unique()}`;
	await a.page.getByRole('link', { name: 'New audit' }).click();
	await expectNoAxeViolations(a.page);
	await a.page.goBack();
	await newAudit(a.page, audit);
	await expectNoAxeViolations(a.page);

	await planFromFirstPrompt(a.page, 'Whole school');
	await expectNoAxeViolations(a.page);
	await a.page
		.getByRole('list', { name: 'Activities for this prompt' })
		.getByRole('link', { name: activityTitle })
		.click();
	await expect(a.page.getByRole('heading', { name: activityTitle, level: 1 })).toBeVisible();
	await expect(a.page.getByText(/^No observations yet/)).toBeVisible();
	await expectNoAxeViolations(a.page);

	const notes = [
		'Staff greet pupils by name at the gate; a calm start.',
		'Two pupils alone at the edge of the playground for all of break.'
	];
	await addNote(a.page, notes[0]!, 'Classroom', 'Strength');
	await addNote(a.page, notes[1]!, 'Playground', 'Area for development');
	await expect(a.page.getByRole('heading', { name: 'Observations (2)' })).toBeVisible();
	await expectNoAxeViolations(a.page);
	// A school, an audit, an activity and two notes wait on the tablet.
	await expect(syncBadge(a.page)).toHaveAccessibleName('5 changes waiting to sync');

	await a.context.setOffline(false);
	await openSync(a.page);
	await syncNow(a.page);
	await expect(syncBadge(a.page)).toHaveAccessibleName('All synced');

	const b = await tablet(browser, eve, true);
	await openSync(b.page);
	await syncNow(b.page);
	await expectFieldwork(b.page, school, audit, notes);
	await a.context.close();
	await b.context.close();
});

test('Offline: create a school, an audit and an observation; close the page and open a new one in the same context; the data is there; back online → it syncs, and a second browser context signed in as the same user sees it after sync', async ({
	browser,
	baseURL
}) => {
	const fay = await createAdvisor(await adminSession(baseURL!), 'Fay');
	const a = await tablet(browser, fay);
	await offlineReady(a.page);

	await a.context.setOffline(true);
	const school = `Ashmount Primary ${unique()}`;
	await newSchool(a.page, school);
	await a.page.getByLabel('URN (six digits)').fill('100234');
	await saveSchool(a.page, school);
	const audit = `Spring audit ${unique()}`;
	await newAudit(a.page, audit);
	await planFromFirstPrompt(a.page, 'Dining hall');
	await a.page
		.getByRole('list', { name: 'Activities for this prompt' })
		.getByRole('link', { name: activityTitle })
		.click();
	// The notes are listed on the activity's page (the audit page links to them). Its address is
	// read once the page shows: a click's navigation can still be under way when it returns.
	await expect(a.page.getByRole('heading', { name: activityTitle, level: 1 })).toBeVisible();
	const activityUrl = a.page.url();
	const note = 'Lunchtime staff know every pupil by name.';
	await addNote(a.page, note, 'Dining hall', 'Strength');
	await a.page.close();

	// A new page, still offline: the app opens from the service worker and the device store.
	const again = await a.context.newPage();
	await again.goto(activityUrl);
	await expect(again.getByRole('heading', { name: activityTitle, level: 1 })).toBeVisible();
	await expect(again.getByText(note, { exact: true })).toBeVisible();
	await expect(syncBadge(again)).toHaveAccessibleName('4 changes waiting to sync');

	await a.context.setOffline(false);
	await openSync(again);
	await syncNow(again);
	await expect(syncBadge(again)).toHaveAccessibleName('All synced');

	const b = await tablet(browser, fay);
	await openSync(b.page);
	await syncNow(b.page);
	await expectFieldwork(b.page, school, audit, [note]);
	await a.context.close();
	await b.context.close();
});
