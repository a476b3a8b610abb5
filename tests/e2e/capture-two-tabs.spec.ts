import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { planCapture } from './capture-api';
import { signIn } from './pages';
import { adminSession, apiSession, createAdvisor, pulledChanges, seedAudit } from './sync-api';
import { openSync, syncBadge, syncNow } from './sync-pages';

/*
 * Issue 16: a tab writes a new note with the seq and clock it last committed, checked inside the
 * write's own transaction. Two tabs of one tablet capturing in turn (and at once) must still
 * give every change its own seq, with no gap: the server stops at a gap and refuses a seq twice.
 */

async function capture(page: Page, text: string) {
	await page.getByLabel('Observation', { exact: true }).fill(text);
	await page.getByRole('button', { name: 'Save observation' }).click();
	await expect(
		page.getByRole('region', { name: /^Observations/ }).getByText(text, { exact: true })
	).toBeVisible();
}

test('two tabs capturing in turn and at once: every note reaches the server once, no seq twice or skipped', async ({
	page,
	baseURL
}) => {
	const account = await createAdvisor(await adminSession(baseURL!), 'Tove');
	const api = await apiSession(baseURL!, account.email, account.password);
	const seeded = await seedAudit(api, account.id, [account.id]);
	const walkId = await planCapture(api, seeded.auditId, 'learning-walk', 'Walk in two tabs');
	await page.setViewportSize({ width: 1024, height: 768 });
	await signIn(page, account.email, account.password);
	await openSync(page);
	await syncNow(page);

	// Every push either tab makes: none may quarantine a change.
	const pushes: Promise<unknown>[] = [];
	const watch = (tab: Page) =>
		tab.on('response', (r) => {
			if (r.url().endsWith('/api/sync/push')) pushes.push(r.json());
		});
	const other = await page.context().newPage();
	await other.setViewportSize({ width: 1024, height: 768 });
	watch(page);
	watch(other);
	const walk = `/audits/${seeded.auditId}/activities/${walkId}`;
	for (const tab of [page, other]) {
		await tab.goto(walk);
		await expect(tab.getByRole('heading', { name: 'Walk in two tabs', level: 1 })).toBeVisible();
	}

	const texts: string[] = [];
	// In turn: each tab's guess is stale after the other's write.
	for (let i = 0; i < 6; i++) {
		const text = `Note ${i + 1} from tab ${i % 2 === 0 ? 'one' : 'two'}.`;
		texts.push(text);
		await capture(i % 2 === 0 ? page : other, text);
	}
	// Runs in one tab (written ahead), then both tabs saving at the same moment.
	for (const text of ['Run note a.', 'Run note b.', 'Run note c.']) {
		texts.push(text);
		await capture(other, text);
	}
	const together = ['Together from tab one.', 'Together from tab two.'];
	texts.push(...together);
	await Promise.all([capture(page, together[0]!), capture(other, together[1]!)]);

	await openSync(page);
	await syncNow(page);
	await expect(syncBadge(page)).toHaveAccessibleName(/All synced/);
	await expect(syncBadge(other)).toHaveAccessibleName(/All synced/);
	for (const answer of await Promise.all(pushes)) expect(answer).toMatchObject({ quarantined: [] });

	const server = await pulledChanges(api);
	const notes = server.filter(
		(c) => c.type === 'observation' && texts.includes(String(c.fields.text))
	);
	// Every note once, as one record of its own.
	expect(notes.map((c) => c.fields.text).sort()).toEqual([...texts].sort());
	expect(new Set(notes.map((c) => c.recordId)).size).toBe(texts.length);
	// The tablet's seqs: each once, none skipped (both tabs are one device, one clientId).
	const clientId = notes[0]!.clientId;
	expect(notes.every((c) => c.clientId === clientId)).toBe(true);
	const seqs = server
		.filter((c) => c.clientId === clientId)
		.map((c) => c.seq)
		.sort((a, b) => a - b);
	expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
});

test('a tab’s list shows its own note at once and still follows the other tab: edits, deletes, order', async ({
	page,
	baseURL
}) => {
	const account = await createAdvisor(await adminSession(baseURL!), 'Uma');
	const api = await apiSession(baseURL!, account.email, account.password);
	const seeded = await seedAudit(api, account.id, [account.id]);
	const walkId = await planCapture(api, seeded.auditId, 'learning-walk', 'Walk followed');
	await page.setViewportSize({ width: 1024, height: 768 });
	await signIn(page, account.email, account.password);
	await openSync(page);
	await syncNow(page);
	const other = await page.context().newPage();
	await other.setViewportSize({ width: 1024, height: 768 });
	for (const tab of [page, other]) {
		await tab.goto(`/audits/${seeded.auditId}/activities/${walkId}`);
		await expect(tab.getByRole('heading', { name: 'Walk followed', level: 1 })).toBeVisible();
	}
	const cards = (tab: Page) =>
		tab.getByRole('region', { name: /^Observations/ }).getByRole('article');

	await capture(page, 'First note.');
	await expect(cards(other)).toHaveCount(1);
	// The other tab corrects it; this tab saves its next note straight after.
	const first = cards(other).first();
	await first.getByRole('button', { name: 'Edit note' }).click();
	await first.getByLabel('Note', { exact: true }).fill('First note, corrected in tab two.');
	await first.getByRole('button', { name: 'Save', exact: true }).click();
	await capture(page, 'Second note.');

	// Newest first, numbered in the order taken, the correction shown, nothing twice.
	await expect(cards(page)).toHaveCount(2);
	await expect(cards(page).nth(0)).toContainText('Second note.');
	await expect(cards(page).nth(0).getByRole('heading')).toHaveText('Observation 2');
	await expect(cards(page).nth(1)).toContainText('First note, corrected in tab two.');
	await expect(cards(page).nth(1).getByRole('heading')).toHaveText('Observation 1');
	await expect(page.getByRole('heading', { name: 'Observations (2)' })).toBeVisible();

	// Deleted in the other tab: gone here too.
	await expect(cards(other)).toHaveCount(2);
	await cards(other)
		.filter({ hasText: 'Second note.' })
		.getByRole('button', { name: 'Delete note' })
		.click();
	await expect(cards(page)).toHaveCount(1);
	await expect(page.getByText('Second note.', { exact: true })).toHaveCount(0);
	await expectNoAxeViolations(page);
});
