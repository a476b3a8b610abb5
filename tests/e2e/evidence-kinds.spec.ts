import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { kinds, seedEvidenceKinds } from './evidence-kinds-api';
import { openStaffEvidence, syncedTablet } from './evidence-pages';

/*
 * Issue 14, item 4: the Evidence page shows each kind's content on its card, not only the
 * note's words: a data review's figure (name, value, unit, period) even with no note, the guide
 * question an interview note answers, a sticky note's colour (in words too) and theme, and the
 * photo of a wall.
 */

const card = (page: Page, text: string | RegExp) =>
	page.getByRole('region', { name: 'Observations' }).getByRole('article').filter({ hasText: text });

test('each kind of evidence shows its own content on its card', async ({ browser, baseURL }) => {
	const { seeded, context, page } = await syncedTablet(browser, baseURL!, seedEvidenceKinds);
	await openStaffEvidence(page, seeded.title);
	await expect(page.getByRole('status').filter({ hasText: /^Showing/ })).toHaveText(
		'Showing all 5 observations'
	);

	// A figure with no note is its figure, not an empty card.
	const planned = card(page, 'Staff with a training plan: 15');
	await expect(planned).toHaveCount(1);
	await expect(planned).toContainText(kinds.dataReview);
	// A figure with a note shows both, with its unit and period.
	const attendance = card(page, kinds.attendanceNote);
	await expect(attendance).toContainText('Staff attendance: 96.2%');
	await expect(attendance).toContainText('2025/26 autumn term');

	// The interview note says which question of the guide it answers.
	await expect(card(page, kinds.answer)).toContainText(`Question: ${kinds.question}`);
	await expect(card(page, kinds.answer)).not.toContainText(kinds.otherQuestion);

	// A sticky note names its colour in words (colour is never the only cue) and its theme.
	const sticky = card(page, kinds.sticky);
	await expect(sticky).toContainText('Pink sticky note');
	await expect(sticky).toContainText(`Theme: ${kinds.theme}`);

	// The wall's photo is drawn from the tablet's own copy.
	const photo = page
		.getByRole('region', { name: 'Observations' })
		.getByRole('img', { name: `Photo 1 of a note in ${kinds.wall}` });
	await expect(photo).toBeVisible();
	await expect
		.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
		.toBe(8);

	// Search reads a figure's name and a sticky note's theme too.
	const search = page.getByRole('searchbox', { name: 'Search the notes' });
	await search.fill('training plan');
	await expect(page.getByRole('status').filter({ hasText: /^Showing/ })).toHaveText(
		'Showing 1 of 5 observations'
	);
	await search.fill('workload');
	await expect(card(page, kinds.sticky)).toHaveCount(1);
	await search.fill('');
	await expectNoAxeViolations(page);

	await page.setViewportSize({ width: 768, height: 1024 });
	await expect(planned).toBeVisible();
	await expectNoAxeViolations(page);
	await context.close();
});
