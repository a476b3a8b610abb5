import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { signIn } from './pages';
import { midMorningZone, planVisit } from './plan-api';
import { adminSession, apiSession, createAdvisor, seedAudit } from './sync-api';

/*
 * The visit in progress (issue 5): Today opens on the activity under way, one tap from capture,
 * with what is left of the day; the Plan page lays the visit out as Day 1, Day 2.
 */

const viewports = [
	{ name: 'landscape', width: 1024, height: 768 },
	{ name: 'portrait', width: 768, height: 1024 }
];

for (const viewport of viewports) {
	test(`Today opens on the activity under way and the plan shows the visit by day (${viewport.name})`, async ({
		browser,
		baseURL
	}) => {
		const now = Date.now();
		const account = await createAdvisor(await adminSession(baseURL!), 'Tess');
		const api = await apiSession(baseURL!, account.email, account.password);
		const audit = await seedAudit(api, account.id, [account.id]);
		// The seeded activity is in progress: mark it done, so the clock decides what is current.
		await planVisit(
			api,
			audit.auditId,
			now,
			[
				{ title: 'Staff interview', minutes: -20, location: 'Staff room' },
				{ title: 'Graffiti wall set-up', minutes: -5, location: 'Hall', status: 'done' },
				{ title: 'Pupil focus group', minutes: 40, location: 'Library', kind: 'focus-group' },
				{ title: 'Year 5 lesson', minutes: 150, location: 'Room 5', kind: 'lesson-observation' },
				{ title: 'Second-day walk', minutes: 24 * 60, location: 'Playground' },
				{ title: 'Attendance data', minutes: null, location: 'Office', kind: 'data-review' }
			],
			[audit.activityId]
		);

		// The tablet's zone puts the test's now at mid-morning, whatever the hour of the run.
		const context = await browser.newContext({
			viewport,
			timezoneId: midMorningZone(now),
			locale: 'en-GB'
		});
		const page = await context.newPage();
		await signIn(page, account.email, account.password);
		await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();

		// The first sync brings the plan: the interview started 20 minutes ago and is not done.
		const current = page.getByRole('region', { name: 'Now' });
		await expect(current).toContainText('Staff interview');
		await expect(current).toContainText('Staff room');
		await expect(current).toContainText(audit.title);
		const left = page.getByRole('table', { name: 'Activities left today' });
		await expect(left.getByRole('link')).toHaveText(['Pupil focus group', 'Year 5 lesson']);
		await expect(page.getByRole('heading', { name: 'Waiting to sync' })).toBeVisible();
		await expect(page.getByText('Nothing waits on this tablet.')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'No visit in progress' })).toHaveCount(0);
		await expectNoAxeViolations(page);

		const capture = current.getByRole('link', { name: 'Capture' });
		const box = await capture.boundingBox();
		expect(box?.height).toBeGreaterThanOrEqual(44);
		expect(box?.width).toBeGreaterThanOrEqual(44);
		await capture.click();
		await expect(page.getByRole('heading', { name: 'Staff interview', level: 1 })).toBeVisible();

		// The plan, from the audit page: two days in order, each split at noon, loose ones apart.
		await page.goto(`/audits/${audit.auditId}`);
		await page.getByRole('link', { name: 'Visit plan' }).click();
		await expect(page.getByRole('heading', { name: 'Visit plan', level: 1 })).toBeVisible();
		await expect(page.getByRole('heading', { level: 2 })).toHaveText([
			/^Day 1 \S/,
			/^Day 2 \S/,
			'No time set'
		]);
		const slot = (name: string) => page.getByRole('table', { name }).getByRole('link');
		await expect(slot('Day 1, morning')).toHaveText([
			'Staff interview',
			'Graffiti wall set-up',
			'Pupil focus group'
		]);
		await expect(slot('Day 1, afternoon')).toHaveText(['Year 5 lesson']);
		await expect(slot('Day 2, morning')).toHaveText(['Second-day walk']);
		await expect(page.getByRole('table', { name: 'Day 2, afternoon' })).toHaveCount(0);
		await expect(slot('Activities with no time set')).toHaveText([
			'Learning walk at lunch',
			'Attendance data'
		]);
		await expect(
			page.getByRole('row').filter({ hasText: 'Graffiti wall set-up' }).getByRole('cell').nth(4)
		).toHaveText('Done');
		await expectNoAxeViolations(page);

		await slot('Day 2, morning').click();
		await expect(page.getByRole('heading', { name: 'Second-day walk', level: 1 })).toBeVisible();
		await context.close();
	});
}

test('Today keeps its empty state when nothing is planned', async ({ page, baseURL }) => {
	const account = await createAdvisor(await adminSession(baseURL!), 'Nell');
	await signIn(page, account.email, account.password);
	await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'No visit in progress' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Capture' })).toHaveCount(0);
	await expectNoAxeViolations(page);
});
