import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { demoRecords } from '../../scripts/demo-data.js';
import { imhars } from '../../src/lib/framework';
import { expectNoAxeViolations } from './axe';
import { signIn } from './pages';
import { adminSession, apiSession, createAdvisor } from './sync-api';
import { openAudit, openSync, syncNow } from './sync-pages';

/*
 * Issue 14, item 8: on the demo's audit (two components, fifteen activities, about fifty notes)
 * the audit page listed every note and was 21 screens tall (15,919 px at 1024 × 768); the back
 * link was 20 px tall; every judgement tag had the same colour. Now it shows the stages, each
 * component's checklist with how its notes lean and links to them, and the activities.
 */

const vision = imhars.components.find((c) => c.id === 'vision-values')!;

/** Every tap target on the page narrower or shorter than 44 px (a checkbox's target is its label). */
function smallTargets(page: Page) {
	return page.evaluate(() => {
		const selector = 'a[href], button, select, textarea, input, summary';
		return (
			[...document.querySelectorAll<HTMLElement>(selector)]
				.map((el) => {
					const box = el.matches('input[type=checkbox], input[type=radio]')
						? el.closest('label')
						: el;
					const r = (box ?? el).getBoundingClientRect();
					return { name: (el.textContent || el.getAttribute('aria-label') || el.id).trim(), r };
				})
				// Drawn on the page (not in a closed section, not the skip link parked off screen).
				.filter(({ r }) => r.width > 0 && r.height > 0 && r.right > 0)
				.filter(({ r }) => r.width < 44 || r.height < 44)
				.map(
					({ name, r }) => `${name.slice(0, 40)}: ${Math.round(r.width)}×${Math.round(r.height)}`
				)
		);
	});
}

test('the demo audit’s page is a few screens tall, every target 44 px, judgements told apart', async ({
	browser,
	baseURL
}) => {
	const admin = await adminSession(baseURL!);
	const dana = await createAdvisor(admin, 'Dana');
	const sam = await createAdvisor(admin, 'Sam');
	const api = await apiSession(baseURL!, dana.email, dana.password);
	const framework = await (await api.get('/api/framework')).json();
	const { records } = demoRecords(framework, dana.id, sam.id, Date.now());
	const clientId = randomBytes(8).toString('hex');
	const wall = new Date().toISOString();
	const changes = records.map((r, i) => ({
		clientId,
		seq: i + 1,
		...r,
		hlc: `${wall}-${i.toString(16).padStart(4, '0')}-${clientId}`,
		base: null
	}));
	for (let i = 0; i < changes.length; i += 200) {
		const push = await api.post('/api/sync/push', {
			data: { protocol: 1, clientId, changes: changes.slice(i, i + 200) }
		});
		expect((await push.json()).quarantined).toEqual([]);
	}
	const visionNotes = records.filter(
		(r) => r.type === 'observation' && r.fields.componentId === vision.id
	);
	const count = (judgement: string) =>
		visionNotes.filter((r) => r.fields.judgement === judgement).length;

	const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
	const page = await context.newPage();
	await signIn(page, dana.email, dana.password);
	await openSync(page);
	await syncNow(page);
	await openAudit(page, 'Autumn 2026 audit');
	const components = page.getByRole('region', { name: 'Components: checklists and evidence' });
	await expect(components.getByText(`${visionNotes.length} notes`, { exact: true })).toBeVisible();

	// No note is listed: the page is at most five screens, not 21 (4.6 when this was written).
	await expect(page.getByText(String(visionNotes[0]!.fields.text))).toHaveCount(0);
	const height = await page.evaluate(() => document.documentElement.scrollHeight);
	expect(height).toBeLessThanOrEqual(5 * 768);

	expect(await smallTargets(page)).toEqual([]);
	const back = await page.getByRole('link', { name: 'Hartwell Primary School' }).boundingBox();
	expect(back!.height).toBeGreaterThanOrEqual(44);

	// Each judgement has its own colour, its own mark and its word, and the counts are right.
	const tally = components.getByRole('list', {
		name: `Judgements of the notes on ${vision.shortTitle}`
	});
	await expect(tally.getByRole('listitem')).toHaveText([
		`✓ Strength ${count('strength')}`,
		`▲ Area for development ${count('development')}`,
		`● Neutral ${count('neutral')}`
	]);
	const colours = await tally
		.locator('[data-judgement]')
		.evaluateAll((tags) =>
			tags.map((t) => `${getComputedStyle(t).backgroundColor} ${getComputedStyle(t).color}`)
		);
	expect(new Set(colours).size).toBe(3);
	await expectNoAxeViolations(page);

	// The notes are one tap away, on the evidence page and on each activity's page, in the same tags.
	await components
		.getByRole('link', { name: `Evidence and coverage: ${vision.shortTitle}` })
		.click();
	await expect(page.getByRole('heading', { name: `Evidence: ${vision.title}` })).toBeVisible();
	await expect(page.locator('[data-judgement="development"]').first()).toHaveText(
		'▲ Area for development'
	);
	await page.goBack();
	await page.getByRole('link', { name: 'Learning walk: interactions' }).first().click();
	const firstNote = page.getByRole('article').filter({ hasText: 'Head greets families' });
	await expect(firstNote.locator('[data-judgement]')).toHaveText('✓ Strength');
	await context.close();
});
