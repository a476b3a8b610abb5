import { resolve } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { imhars } from '../../src/lib/framework';
import { createAdvisor, newId, push, serverRecords, type Account, schoolWithAudit } from './app';
import { expectNoAxeViolations } from './axe';
import {
	nav,
	openActivity,
	openAudit,
	openSync,
	Page,
	signIn,
	syncBadge,
	syncNow,
	untilServiceWorkerControls
} from './pages';
import type { Locator } from './locator';
import { webkitSession } from './session';

/*
 * The core of an advisor's day in WebKit, the iPad's engine: sign in, capture on a learning
 * walk (with a photo), under an interview question and on a graffiti wall, sync, receive a
 * colleague's note, then lose the server: reload, reopen every screen, capture more, and sync
 * when it is back. The server must end with every note exactly once.
 */

const photo = resolve(import.meta.dirname, 'fixtures/photo.jpg');
const component = (id: string) => imhars.components.find((c) => c.id === id)!;
const prompt = (componentId: string, kind: string) =>
	component(componentId).prompts.find((p) => p.activityKind === kind)!;
const activities = [
	{ title: 'Learning walk at lunch', prompt: prompt('vision-values', 'learning-walk') },
	{ title: 'Staff interview', prompt: prompt('staff', 'interview') },
	{ title: 'Staff graffiti wall', prompt: prompt('parents', 'graffiti-wall') }
];
const [walk, interview, wall] = activities.map((a) => a.title) as [string, string, string];

const session = webkitSession();
let page: Page;
beforeAll(() => {
	page = session.page;
});

/** A school and an audit led by Ann, Bob a member, with the day's three activities planned. */
async function seedDay(ann: Account, bob: Account) {
	const [schoolId, auditId] = [newId(), newId()];
	const title = `Hartwell audit ${auditId.slice(-4)}`;
	const ids = activities.map(() => newId());
	await push(ann.api, [
		...schoolWithAudit(
			{ schoolId, auditId },
			{ name: 'Hartwell Primary', urn: '100654', localAuthority: 'Islington' },
			{
				title,
				lead: ann.id,
				members: [ann.id, bob.id],
				stage: 3,
				componentIds: ['vision-values', 'staff', 'parents']
			}
		),
		...activities.map((a, i) => ({
			type: 'activity',
			recordId: ids[i]!,
			scope: auditId,
			fields: {
				componentId: a.prompt.id.split('.')[0],
				promptId: a.prompt.id,
				kind: a.prompt.activityKind,
				title: a.title,
				status: 'in-progress',
				plannedStart: null,
				location: 'School',
				deleted: false
			}
		}))
	]);
	return { auditId, title, walkId: ids[0]! };
}

const article = (scope: Page | Locator, name: string | RegExp) =>
	scope.getByRole('article', { name });
const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });

async function walkNote(text: string, withPhoto: boolean) {
	await page.getByLabel('Observation').fill(text);
	await page
		.getByRole('group', { name: 'Place' })
		.getByRole('radio', { name: 'Playground' })
		.check();
	await page
		.getByRole('group', { name: 'Judgement' })
		.getByRole('radio', { name: 'Strength' })
		.check();
	if (withPhoto) {
		await page.getByLabel('Add photo').setInputFile(photo);
		await page.getByRole('img', { name: 'Photo 1 for the note being written' }).toBeVisible();
	}
	await page.getByRole('button', { name: 'Save observation' }).click();
	await page.getByRole('article').getByText(text).toBeVisible();
}

/** A note under question 2 (the form waits under question 1 until another is chosen). */
async function questionNote(n: number, text: string) {
	const q = page.getByRole('region', { name: /^Question 2: / });
	await q.getByRole('button', { name: 'Add a note to question 2' }).click();
	await q.getByLabel('Note on question 2').fill(text);
	await q.getByRole('button', { name: 'Save note' }).click();
	await article(q, `Note ${n} on question 2`).toContainText(text);
}

async function stickyNote(n: number, text: string) {
	const sticky = page.getByRole('region', { name: /^Sticky notes/ });
	await sticky.getByLabel('Sticky note').fill(text);
	await sticky.getByRole('radio', { name: 'Yellow' }).check();
	await sticky.getByRole('button', { name: 'Add sticky note' }).click();
	await article(page, `Note ${n} (Yellow)`).toContainText(text);
}

