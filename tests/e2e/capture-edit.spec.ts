import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { planCapture, vision } from './capture-api';
import { signIn } from './pages';
import { pictureBytes } from './photo-pages';
import {
	adminSession,
	apiSession,
	createAdvisor,
	pulledFields,
	seedAudit,
	type Account
} from './sync-api';
import { openSync, syncBadge, syncNow } from './sync-pages';

/*
 * Issue 14, problem 2: "Edit note" changed the text only, and nothing could be deleted. Here
 * every field of a saved note is corrected (a pupil's name taken out of the words, practices,
 * judgement, place, activity, quote flag, photos); a note and an activity are deleted, one
 * undone; and a colleague's tablet, after its sync, no longer lists or counts what was deleted.
 */

const [p1, p2, p3] = vision.practices;
const cards = (page: Page) =>
	page.getByRole('region', { name: /^Observations/ }).getByRole('article');

async function tablet(browser: Browser, account: Account, url: string) {
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
	const page = await context.newPage();
	await signIn(page, account.email, account.password);
	await openSync(page);
	await syncNow(page);
	await page.goto(url);
	return { context, page };
}

async function noteIdOf(page: Page, n = 0) {
	const labelled = await cards(page).nth(n).getAttribute('aria-labelledby');
	return labelled!.replace(/^observation-|-title$/g, '');
}

test('every field of a saved note can be corrected, and the server gets the corrections', async ({
	browser,
	baseURL
}) => {
	const ann = await createAdvisor(await adminSession(baseURL!), 'Ann');
	const api = await apiSession(baseURL!, ann.email, ann.password);
	const seeded = await seedAudit(api, ann.id, [ann.id]);
	const walk = await planCapture(api, seeded.auditId, 'learning-walk', 'Morning walk');
	await planCapture(api, seeded.auditId, 'event', 'Afternoon assembly');
	const { context, page } = await tablet(
		browser,
		ann,
		`/audits/${seeded.auditId}/activities/${walk}`
	);

	await page.getByLabel('Observation', { exact: true }).fill('Jamie Smith in 4B helps a friend.');
	await page.getByText(p1!.text, { exact: true }).click();
	await page.getByLabel('Add photo').setInputFiles({
		name: 'a.jpg',
		mimeType: 'image/jpeg',
		buffer: await pictureBytes(page, 800, 600, 'image/jpeg')
	});
	await expect(page.getByRole('img', { name: 'Photo 1 for the note being written' })).toBeVisible();
	await page.getByRole('button', { name: 'Save observation' }).click();
	await expect(cards(page)).toHaveCount(1);
	const id = await noteIdOf(page);

	const card = cards(page).first();
	await card.getByRole('button', { name: 'Edit note' }).click();
	await card.getByLabel('Note', { exact: true }).fill('A pupil in Year 4 helps a friend.');
	await card.getByRole('radio', { name: 'Strength' }).check();
	await card.getByRole('checkbox', { name: p1!.text }).uncheck();
	await card.getByRole('checkbox', { name: p2!.text }).check();
	await card.getByRole('checkbox', { name: p3!.text }).check();
	await card.getByLabel('Place').selectOption('Playground');
	await card.getByRole('checkbox', { name: 'Verbatim quote' }).check();
	await card.getByRole('button', { name: 'Remove photo 1' }).click();
	await card.getByLabel('Add photo').setInputFiles({
		name: 'b.jpg',
		mimeType: 'image/jpeg',
		buffer: await pictureBytes(page, 640, 480, 'image/jpeg')
	});
	await expect(card.getByRole('img', { name: 'Photo 1 for the note being written' })).toBeVisible();
	await expectNoAxeViolations(page);
	await card.getByLabel('Activity').selectOption({ label: 'Afternoon assembly' });
	await card.getByRole('button', { name: 'Save', exact: true }).click();
	// Moved: it leaves this activity's list, and the old words are nowhere.
	await expect(cards(page)).toHaveCount(0);
	await expect(page.getByText('Jamie Smith')).toHaveCount(0);
	await expect(syncBadge(page)).toHaveAccessibleName(/All synced/);
	const fields = await pulledFields(api, id);
	expect(fields).toMatchObject({
		text: 'A pupil in Year 4 helps a friend.',
		judgement: 'strength',
		practiceIds: [p2!.id, p3!.id],
		location: 'Playground',
		verbatim: true,
		photoHashes: [expect.stringMatching(/^[0-9a-f]{64}$/)]
	});
	expect(fields.activityId).not.toBe(walk);
	await context.close();
});

