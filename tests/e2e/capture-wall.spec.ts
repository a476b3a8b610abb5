import { randomBytes } from 'node:crypto';
import {
	expect,
	test,
	type APIRequestContext,
	type Browser,
	type Locator,
	type Page
} from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import { imhars } from '../../src/lib/framework';
import { expectNoAxeViolations } from './axe';
import { goOffline, untilServiceWorkerControls } from './offline-pages';
import { signIn } from './pages';
import { pictureBytes, storedPhotos, withExif } from './photo-pages';
import { adminSession, apiSession, createAdvisor, seedAudit } from './sync-api';
import { openSync, syncNow } from './sync-pages';

/*
 * Graffiti wall and data review (issue 5), captured with no network: the wall's prompt, sticky
 * notes of two colours grouped into a theme by select and keyboard (no dragging), a photo of the
 * wall (≤ 2048 px, no EXIF), and indicators typed with a bad value first; all still there after
 * a reload offline.
 */

const parents = imhars.components.find((c) => c.id === 'parents')!;
const wallPrompt = parents.prompts.find((p) => p.activityKind === 'graffiti-wall')!;
const reviewPrompt = parents.prompts.find((p) => p.activityKind === 'data-review')!;

/** A graffiti wall and a data review of the Parents component, planned from their prompts. */
async function planWallAndReview(api: APIRequestContext, auditId: string) {
	const clientId = randomBytes(8).toString('hex');
	const wall = new Date().toISOString();
	const activities = [
		{ id: uuidv7(), prompt: wallPrompt, title: 'Staff graffiti wall' },
		{ id: uuidv7(), prompt: reviewPrompt, title: 'Attendance and behaviour data' }
	];
	const changes = activities.map((a, i) => ({
		clientId,
		seq: i + 1,
		type: 'activity',
		recordId: a.id,
		scope: auditId,
		fields: {
			componentId: parents.id,
			promptId: a.prompt.id,
			kind: a.prompt.activityKind,
			title: a.title,
			status: 'in-progress',
			plannedStart: null,
			location: 'Staff room',
			deleted: false
		},
		hlc: `${wall}-${i.toString(16).padStart(4, '0')}-${clientId}`,
		base: null
	}));
	const push = await api.post('/api/sync/push', { data: { protocol: 1, clientId, changes } });
	expect(push.status()).toBe(200);
	expect(await push.json()).toMatchObject({ lastProcessedSeq: 2, quarantined: [] });
	return { wallId: activities[0]!.id, reviewId: activities[1]!.id };
}

/** The element that has the keyboard's focus, named as the test names controls. */
const focused = (page: Page) =>
	page.evaluate(() => {
		const el = document.activeElement as HTMLInputElement | null;
		if (!el) return '';
		if (el.type === 'radio') return `${el.name}=${el.value}`;
		if (el.type === 'file') return el.labels?.[0]?.textContent?.trim() ?? 'file';
		return el.getAttribute('aria-label') || el.id || el.textContent?.trim() || el.tagName;
	});

/** Every control Tab stops at, from the top of the page down to its end. */
async function tabStops(page: Page, max = 120) {
	await page.locator('body').focus();
	const stops: string[] = [];
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		const stop = await focused(page);
		if (stops.includes(stop) && stop === stops[0]) break;
		stops.push(stop);
	}
	return stops;
}

const region = (page: Page, name: string | RegExp) => page.getByRole('region', { name });
const noteCard = (scope: Locator, title: string) => scope.getByRole('article', { name: title });

/**
 * An advisor whose audit has a graffiti wall and a data review, signed in on a tablet that has
 * synced them, on the activity `open`, with the network then cut.
 */
