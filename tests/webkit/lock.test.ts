import { beforeAll, expect, test } from 'vitest';
import { imhars } from '../../src/lib/framework';
import { createAdvisor, newId, push, schoolWithAudit } from './app';
import { expectNoAxeViolations } from './axe';
import {
	lockHeading,
	openActivity,
	openSync,
	Page,
	signIn,
	syncNow,
	TEST_PASSPHRASE,
	unlock
} from './pages';
import { webkitSession } from './session';

/*
 * The device lock (issue 13) in WebKit, where CryptoKeys, IndexedDB and the drafts they seal
 * behave as on an iPad: "Lock now" hides the note being typed, a wrong passphrase is refused
 * and said to be wrong, the right one brings the typed text back; after a reload (the key gone
 * from memory) the text comes back from its sealed draft.
 */

const session = webkitSession();
let page: Page;
beforeAll(() => {
	page = session.page;
});

const walk = 'Learning walk at break';
const prompt = imhars.components
	.find((c) => c.id === 'vision-values')!
	.prompts.find((p) => p.activityKind === 'learning-walk')!;

test('Lock now in WebKit: a wrong passphrase is said to be wrong, the right one brings back what was typed', async () => {
	const kim = await createAdvisor(session.app.api(), 'Kim');
	const [schoolId, auditId] = [newId(), newId()];
	const title = `Lock audit ${auditId.slice(-4)}`;
	await push(kim.api, [
		...schoolWithAudit(
			{ schoolId, auditId },
			{ name: 'Barnsbury Primary', urn: '100003', localAuthority: 'Islington' },
			{ title, lead: kim.id, members: [kim.id], stage: 2, componentIds: ['vision-values'] }
		),
		{
			type: 'activity',
			recordId: newId(),
			scope: auditId,
			fields: {
				componentId: 'vision-values',
				promptId: prompt.id,
				kind: 'learning-walk',
				title: walk,
				status: 'in-progress',
				plannedStart: null,
				location: 'Playground',
				deleted: false
			}
		}
	]);
	await signIn(page, kim.email, kim.password);
	await openSync(page);
	await syncNow(page);
	await openActivity(page, title, walk);

	const typed = 'Half a thought about the buddy bench';
	const box = page.getByLabel('Observation');
	await box.fill(typed);
	await page.getByText('Draft kept on this tablet.').toBeVisible();
	await page.getByRole('button', { name: 'Lock now' }).click();
	await lockHeading(page).toBeVisible();
	await box.toHaveCount(0);
	await page.getByRole('navigation', { name: 'Main' }).toHaveCount(0);
	await expectNoAxeViolations(page);

	await page.getByLabel('Passphrase').fill('not the passphrase');
	await page.getByRole('button', { name: 'Unlock' }).click();
	await page.getByRole('alert').toContainText('That passphrase is not the one for this tablet.');
	await lockHeading(page).toBeVisible();
	await unlock(page, TEST_PASSPHRASE);
	expect(await box.value()).toBe(typed);

	// A reload drops the key; the text comes back from the draft sealed on the device.
	await page.reloadToLockScreen();
	await lockHeading(page).toBeVisible();
	await unlock(page);
	await page.getByRole('heading', { name: walk, level: 1 }).toBeVisible();
	await page.waitFor(
		`return document.querySelector('textarea')?.value === ${JSON.stringify(typed)}`,
		'the typed note to come back from its draft'
	);
	await page.getByRole('button', { name: 'Save observation' }).click();
	await page.getByRole('article').getByText(typed).toBeVisible();
});