test('a day in WebKit: capture with a photo, sync, a colleague’s note, the server lost and back, every note on the server once', async () => {
	const ann = await createAdvisor(session.app.api(), 'Ann');
	const bob = await createAdvisor(session.app.api(), 'Bob');
	const day = await seedDay(ann, bob);

	await signIn(page, ann.email, ann.password);
	await untilServiceWorkerControls(page);
	await openSync(page);
	await syncNow(page);

	// Capture on the three screens; each note shows at once.
	const notes = {
		walk: 'Staff greet every pupil by name at the dining hall door.',
		question: 'I know exactly who to go to when a child is upset.',
		sticky: 'Coffee mornings bring in parents who never came before',
		bob: 'Bob: quiet room used well at lunchtime.',
		walk2: 'Written offline: pupils queue calmly for the playground.',
		question2: 'Offline: the wellbeing lead meets new staff in their first week.',
		sticky2: 'Offline: reports home are hard for some families to read'
	};
	await openActivity(page, day.title, walk);
	await walkNote(notes.walk, true);
	const firstCard = article(page, /^Observation/).getByText(notes.walk);
	await firstCard.toBeVisible();
	await page.getByRole('img', { name: 'Photo 1 of observation 1' }).toBeVisible();
	await expectNoAxeViolations(page);

	await openActivity(page, day.title, interview);
	await page.getByRole('button', { name: 'Start the guide from the prompt' }).click();
	await page.getByRole('button', { name: 'Save guide' }).click();
	await status(page, 'Question guide saved on this tablet.').toBeVisible();
	await questionNote(1, notes.question);
	await expectNoAxeViolations(page);

	await openActivity(page, day.title, wall);
	await stickyNote(1, notes.sticky);
	await expectNoAxeViolations(page);

	// Sync: everything goes up, and Bob's note, pushed from his tablet, comes down.
	await openSync(page);
	await syncNow(page);
	await page.getByText('Everything is on the server.').toBeVisible();
	await expectNoAxeViolations(page);
	expect(await syncBadge(page).text()).toBe('All synced');
	await push(bob.api, [
		{
			type: 'observation',
			recordId: newId(),
			scope: day.auditId,
			fields: {
				activityId: day.walkId,
				componentId: 'vision-values',
				text: notes.bob,
				practiceIds: [],
				judgement: 'strength',
				capturedAt: new Date().toISOString(),
				location: 'Dining hall',
				photoHashes: [],
				deleted: false
			}
		}
	]);
	await syncNow(page);
	await openActivity(page, day.title, walk);
	await page.getByText(notes.bob).toBeVisible();

	// The server goes away. A reload comes from the service worker; every screen opens.
	await session.app.stop();
	await page.reload();
	await page.getByRole('heading', { name: walk, level: 1 }).toBeVisible();
	await page
		.getByRole('banner')
		.getByText('Offline — your work is saved on this tablet')
		.toBeVisible();
	await page.getByText(notes.walk).toBeVisible();
	await page.getByText(notes.bob).toBeVisible();
	await page.getByRole('img', { name: /^Photo 1 of observation/ }).toBeVisible();
	await expectNoAxeViolations(page);
	await nav(page, 'Today').click();
	await page.getByRole('heading', { level: 1 }).toBeVisible();
	await openAudit(page, day.title);
	await openActivity(page, day.title, walk);
	await walkNote(notes.walk2, false);
	await openActivity(page, day.title, interview);
	await article(page, 'Note 1 on question 2').toContainText(notes.question);
	await questionNote(2, notes.question2);
	await openActivity(page, day.title, wall);
	await article(page, 'Note 1 (Yellow)').toContainText(notes.sticky);
	await stickyNote(2, notes.sticky2);
	await openSync(page);
	await page.getByText('Some of your work is only on this tablet until it syncs.').toBeVisible();
	await syncBadge(page).toContainText('3 changes waiting to sync');

	// The server is back on the same database: the sync takes everything, once.
	await session.app.start();
	await syncNow(page);
	await page.getByText('Everything is on the server.').toBeVisible();
	const onServer = await serverRecords(ann.api, 'observation');
	expect(onServer.map((o) => o.text).sort()).toEqual(Object.values(notes).sort());
	const withPhoto = onServer.find((o) => o.text === notes.walk)!;
	expect(withPhoto.photoHashes).toHaveLength(1);
	const blob = await ann.api.call('GET', `/api/blobs/${withPhoto.photoHashes[0]}`);
	expect(blob.status).toBe(200);
	expect(blob.headers.get('content-type')).toBe('image/jpeg');
});
