import { createHash } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { goOffline, untilServiceWorkerControls } from './offline-pages';
import { signIn } from './pages';
import { pictureBytes, storedPhotos, withExif } from './photo-pages';
import { adminSession, apiSession, createAdvisor, seedAudit, type Account } from './sync-api';
import { openSync, syncBadge, syncNow } from './sync-pages';

/*
 * Photos on notes (issue 5), taken with no network: resized to 2048 px at most and stripped of
 * EXIF before they are stored, shown on the note, uploaded at the next sync; and the warning
 * before a photo when the tablet is short of space (issue 4).
 */

const MB = 1024 * 1024;

/** An advisor with a seeded audit, signed in on a tablet that has synced it, on the activity. */
async function onActivity(browser: Browser, baseURL: string, name: string, lowOnSpace = false) {
	const account: Account = await createAdvisor(await adminSession(baseURL), name);
	const api = await apiSession(baseURL, account.email, account.password);
	const seeded = await seedAudit(api, account.id, [account.id]);
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
	if (lowOnSpace)
		await context.addInitScript((usage) => {
			const estimate = () => Promise.resolve({ usage, quota: usage + 20 * 1024 * 1024 });
			Object.defineProperty(StorageManager.prototype, 'estimate', { value: estimate });
		}, 900 * MB);
	const page = await context.newPage();
	await signIn(page, account.email, account.password);
	await untilServiceWorkerControls(page);
	await openSync(page);
	await syncNow(page);
	await page.goto(`/audits/${seeded.auditId}/activities/${seeded.activityId}`);
	await expect(
		page.getByRole('heading', { name: 'Learning walk at lunch', level: 1 })
	).toBeVisible();
	return { account, api, context, page, offline: await goOffline(context) };
}

const noteBox = (page: Page) => page.getByLabel('Observation', { exact: true });
const addPhoto = (page: Page) => page.getByLabel('Add photo');

const capture = (page: Page) => page.getByRole('region', { name: 'Capture' });

/** Opens the file chooser with `open` (a tap or a key) and picks `file` in it. */
async function pick(
	page: Page,
	open: () => Promise<void>,
	file: { name: string; mimeType: string; buffer: Buffer }
) {
	const chooser = page.waitForEvent('filechooser');
	await open();
	await (await chooser).setFiles(file);
}

test('offline: a photo with EXIF becomes ≤ 2048 px, upright, EXIF-free, shows on its note and uploads at sync', async ({
	browser,
	baseURL
}) => {
	const { account, api, context, page, offline } = await onActivity(browser, baseURL!, 'Ida');
	const camera = withExif(await pictureBytes(page, 3000, 2000, 'image/jpeg'));
	expect(camera.subarray(6, 12).toString('latin1')).toBe('Exif\0\0');

	const text = 'Worry monster box by the door; pupils post notes to staff.';
	await noteBox(page).fill(text);
	await pick(page, () => addPhoto(page).click(), {
		name: 'IMG_0412.jpg',
		mimeType: 'image/jpeg',
		buffer: camera
	});
	const attached = page.getByRole('img', { name: 'Photo 1 for the note being written' });
	await expect(attached).toBeVisible();
	await expect(page.getByRole('button', { name: 'Remove photo 1' })).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Save observation' }).click();
	const card = page.getByRole('article').filter({ hasText: text });
	await expect(card.getByRole('img', { name: 'Photo 1 of observation 2' })).toBeVisible();
	await expect(card.getByText('Waiting to upload')).toBeVisible();
	await expect(attached).toHaveCount(0);
	await expect(noteBox(page)).toHaveValue('');
	// One note and one photo wait.
	await expect(syncBadge(page)).toHaveAccessibleName('2 changes waiting to sync');

	const [stored] = await storedPhotos(page, account.id);
	// Orientation 6 was applied (3000 × 2000 turned upright), then shrunk to 2048 px at most.
	expect(stored).toMatchObject({ type: 'image/jpeg', width: 1365, height: 2048, uploaded: 0 });
	expect(stored!.appMarkers).not.toContain(0xe1);
	expect(stored!.exifText).toBe(false);
	await expectNoAxeViolations(page);

	await offline.online();
	await openSync(page);
	await syncNow(page);
	await expect(syncBadge(page)).toHaveAccessibleName('All synced');
	const blob = await api.get(`/api/blobs/${stored!.hash}`);
	expect(blob.status()).toBe(200);
	const body = await blob.body();
	expect(body.length).toBe(stored!.size);
	expect(createHash('sha256').update(body).digest('hex')).toBe(stored!.hash);
	await page.goBack();
	await expect(card.getByRole('img', { name: 'Photo 1 of observation 2' })).toBeVisible();
	await expect(card.getByText('Waiting to upload')).toHaveCount(0);

	// The same person's second tablet gets the note, then the photo's bytes, checked by hash.
	const second = await browser.newContext({ viewport: { width: 768, height: 1024 } });
	const other = await second.newPage();
	await signIn(other, account.email, account.password);
	await openSync(other);
	await syncNow(other);
	await other.goto(page.url());
	const there = other.getByRole('article').filter({ hasText: text });
	await expect(there.getByRole('img', { name: 'Photo 1 of observation 2' })).toBeVisible();
	await expect(there.getByText(/Photo not on this tablet yet/)).toHaveCount(0);
	const [fetched] = await storedPhotos(other, account.id);
	expect(fetched).toMatchObject({ hash: stored!.hash, size: stored!.size, uploaded: 1 });
	await expectNoAxeViolations(other);
	await second.close();
	await context.close();
});

