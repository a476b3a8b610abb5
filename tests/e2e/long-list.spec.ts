import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import { expectNoAxeViolations } from './axe';
import { signIn } from './pages';
import { adminSession, apiSession, createAdvisor, seedAudit } from './sync-api';
import { openSync, syncNow } from './sync-pages';

/*
 * A long walk: an activity with 70 notes draws the newest 50 first (so a save never waits for
 * hundreds of cards to be drawn again), and the rest are one tap away, numbered as taken.
 */

test('an activity with 70 notes shows the newest 50, newest first, and the other 20 on a tap', async ({
	browser,
	baseURL
}) => {
	const vic = await createAdvisor(await adminSession(baseURL!), 'Vic');
	const api = await apiSession(baseURL!, vic.email, vic.password);
	const seeded = await seedAudit(api, vic.id, [vic.id]);
	const clientId = randomBytes(8).toString('hex');
	const start = Date.now() - 70 * 60_000;
	const changes = Array.from({ length: 69 }, (_, i) => ({
		clientId,
		seq: i + 1,
		type: 'observation',
		recordId: uuidv7(),
		scope: seeded.auditId,
		fields: {
			activityId: seeded.activityId,
			componentId: 'c1',
			text: `Walk note ${i + 1}`,
			practiceIds: [],
			judgement: 'neutral',
			capturedAt: new Date(start + i * 60_000).toISOString(),
			location: null,
			photoHashes: [],
			deleted: false
		},
		hlc: `${new Date().toISOString()}-${i.toString(16).padStart(4, '0')}-${clientId}`,
		base: null
	}));
	const push = await api.post('/api/sync/push', { data: { protocol: 1, clientId, changes } });
	expect((await push.json()).lastProcessedSeq).toBe(69);

	const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
	const page = await context.newPage();
	await signIn(page, vic.email, vic.password);
	await openSync(page);
	await syncNow(page);
	await page.goto(`/audits/${seeded.auditId}/activities/${seeded.activityId}`);
	await expect(page.getByRole('heading', { name: 'Observations (70)' })).toBeVisible();
	const cards = page.getByRole('article');
	await expect(cards).toHaveCount(50);
	// The seeded note was taken last (now); the pushed ones in the hour before.
	await expect(cards.first()).toContainText(seeded.text);
	await expect(cards.first().getByRole('heading')).toHaveText(/^Observation 70\b/);
	await expect(cards.nth(1)).toContainText('Walk note 69');
	await expect(cards.nth(1).getByRole('heading')).toHaveText('Observation 69');
	await expect(cards.last().getByRole('heading')).toHaveText('Observation 21');
	const more = page.getByRole('button', { name: 'Show 20 earlier observations (20 not shown)' });
	await expectNoAxeViolations(page);

	await more.click();
	await expect(cards).toHaveCount(70);
	await expect(cards.last().getByRole('heading')).toHaveText('Observation 1');
	await expect(cards.last()).toContainText('Walk note 1');
	await expect(more).toHaveCount(0);
	await context.close();
});