test('a note and an activity deleted (one undone) vanish from a colleague’s tablet after sync', async ({
	browser,
	baseURL
}) => {
	const admin = await adminSession(baseURL!);
	const ann = await createAdvisor(admin, 'Ann');
	const bea = await createAdvisor(admin, 'Bea');
	const api = await apiSession(baseURL!, ann.email, ann.password);
	const seeded = await seedAudit(api, ann.id, [ann.id, bea.id]);
	const walk = await planCapture(api, seeded.auditId, 'learning-walk', 'Walk to delete');
	const event = await planCapture(api, seeded.auditId, 'event', 'Event that stays');
	const walkUrl = `/audits/${seeded.auditId}/activities/${walk}`;
	const eventUrl = `/audits/${seeded.auditId}/activities/${event}`;
	const a = await tablet(browser, ann, eventUrl);

	// Two notes on the event, one on the walk.
	for (const text of ['Kept note.', 'Note typed by mistake.']) {
		await a.page.getByLabel('Observation', { exact: true }).fill(text);
		await a.page.getByRole('button', { name: 'Save observation' }).click();
		await expect(a.page.getByText(text, { exact: true })).toBeVisible();
	}
	await a.page.goto(walkUrl);
	await a.page.getByLabel('Observation', { exact: true }).fill('Walk note.');
	await a.page.getByRole('button', { name: 'Save observation' }).click();
	await expect(cards(a.page)).toHaveCount(1);
	await expect(syncBadge(a.page)).toHaveAccessibleName(/All synced/);

	// Bea's tablet has all of it.
	const b = await tablet(browser, bea, eventUrl);
	await expect(cards(b.page)).toHaveCount(2);

	// Ann deletes the mistaken note, undoes it, deletes it again.
	await a.page.goto(eventUrl);
	const mistaken = cards(a.page).filter({ hasText: 'Note typed by mistake.' });
	await mistaken.getByRole('button', { name: 'Delete note' }).click();
	await expect(cards(a.page)).toHaveCount(1);
	await expect(a.page.getByRole('status').getByText(/^Deleted observation \d\.$/)).toBeVisible();
	await expectNoAxeViolations(a.page);
	await a.page.getByRole('button', { name: 'Undo' }).click();
	await expect(cards(a.page)).toHaveCount(2);
	await mistaken.getByRole('button', { name: 'Delete note' }).click();
	await expect(cards(a.page)).toHaveCount(1);

	// And the walk with its note: asked first, since a note goes with it.
	await a.page.goto(walkUrl);
	let asked = '';
	a.page.once('dialog', (dialog) => {
		asked = dialog.message();
		void dialog.accept();
	});
	await a.page.getByRole('button', { name: 'Delete activity' }).click();
	await expect(a.page.getByRole('heading', { name: seeded.title, level: 1 })).toBeVisible();
	expect(asked).toMatch(/Walk to delete.*1 notes/);
	await expect(a.page.getByRole('link', { name: 'Walk to delete' })).toHaveCount(0);
	await expect(syncBadge(a.page)).toHaveAccessibleName(/All synced/);

	// Bea syncs: the note and the walk are gone from her lists and counts.
	await openSync(b.page);
	await syncNow(b.page);
	await b.page.goto(eventUrl);
	await expect(cards(b.page)).toHaveCount(1);
	await expect(b.page.getByText('Note typed by mistake.')).toHaveCount(0);
	await b.page.goto(`/audits/${seeded.auditId}`);
	await expect(b.page.getByRole('link', { name: 'Event that stays' })).toBeVisible();
	await expect(b.page.getByRole('link', { name: 'Walk to delete' })).toHaveCount(0);
	await expect(b.page.getByText('Walk note.')).toHaveCount(0);
	await b.page.goto(walkUrl);
	await expect(b.page.getByRole('heading', { name: 'Activity not on this tablet' })).toBeVisible();
	await a.context.close();
	await b.context.close();
});