test('short of space: the warning comes before the camera and the person can go on; a file that is not a photo is refused, the note kept', async ({
	browser,
	baseURL
}) => {
	const { account, context, page } = await onActivity(browser, baseURL!, 'Jo', true);
	const text = 'Graffiti wall: "I feel safe when…" answers from Year 5.';
	await noteBox(page).fill(text);
	expect((await addPhoto(page).boundingBox())!.height).toBeGreaterThanOrEqual(44);

	let choosers = 0;
	page.on('filechooser', () => choosers++);
	// From the keyboard, as from a tap: the warning first, no camera yet.
	await addPhoto(page).focus();
	await page.keyboard.press('Enter');
	const warning = page.getByRole('status').filter({ hasText: 'Space is short on this tablet' });
	await expect(warning).toBeVisible();
	expect(choosers).toBe(0);
	await expectNoAxeViolations(page);

	const goOn = () => page.getByRole('button', { name: 'Add photo anyway' }).click();
	await pick(page, goOn, { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
	await expect(capture(page).getByRole('alert')).toHaveText(
		'notes.txt is not a photo. Choose a picture.'
	);
	await expect(noteBox(page)).toHaveValue(text);

	const broken = { name: 'IMG_0007.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not JPEG') };
	await pick(page, goOn, broken);
	await expect(capture(page).getByRole('alert')).toContainText(
		'This tablet cannot read that photo'
	);
	await expect(noteBox(page)).toHaveValue(text);

	const small = await pictureBytes(page, 800, 600, 'image/png');
	await pick(page, goOn, { name: 'wall.png', mimeType: 'image/png', buffer: small });
	await expect(page.getByRole('img', { name: 'Photo 1 for the note being written' })).toBeVisible();
	await expect(capture(page).getByRole('alert')).toHaveCount(0);
	// Never enlarged; stored as JPEG even from a PNG.
	expect(await storedPhotos(page, account.id)).toMatchObject([
		{ type: 'image/jpeg', width: 800, height: 600 }
	]);

	// Taken off before the note is saved: gone from the tablet, so it never uploads.
	await page.getByRole('button', { name: 'Remove photo 1' }).click();
	await expect(page.getByRole('img', { name: 'Photo 1 for the note being written' })).toHaveCount(
		0
	);
	await expect.poll(() => storedPhotos(page, account.id)).toEqual([]);
	await expect(noteBox(page)).toHaveValue(text);
	await context.close();
});