async function offlineOn(browser: Browser, baseURL: string, open: 'wall' | 'review') {
	const account = await createAdvisor(await adminSession(baseURL), 'Wren');
	const api = await apiSession(baseURL, account.email, account.password);
	const seeded = await seedAudit(api, account.id, [account.id]);
	const { wallId, reviewId } = await planWallAndReview(api, seeded.auditId);
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
	const page = await context.newPage();
	await signIn(page, account.email, account.password);
	await untilServiceWorkerControls(page);
	await openSync(page);
	await syncNow(page);
	await page.goto(`/audits/${seeded.auditId}/activities/${open === 'wall' ? wallId : reviewId}`);
	const title = open === 'wall' ? 'Staff graffiti wall' : 'Attendance and behaviour data';
	await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
	await goOffline(context);
	return { account, context, page };
}

test("offline: the wall's prompt, sticky notes of two colours grouped into a theme without dragging, and a photo of the wall, all kept after a reload", async ({
	browser,
	baseURL
}) => {
	const { account, context, page } = await offlineOn(browser, baseURL!, 'wall');

	// Empty states first; the prompt's text is offered as the wall's prompt until one is saved.
	await expect(page.getByText('No sticky notes yet.')).toBeVisible();
	await expect(page.getByText('No photos of the wall saved yet.')).toBeVisible();
	const promptBox = page.getByLabel('Wall prompt');
	await expect(promptBox).toHaveValue(wallPrompt.text);
	await promptBox.fill('Working with parents: what helps, what gets in the way?');
	await page.getByRole('button', { name: 'Save wall prompt' }).click();
	await expect(
		page.getByText('Working with parents: what helps, what gets in the way?')
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Edit wall prompt' })).toBeVisible();

	// Sticky notes, each saved in one tap; the colour stays from one note to the next.
	const sticky = region(page, /^Sticky notes/);
	const addNote = async (text: string, colour?: string, judgement?: string) => {
		await sticky.getByLabel('Sticky note').fill(text);
		if (colour) await sticky.getByRole('radio', { name: colour }).check();
		if (judgement) await sticky.getByRole('radio', { name: judgement }).check();
		await sticky.getByRole('button', { name: 'Add sticky note' }).click();
		await expect(sticky.getByLabel('Sticky note')).toHaveValue('');
	};
	// Nothing written yet: said beside the box, the colour chosen kept.
	await sticky.getByRole('radio', { name: 'Pink' }).check();
	await sticky.getByRole('button', { name: 'Add sticky note' }).click();
	await expect(sticky.getByLabel('Sticky note')).toHaveAccessibleDescription(
		'Write what the sticky note says'
	);
	await expect(sticky.getByRole('radio', { name: 'Pink' })).toBeChecked();
	await sticky.getByRole('checkbox', { name: parents.practices[1]!.text }).check();
	await addNote('Coffee mornings bring in parents who never came before', 'Pink', 'Strength');
	await addNote(
		'Reports home are hard for some families to read',
		undefined,
		'Area for development'
	);
	await addNote('Office staff know every parent by name', 'Yellow');
	await expect(sticky.getByRole('status')).toHaveText('Yellow sticky note saved on this tablet.');
	await expect(sticky.getByRole('heading', { name: 'Sticky notes (3)' })).toBeVisible();

	const themes = region(page, 'Themes');
	const ungrouped = region(page, 'Not grouped yet');
	await expect(noteCard(ungrouped, 'Note 1 (Pink)')).toContainText('Strength');
	await expect(noteCard(ungrouped, 'Note 1 (Pink)')).toContainText('1 practice');
	await expect(noteCard(ungrouped, 'Note 2 (Pink)')).toContainText('Area for development');
	await expect(noteCard(ungrouped, 'Note 1 (Pink)')).toHaveCSS(
		'background-color',
		'rgb(255, 217, 232)'
	);
	await expect(noteCard(ungrouped, 'Note 3 (Yellow)')).toHaveCSS(
		'background-color',
		'rgb(255, 244, 168)'
	);

	// A new theme for note 1; note 2 joins it though its name is typed in other case.
	await themes.getByLabel('Theme for note 1').selectOption({ label: 'New theme…' });
	await themes.getByLabel('New theme name').fill('Communication with parents');
	await expectNoAxeViolations(page);
	await themes.getByRole('button', { name: 'Move note 1' }).click();
	const theme = region(page, 'Theme: Communication with parents');
	await expect(noteCard(theme, 'Note 1 (Pink)')).toBeVisible();
	// The keyboard's focus follows the note to its new place.
	await expect(theme.getByLabel('Theme for note 1')).toBeFocused();
	await expect(themes.getByRole('status').first()).toHaveText(
		'Note 1 moved to Communication with parents.'
	);
	await themes.getByLabel('Theme for note 2').selectOption({ label: 'New theme…' });
	await themes.getByLabel('New theme name').fill('  COMMUNICATION with parents ');
	await themes.getByRole('button', { name: 'Move note 2' }).click();
	await expect(theme.getByRole('heading', { level: 3 })).toHaveText(
		'Theme: Communication with parents (2)'
	);
	await expect(noteCard(theme, 'Note 2 (Pink)')).toBeVisible();
	await expect(noteCard(ungrouped, 'Note 3 (Yellow)')).toBeVisible();
	await expect(
		themes.getByLabel('Theme for note 3').getByRole('option', { name: /communication/i })
	).toHaveCount(1);

	// A photo of the wall: none chosen is refused, then one taken, shrunk and stripped of EXIF.
	const photos = region(page, 'Photos of the wall');
	await photos.getByRole('button', { name: 'Save photos of the wall' }).click();
	await expect(photos.getByRole('alert')).toHaveText('Add a photo of the wall first');
	const camera = withExif(await pictureBytes(page, 3000, 2000, 'image/jpeg'));
	const chooser = page.waitForEvent('filechooser');
	await photos.getByLabel('Add photo').click();
	await (await chooser).setFiles({ name: 'IMG_0500.jpg', mimeType: 'image/jpeg', buffer: camera });
	await expect(
		photos.getByRole('img', { name: 'Photo 1 for the note being written' })
	).toBeVisible();
	await photos.getByLabel('Caption (optional)').fill('The whole wall after the staff meeting');
	await photos.getByRole('button', { name: 'Save photos of the wall' }).click();
	const saved = photos.getByRole('list', { name: 'Saved photos of the wall' });
	await expect(
		saved.getByRole('img', { name: 'Wall photo 1: The whole wall after the staff meeting' })
	).toBeVisible();
	const [stored] = await storedPhotos(page, account.id);
	expect(stored).toMatchObject({ type: 'image/jpeg', width: 1365, height: 2048 });
	expect(stored!.exifText).toBe(false);
	await expectNoAxeViolations(page);

	// Every control of the wall is reached by Tab; a note is moved with the keyboard alone.
	const wallStops = await tabStops(page);
	for (const stop of [
		'Edit wall prompt',
		'sticky-text',
		'sticky-colour=yellow',
		'sticky-judgement=neutral',
		'Add sticky note',
		'Move note 3',
		'Add photo',
		'wall-photo-caption',
		'wall-photo-judgement=neutral',
		'Save photos of the wall'
	])
		expect(wallStops).toContain(stop);
	await themes.getByLabel('Theme for note 3').focus();
	await themes.getByLabel('Theme for note 3').selectOption('Communication with parents');
	await page.keyboard.press('Tab');
	await expect(themes.getByRole('button', { name: 'Move note 3' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(noteCard(theme, 'Note 3 (Yellow)')).toBeVisible();
	await expect(ungrouped).toHaveCount(0);
	await themes.getByLabel('Theme for note 3').selectOption('');
	await themes.getByRole('button', { name: 'Move note 3' }).click();
	await expect(noteCard(ungrouped, 'Note 3 (Yellow)')).toBeVisible();

	// Reloaded with no network: the prompt, the notes in their theme and the photo are all there.
	await page.reload();
	await expect(
		page.getByText('Working with parents: what helps, what gets in the way?')
	).toBeVisible();
	await expect(region(page, 'Theme: Communication with parents').getByRole('article')).toHaveCount(
		2
	);
	await expect(noteCard(region(page, 'Not grouped yet'), 'Note 3 (Yellow)')).toHaveCSS(
		'background-color',
		'rgb(255, 244, 168)'
	);
	await expect(
		region(page, 'Photos of the wall').getByRole('img', {
			name: 'Wall photo 1: The whole wall after the staff meeting'
		})
	).toBeVisible();
	await expectNoAxeViolations(page);
	await context.close();
});

test("offline: a data review's indicators, a bad value refused beside its field with nothing typed lost, listed in a table kept after a reload", async ({
	browser,
	baseURL
}) => {
	const { context, page } = await offlineOn(browser, baseURL!, 'review');
	await expect(page.getByText('No indicators recorded yet.')).toBeVisible();
	const form = region(page, 'Add an indicator');
	await form.getByLabel('Indicator', { exact: true }).fill('Staff attendance');
	await expect(form.getByLabel('Unit', { exact: true })).toHaveValue('%');
	await form.getByLabel('Value', { exact: true }).fill('about 94');
	await form.getByLabel('Period', { exact: true }).fill('2025/26 autumn term');
	await form.getByLabel('Note (optional)').fill('Lowest in the week before half term');
	await form.getByRole('radio', { name: 'Area for development' }).check();
	await form.getByRole('button', { name: 'Add indicator' }).click();
	const value = form.getByLabel('Value', { exact: true });
	await expect(value).toHaveAttribute('aria-invalid', 'true');
	await expect(value).toHaveAccessibleDescription(
		'“about 94” is not a number: enter digits, like 94.5'
	);
	await expect(value).toBeFocused();
	await expect(value).toHaveValue('about 94');
	await expect(form.getByLabel('Indicator', { exact: true })).toHaveValue('Staff attendance');
	await expect(form.getByLabel('Note (optional)')).toHaveValue(
		'Lowest in the week before half term'
	);
	await expect(form.getByRole('radio', { name: 'Area for development' })).toBeChecked();
	await expectNoAxeViolations(page);
	await value.fill('94.5');
	await form.getByRole('button', { name: 'Add indicator' }).click();
	await expect(form.getByRole('status')).toHaveText('Staff attendance saved on this tablet.');
	await expect(value).not.toHaveAttribute('aria-invalid');

	await form.getByLabel('Indicator', { exact: true }).fill('Bullying incidents');
	await expect(form.getByLabel('Unit', { exact: true })).toHaveValue('incidents');
	// The period stays for the next figure: a review reads one term at a time.
	await expect(form.getByLabel('Period', { exact: true })).toHaveValue('2025/26 autumn term');
	await form.getByLabel('Value', { exact: true }).fill('3');
	await form.getByRole('button', { name: 'Add indicator' }).click();
	await expect(form.getByRole('status')).toHaveText('Bullying incidents saved on this tablet.');

	const table = page.getByRole('table', { name: 'Indicators of this data review' });
	const expectTable = async () => {
		await expect(table.getByRole('columnheader')).toHaveText([
			'Indicator',
			'Value',
			'Period',
			'Note',
			'Judgement'
		]);
		await expect(table.getByRole('row').nth(1).getByRole('cell')).toHaveText([
			'94.5%',
			'2025/26 autumn term',
			'Lowest in the week before half term',
			'▲ Area for development'
		]);
		await expect(table.getByRole('rowheader')).toHaveText([
			'Staff attendance',
			'Bullying incidents'
		]);
		await expect(table.getByRole('row').nth(2).getByRole('cell')).toHaveText([
			'3 incidents',
			'2025/26 autumn term',
			'',
			'● Neutral'
		]);
	};
	await expectTable();
	await expectNoAxeViolations(page);
	const reviewStops = await tabStops(page);
	for (const stop of [
		'indicator-name',
		'indicator-value',
		'indicator-unit',
		'indicator-period',
		'indicator-note',
		'indicator-judgement=neutral',
		'Add indicator'
	])
		expect(reviewStops).toContain(stop);

	// Reloaded with no network: both figures are still on the tablet.
	await page.reload();
	await expectTable();
	await context.close();
});
