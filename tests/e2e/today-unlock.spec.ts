import { expect, test } from '@playwright/test';
import { goOffline, untilServiceWorkerControls } from './offline-pages';
import { signIn, stopAutoUnlock, unlock } from './pages';
import { adminSession, apiSession, createAdvisor, seedAudit } from './sync-api';
import { openSync, syncBadge, syncNow } from './sync-pages';

/*
 * The unlock shows Today's activity under way first (issue 16: unlock_ms). What waits in the
 * outbox is sealed: counting it (Today's "Waiting to sync") and the first sync's push open every
 * change they read, and the plan's few rows queued behind those. Neither reads the outbox now
 * before the plan is on screen; both still happen.
 */

/** Each read of the outbox's rows (not a count), with whether `title` was on screen then. */
function watchOutboxReads(title: string) {
	const reads: boolean[] = [];
	Object.assign(globalThis, { __outboxReads: reads });
	const shown = () =>
		Array.from(document.querySelectorAll('main')).some((m) => m.textContent?.includes(title));
	for (const kind of [IDBObjectStore, IDBIndex]) {
		for (const name of ['get', 'getAll', 'openCursor'] as const) {
			const original = kind.prototype[name] as (...args: unknown[]) => IDBRequest;
			kind.prototype[name] = function (this: IDBObjectStore | IDBIndex, ...args: unknown[]) {
				const store = this instanceof IDBIndex ? this.objectStore : this;
				if (store.name === 'outbox') reads.push(shown());
				return original.apply(this, args);
			} as never;
		}
	}
}

test('at the unlock, the activity under way shows before anything waiting in the outbox is opened', async ({
	browser,
	baseURL
}) => {
	const account = await createAdvisor(await adminSession(baseURL!), 'Una');
	const api = await apiSession(baseURL!, account.email, account.password);
	const seeded = await seedAudit(api, account.id, [account.id]);
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
	const page = await context.newPage();
	await signIn(page, account.email, account.password);
	await stopAutoUnlock(page);
	await untilServiceWorkerControls(page);
	await openSync(page);
	await syncNow(page);
	await page.goto(`/audits/${seeded.auditId}/activities/${seeded.activityId}`);
	await unlock(page);

	// A note written offline waits in the outbox.
	const offline = await goOffline(context);
	await page.getByLabel('Observation', { exact: true }).fill('Queue moves calmly at lunch');
	await page.getByRole('button', { name: 'Save observation' }).click();
	await expect(syncBadge(page)).toHaveAccessibleName('1 change waiting to sync');
	await offline.online();

	await page.addInitScript(watchOutboxReads, 'Learning walk at lunch');
	await page.goto('/');
	await unlock(page);
	await expect(page.getByRole('region', { name: 'Now' })).toContainText('Learning walk at lunch');
	// Counted, and pushed by the first sync, once the plan is drawn.
	await expect(syncBadge(page)).toHaveAccessibleName('All synced');
	await expect(page.getByText('Nothing waits on this tablet.')).toBeVisible();
	const reads = await page.evaluate(
		() => (globalThis as { __outboxReads?: boolean[] }).__outboxReads
	);
	expect(reads?.length).toBeGreaterThan(0);
	expect(reads).not.toContain(false);
	await context.close();
});
