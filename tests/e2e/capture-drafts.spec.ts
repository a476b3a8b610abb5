import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { killAndRelaunch, launchOnProfile } from './killed-browser';
import { planCapture, vision } from './capture-api';
import { signIn } from './pages';
import { pictureBytes } from './photo-pages';
import { adminSession, apiSession, createAdvisor, pulledFields, seedAudit } from './sync-api';
import { openSync, syncNow } from './sync-pages';

/*
 * Issue 14, problem 1: a half-written note was silently lost. Here a learning-walk note is typed,
 * tagged with two practices, a judgement and a place, and given a photo; then the advisor taps
 * Today (asked first, and stays when she says no), comes back, reloads, and the browser is
 * killed (SIGKILL, as a crash or a flat battery would) and opened again: every word, tag and
 * photo is there each time, and saving it then makes one note with all of it.
 */

const [first, second] = vision.practices;
const words =
	'Two pupils sort out a dispute in the corridor without an adult; one says "we use our words"';

async function expectDraftBack(page: Page) {
	await expect(page.getByLabel('Observation', { exact: true })).toHaveValue(words);
	await expect(page.getByRole('radio', { name: 'Strength' })).toBeChecked();
	await expect(page.getByRole('radio', { name: 'Corridor' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: first!.text })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: second!.text })).toBeChecked();
	await expect(page.getByRole('img', { name: 'Photo 1 for the note being written' })).toBeVisible();
	await expect(page.getByText('Draft kept on this tablet.')).toBeVisible();
}

test('a half-written note with a photo survives leaving the page, a reload and a killed browser', async ({
	baseURL
}) => {
	const account = await createAdvisor(await adminSession(baseURL!), 'Nia');
	const api = await apiSession(baseURL!, account.email, account.password);
	const seeded = await seedAudit(api, account.id, [account.id]);
	const walkId = await planCapture(api, seeded.auditId, 'learning-walk', 'Walk at break');
	const url = `/audits/${seeded.auditId}/activities/${walkId}`;
	const profile = mkdtempSync(join(tmpdir(), 'fieldbook-profile-'));

	let context = await launchOnProfile(profile);
	let page = context.pages()[0] ?? (await context.newPage());
	await signIn(page, account.email, account.password);
	await openSync(page);
	await syncNow(page);
	await page.goto(url);
	await expect(page.getByRole('heading', { name: 'Walk at break', level: 1 })).toBeVisible();

	await page.getByLabel('Observation', { exact: true }).fill(words);
	await page.getByRole('radio', { name: 'Strength' }).check();
	await page.getByRole('radio', { name: 'Corridor' }).check();
	await page.getByRole('checkbox', { name: first!.text }).check();
	await page.getByRole('checkbox', { name: second!.text }).check();
	await page.getByLabel('Add photo').setInputFiles({
		name: 'corridor.jpg',
		mimeType: 'image/jpeg',
		buffer: await pictureBytes(page, 1200, 900, 'image/jpeg')
	});
	await expect(page.getByRole('img', { name: 'Photo 1 for the note being written' })).toBeVisible();
	await expect(page.getByText('Draft kept on this tablet.')).toBeVisible();
	await expectNoAxeViolations(page);

	// Tapping Today asks first; "stay" keeps her on the note.
	const today = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' });
	let asked = '';
	page.once('dialog', (dialog) => {
		asked = dialog.message();
		void dialog.dismiss();
	});
	await today.click();
	await expect.poll(() => asked).toMatch(/not saved yet.*kept on this tablet as a draft/);
	await expect(page).toHaveURL(url);
	await expectDraftBack(page);

	// "Leave": Today opens; coming back, the note is as it was.
	page.once('dialog', (dialog) => void dialog.accept());
	await today.click();
	await expect(page).toHaveURL('/');
	await page.goto(url);
	await expectDraftBack(page);

	// A reload (the browser asks in its own words; she goes on).
	page.on('dialog', (dialog) => void dialog.accept());
	await page.reload();
	await expectDraftBack(page);

	// The browser killed outright, then opened again on the same tablet.
	context = await killAndRelaunch(context, profile);
	page = context.pages()[0] ?? (await context.newPage());
	await signIn(page, account.email, account.password);
	await page.goto(url);
	await expectDraftBack(page);

	// Saved now: one note with every word, both practices, the judgement, the place and the photo.
	await page.getByRole('button', { name: 'Save observation' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Observation saved' })).toBeVisible();
	await expect(page.getByLabel('Observation', { exact: true })).toHaveValue('');
	const saved = page
		.getByRole('region', { name: /^Observations/ })
		.getByRole('article')
		.first();
	await expect(saved).toContainText(words);
	await expect(saved).toContainText('Strength');
	await expect(saved.getByRole('img')).toHaveCount(1);
	// As the server has it after the next sync: every tag and the photo.
	const id = (await saved.getAttribute('aria-labelledby'))?.replace(/^observation-|-title$/g, '');
	await openSync(page);
	await syncNow(page);
	expect(await pulledFields(api, id!)).toMatchObject({
		text: words,
		judgement: 'strength',
		location: 'Corridor',
		practiceIds: [first!.id, second!.id],
		photoHashes: [expect.stringMatching(/^[0-9a-f]{64}$/)]
	});
	await page.goto(url);
	// The draft is gone with the save: a reload shows an empty box.
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Walk at break', level: 1 })).toBeVisible();
	await expect(page.getByLabel('Observation', { exact: true })).toHaveValue('');
	await context.close();
	rmSync(profile, { recursive: true, force: true });
});
