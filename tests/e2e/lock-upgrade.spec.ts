import { expect, test } from '@playwright/test';
import { goOffline, untilServiceWorkerControls } from './offline-pages';
import { TEST_PASSPHRASE, unlock } from './pages';
import { holdTable, plainDevice, sealedCounts, storeOldVersion } from './plain-device';
import { adminSession, apiSession, createAdvisor, seedAudit } from './sync-api';
import { openSync, syncBadge, syncNow } from './sync-pages';

/*
 * Issue 13's upgrade: a tablet holding plain rows from the version before encryption seals them
 * in place at its first unlock. A reload halfway through that pass loses nothing: the next
 * unlock (offline here) finishes it, every note and the half-typed draft are there, and the
 * changes that waited sync once each.
 */

const NOTES = 450;

test('a reload halfway through sealing an old tablet’s plain notes loses nothing, and the next unlock finishes the pass', async ({
	page,
	baseURL
}) => {
	const una = await createAdvisor(await adminSession(baseURL!), 'Una');
	const api = await apiSession(baseURL!, una.email, una.password);
	const seeded = await seedAudit(api, una.id, [una.id]);
	const notes = Array.from({ length: NOTES }, (_, i) => `Written before the update, note ${i + 1}`);
	const draft = 'Half a sentence typed before the update';
	const old = await plainDevice(api, una.id, seeded.activityId, notes, draft);
	const rows = old.records.length + old.outbox.length;

	// The old version's store, then the sign-in of the new version on the same tablet.
	await page.goto('/login');
	await storeOldVersion(page, una.id, old);
	await page.getByLabel('E-mail').fill(una.email);
	await page.getByLabel('Password').fill(una.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(
		page.getByRole('heading', { name: 'Choose a passphrase for this tablet' })
	).toBeVisible();
	await untilServiceWorkerControls(page);

	// The pass seals records and the outbox, then waits on the drafts; the tablet is reloaded.
	await holdTable(page, una.id, 'drafts');
	await page.getByLabel('New passphrase', { exact: true }).fill(TEST_PASSPHRASE);
	await page.getByLabel('New passphrase again').fill(TEST_PASSPHRASE);
	await page.getByRole('button', { name: 'Save passphrase' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Encrypting' })).toHaveText(
		`Encrypting this tablet’s notes… ${rows} done.`,
		{ timeout: 60_000 } // two PBKDF2 derivations and 900 rows sealed, on a busy machine
	);
	const offline = await goOffline(page.context());
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Fieldbook is locked' })).toBeVisible();
	const halfway = await sealedCounts(page, una.id);
	expect(halfway.records).toEqual({ sealed: old.records.length, clear: 0 });
	expect(halfway.drafts).toEqual({ sealed: 0, clear: 1 });

	// The next unlock, offline, finishes the pass: nothing is lost, nothing left in the clear.
	await unlock(page);
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
	await expect(syncBadge(page)).toHaveAccessibleName(`${NOTES} changes waiting to sync`);
	await page.goto(`/audits/${seeded.auditId}/activities/${seeded.activityId}`);
	await unlock(page);
	await expect(page.getByRole('heading', { name: `Observations (${NOTES + 1})` })).toBeVisible();
	await expect(page.getByText(notes.at(-1)!, { exact: true })).toBeVisible();
	await expect(page.getByLabel('Observation', { exact: true })).toHaveValue(draft);
	const after = await sealedCounts(page, una.id);
	for (const table of ['records', 'outbox', 'drafts'])
		expect(after[table], table).toEqual({
			sealed: halfway[table]!.sealed + halfway[table]!.clear,
			clear: 0
		});

	// The draft is finished as a note; online again, every note that waited reaches the server, once.
	await page.getByRole('button', { name: 'Save observation' }).click();
	await expect(page.getByRole('heading', { name: `Observations (${NOTES + 2})` })).toBeVisible();
	await offline.online();
	await openSync(page);
	await syncNow(page);
	await expect(syncBadge(page)).toHaveAccessibleName('All synced');
	const onServer: string[] = [];
	let since = '';
	for (;;) {
		const answer = await api.get(
			`/api/sync/pull?limit=500${since && `&since=${encodeURIComponent(since)}`}`
		);
		const body = await answer.json();
		for (const change of body.changes)
			if (change.type === 'observation' && change.fields.text !== seeded.text)
				onServer.push(change.fields.text);
		if (!body.more) break;
		since = body.cursor;
	}
	expect(onServer.sort()).toEqual([...notes, draft].sort());
});
