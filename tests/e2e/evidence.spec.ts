import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { decisions, notes, seedEvidence, training, wellbeing } from './evidence-api';
import { openStaffEvidence, syncedTablet } from './evidence-pages';

/*
 * The Evidence page of one component: the practices × kinds coverage grid, and the observations
 * narrowed by activity, practice, judgement and search, all read from the tablet after a sync.
 */

const grid = (page: Page) =>
	page.getByRole('region', { name: /^Coverage of Staff/ }).getByRole('table');

/** A practice's row of the grid: the counts under Survey, Interview, Focus group, Data review, Total. */
const counts = (page: Page, practice: string) =>
	grid(page)
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name: practice }) })
		.getByRole('cell');

const status = (page: Page) => page.getByRole('status').filter({ hasText: /^Showing/ });
const shownNotes = (page: Page) =>
	page.getByRole('region', { name: 'Observations' }).getByRole('article');

test('the evidence page counts coverage per practice and kind, and filters the notes', async ({
	browser,
	baseURL
}) => {
	const { seeded: audit, context, page } = await syncedTablet(browser, baseURL!, seedEvidence);
	await openStaffEvidence(page, audit.title);

	// Columns: the kinds the Staff prompts ask for, in catalogue order, then the total.
	await expect(grid(page).getByRole('columnheader')).toHaveText([
		'Supporting practice',
		'Survey',
		'Interview',
		'Focus group',
		'Data review',
		'Total'
	]);
	await expect(counts(page, wellbeing.text)).toHaveText(['2', '1', '0', '0', '3']);
	await expect(counts(page, training.text)).toHaveText(['0', '1', '0', '0', '1']);
	await expect(counts(page, 'Not tagged with a practice')).toHaveText(['0', '1', '0', '0', '1']);
	await expect(grid(page).getByRole('rowheader', { name: decisions.text })).toContainText(
		'No evidence yet'
	);
	await expect(grid(page).getByRole('rowheader', { name: wellbeing.text })).not.toContainText(
		'No evidence yet'
	);
	await expect(page.getByText('5 of 7 supporting practices have no evidence yet.')).toBeVisible();
	await expect(status(page)).toHaveText('Showing all 4 observations');
	await expectNoAxeViolations(page);

	// Each filter narrows the list, and the count says so.
	const judgement = page.getByRole('combobox', { name: 'Judgement' });
	await judgement.selectOption({ label: 'Area for development' });
	await expect(status(page)).toHaveText('Showing 1 of 4 observations');
	await expect(shownNotes(page)).toHaveCount(1);
	await expect(shownNotes(page)).toContainText(notes.cancelled);
	await judgement.selectOption({ label: 'All judgements' });

	const activity = page.getByRole('combobox', { name: 'Activity' });
	await activity.selectOption({ label: `${audit.survey} (Survey)` });
	await expect(status(page)).toHaveText('Showing 2 of 4 observations');
	await expect(shownNotes(page).getByText(notes.noticed)).toBeVisible();
	await expect(shownNotes(page).getByText(notes.skipped)).toBeVisible();
	await activity.selectOption({ label: 'All activities' });

	const practice = page.getByRole('combobox', { name: 'Supporting practice' });
	await practice.selectOption({ label: training.text });
	await expect(status(page)).toHaveText('Showing 1 of 4 observations');
	await practice.selectOption({ label: 'All practices' });

	// Search reads the note and its place, in any case; it combines with the other filters.
	const search = page.getByRole('searchbox', { name: 'Search the notes' });
	await search.fill('STAFF ROOM');
	await expect(status(page)).toHaveText('Showing 2 of 4 observations');
	await judgement.selectOption({ label: 'Strength' });
	await expect(status(page)).toHaveText('Showing 1 of 4 observations');
	await expect(shownNotes(page)).toContainText(notes.caretaker);
	await search.fill('nothing like this');
	await expect(status(page)).toHaveText('Showing 0 of 4 observations');
	await expect(page.getByText('No observations match these filters.')).toBeVisible();
	await expectNoAxeViolations(page);
	await search.fill('');
	await judgement.selectOption({ label: 'All judgements' });
	await expect(status(page)).toHaveText('Showing all 4 observations');

	// The keyboard reaches every control in order, the grid's scrolling region first.
	await page.getByRole('link', { name: audit.title }).focus();
	for (const control of [
		page.getByRole('region', { name: /^Coverage of Staff/ }),
		activity,
		practice,
		judgement,
		search,
		shownNotes(page).first().getByRole('link')
	]) {
		await page.keyboard.press('Tab');
		await expect(control).toBeFocused();
	}

	// Portrait: the page does not scroll sideways; only the grid's own region may.
	await page.setViewportSize({ width: 768, height: 1024 });
	await expect(grid(page)).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
		true
	);
	await expectNoAxeViolations(page);
	await context.close();
});
