import { randomBytes } from 'node:crypto';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import { findPrompt, imhars } from '../../src/lib/framework';
import { closingQuestion, openingQuestion } from '../../src/lib/framework/question-guide';
import { expectNoAxeViolations } from './axe';
import { goOffline, untilServiceWorkerControls } from './offline-pages';
import { signIn } from './pages';
import { adminSession, apiSession, createAdvisor, pulledFields, seedAudit } from './sync-api';
import { openSync, syncNow } from './sync-pages';

/*
 * Capture in an interview, a focus group and a lesson observation (issue 5), with no network:
 * who took part by role and count, the question guide seeded from the prompt and edited, notes
 * under each question with a verbatim quote marked, and a lesson's notes stamped with the time.
 */

const staff = imhars.components.find((c) => c.id === 'staff')!;
const teaching = imhars.components.find((c) => c.id === 'teaching-learning')!;
const kinds = {
	interview: { componentId: 'staff', promptId: 'staff.p5', title: 'Staff interview' },
	'focus-group': { componentId: 'staff', promptId: 'staff.p1', title: 'Staff focus group' },
	'lesson-observation': {
		componentId: 'teaching-learning',
		promptId: 'teaching-learning.p4',
		title: 'Year 5 maths lesson'
	}
} as const;
type Kind = keyof typeof kinds;

/** One activity of `kind` answering its iMHARS prompt, pushed as another client would. */
async function planActivity(api: APIRequestContext, auditId: string, kind: Kind) {
	const clientId = randomBytes(8).toString('hex');
	const id = uuidv7();
	const change = {
		clientId,
		seq: 1,
		type: 'activity',
		recordId: id,
		scope: auditId,
		fields: {
			...kinds[kind],
			kind,
			status: 'in-progress',
			plannedStart: null,
			location: 'Library',
			deleted: false
		},
		hlc: `${new Date().toISOString()}-0000-${clientId}`,
		base: null
	};
	const push = await api.post('/api/sync/push', {
		data: { protocol: 1, clientId, changes: [change] }
	});
	expect(push.status()).toBe(200);
	return id;
}

/** An advisor's tablet that has synced an audit with one activity of `kind`, open on it, offline. */
async function offlineOn(browser: Browser, baseURL: string, kind: Kind) {
	const account = await createAdvisor(await adminSession(baseURL), 'Tal');
	const api = await apiSession(baseURL, account.email, account.password);
	const audit = await seedAudit(api, account.id, [account.id]);
	const activityId = await planActivity(api, audit.auditId, kind);
	const context = await browser.newContext({
		viewport: { width: 1024, height: 768 },
		locale: 'en-GB',
		timezoneId: 'Europe/London'
	});
	const page = await context.newPage();
	await signIn(page, account.email, account.password);
	await untilServiceWorkerControls(page);
	await openSync(page);
	await syncNow(page);
	await page.goto(`/audits/${audit.auditId}/activities/${activityId}`);
	const heading = page.getByRole('heading', { name: kinds[kind].title, level: 1 });
	await expect(heading).toBeVisible();
	const offline = await goOffline(context);
	return { api, context, page, activityId, offline, heading };
}

const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text });
const question = (page: Page, n: number) => page.getByLabel(`Question ${n}`, { exact: true });

/** Presses `key` on `control` from the keyboard, once it has the focus. */
async function press(control: ReturnType<Page['getByRole']>, key = 'Enter') {
	await control.focus();
	await expect(control).toBeFocused();
	await control.press(key);
}

for (const kind of ['interview', 'focus-group'] as const) {
	test(`offline ${kind}: participants, the guide from the prompt, a verbatim note under a question, kept over a reload`, async ({
		browser,
		baseURL
	}) => {
		test.setTimeout(120_000); // sign-in, a sync, four axe runs, a reload and a sync again
		const { api, context, page, activityId, offline, heading } = await offlineOn(
			browser,
			baseURL!,
			kind
		);
		const prompt = findPrompt(imhars, kinds[kind].promptId)!;

		// Empty states, each with its next step; the keyboard goes from one to the next.
		await expect(page.getByText('Roles and numbers only — never names.')).toBeVisible();
		await expect(page.getByText('No participants recorded yet.')).toBeVisible();
		await expect(page.getByText('No question guide yet.')).toBeVisible();
		await expect(page.getByText('No general notes yet.')).toBeVisible();
		await expectNoAxeViolations(page);
		const addParticipants = page.getByRole('button', { name: 'Add participants' });
		const seed = page.getByRole('button', { name: 'Start the guide from the prompt' });
		await addParticipants.focus();
		for (const next of [
			seed,
			page.getByRole('button', { name: 'Write my own questions' }),
			page.getByLabel('General note', { exact: true })
		]) {
			await page.keyboard.press('Tab');
			await expect(next).toBeFocused();
		}

		// Participants: two roles, one wrong at first; the error is beside it and nothing is lost.
		await press(addParticipants);
		await page.getByLabel('Role 1', { exact: true }).fill('Teaching assistants');
		await page.getByRole('textbox', { name: 'How many in role 1' }).fill('3');
		await press(page.getByRole('button', { name: 'Add role' }), ' ');
		await expect(page.getByLabel('Role 2', { exact: true })).toBeFocused();
		await page.keyboard.type('Class teachers');
		await page.getByRole('button', { name: 'Save participants' }).click();
		await expect(page.getByText('Give a whole number, e.g. 8')).toBeVisible();
		await expect(page.getByLabel('Role 2', { exact: true })).toHaveValue('Class teachers');
		await page.getByRole('textbox', { name: 'How many in role 2' }).fill('2');
		await page.getByRole('button', { name: 'Save participants' }).click();
		await expect(status(page, 'Participants saved on this tablet.')).toBeVisible();
		await expect(
			page.getByRole('list', { name: 'Who took part' }).getByRole('listitem')
		).toHaveText(['Teaching assistants × 3', 'Class teachers × 2']);

		// The guide, seeded from the prompt and the practices, then edited from the keyboard.
		await press(seed);
		await expect(question(page, 1)).toBeFocused();
		await expect(question(page, 1)).toHaveValue(openingQuestion(prompt.text));
		await expect(page.getByLabel(/^Question \d+$/)).toHaveCount(8);
		await expect(question(page, 8)).toHaveValue(closingQuestion);
		await expectNoAxeViolations(page);
		const third = await question(page, 3).inputValue();
		await press(page.getByRole('button', { name: 'Move question 3 up' }));
		await expect(question(page, 2)).toHaveValue(third);
		await expect(page.getByRole('button', { name: 'Move question 2 up' })).toBeFocused();
		await press(page.getByRole('button', { name: 'Remove question 7' }));
		await expect(page.getByLabel(/^Question \d+$/)).toHaveCount(7);
		await question(page, 1).fill('What is your role, and how long have you been here?');
		await press(page.getByRole('button', { name: 'Add question' }));
		await expect(question(page, 8)).toBeFocused();
		await page.keyboard.type('What one change would help most?');
		await page.getByRole('button', { name: 'Save guide' }).click();
		await expect(status(page, 'Question guide saved on this tablet.')).toBeVisible();
		await expect(page.getByText('8 questions; take notes under each below.')).toBeVisible();
		const q2 = page.getByRole('region', { name: `Question 2: ${third}` });
		await expect(q2.getByText('No notes on this question yet.')).toBeVisible();

		// A verbatim quote under question 2, tagged with two practices and a judgement.
		const quote = 'I know exactly who to go to when a child is upset.';
		await press(q2.getByRole('button', { name: 'Add a note to question 2' }));
		const box = q2.getByLabel('Note on question 2');
		await expect(box).toBeFocused();
		await page.keyboard.type(quote);
		await page.keyboard.press('Tab');
		await expect(q2.getByRole('checkbox', { name: 'Verbatim quote' })).toBeFocused();
		await page.keyboard.press(' ');
		await q2.getByRole('radio', { name: 'Strength' }).check();
		await q2.getByRole('checkbox', { name: staff.practices[0]!.text }).check();
		await q2.getByRole('checkbox', { name: staff.practices[1]!.text }).check();
		await press(q2.getByRole('button', { name: 'Save note' }));
		await expect(status(page, 'Note saved on this tablet.')).toBeVisible();
		const note = q2.getByRole('article', { name: 'Note 1 on question 2' });
		const check = async () => {
			await expect(note.getByRole('blockquote')).toHaveText(quote);
			await expect(note).toContainText('Verbatim quote');
			await expect(note).toContainText('Strength');
			await expect(
				note
					.getByRole('list', { name: 'Supporting practices of Note 1 on question 2' })
					.getByRole('listitem')
			).toHaveText([staff.practices[0]!.text, staff.practices[1]!.text]);
		};
		await check();
		await expect(box).toHaveValue('');

		// A general note, not tied to a question, and not a quote.
		const general = page.getByRole('region', { name: 'General notes' });
		await press(general.getByRole('button', { name: 'Add a general note' }));
		// The box takes the focus as it opens: type once it has it, as a person would see it.
		await expect(general.getByLabel('General note', { exact: true })).toBeFocused();
		await page.keyboard.type('Meeting ran over; two staff left early.');
		await general.getByRole('button', { name: 'Save note' }).click();
		const generalNote = general.getByRole('article', { name: 'General note 1' });
		await expect(generalNote).toContainText('Meeting ran over; two staff left early.');
		await expect(generalNote.getByRole('blockquote')).toHaveCount(0);
		await expect(page.getByRole('heading', { name: 'Notes (2)' })).toBeVisible();
		await expectNoAxeViolations(page);

		// Reloaded with no network: everything is still on the tablet.
		await page.reload();
		await expect(heading).toBeVisible();
		await expect(
			page.getByRole('list', { name: 'Who took part' }).getByRole('listitem')
		).toHaveText(['Teaching assistants × 3', 'Class teachers × 2']);
		await expect(
			page.getByRole('heading', {
				name: 'Question 1: What is your role, and how long have you been here?'
			})
		).toBeVisible();
		await expect(page.getByRole('heading', { name: /^Question 8: / })).toHaveText(
			'Question 8: What one change would help most?'
		);
		await check();
		await expect(generalNote).toBeVisible();

		// Back online, the server holds the participants and the guide as saved.
		await offline.online();
		await openSync(page);
		await syncNow(page);
		const fields = await pulledFields(api, activityId);
		expect(fields.participants).toEqual([
			{ role: 'Teaching assistants', count: 3 },
			{ role: 'Class teachers', count: 2 }
		]);
		expect((fields.guide as { text: string }[]).map((q) => q.text)[1]).toBe(third);
		await context.close();
	});
}

test('offline lesson observation: subject and year group, notes in time order with their times, kept over a reload', async ({
	browser,
	baseURL
}) => {
	const { context, page, heading } = await offlineOn(browser, baseURL!, 'lesson-observation');
	await expect(page.getByText('No notes on this lesson yet.')).toBeVisible();
	await expectNoAxeViolations(page);

	// Subject and year group, from the keyboard.
	const subject = page.getByLabel('Subject');
	await subject.focus();
	await page.keyboard.type('Maths');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Year group')).toBeFocused();
	await page.keyboard.type('Year 5');
	await page.keyboard.press('Tab');
	const saveDetails = page.getByRole('button', { name: 'Save lesson details' });
	await expect(saveDetails).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(status(page, 'Lesson details saved on this tablet.')).toBeVisible();

	// Two notes twelve minutes apart; the tablet's clock is set so the times are known.
	const start = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
	const later = new Date(start.getTime() + 12 * 60_000);
	const hhmm = (d: Date) =>
		d.toLocaleTimeString('en-GB', {
			hour: '2-digit',
			minute: '2-digit',
			timeZone: 'Europe/London'
		});
	const box = page.getByLabel('Note', { exact: true });
	await page.keyboard.press('Tab');
	await expect(box).toBeFocused();

	await page.clock.setFixedTime(start);
	await page.keyboard.type('Task on fractions; most start at once, three wait for help.');
	await page.getByRole('radio', { name: 'Neutral' }).focus();
	await page.keyboard.press('ArrowLeft');
	await expect(page.getByRole('radio', { name: 'Area for development' })).toBeChecked();
	await page.getByRole('checkbox', { name: teaching.practices[4]!.text }).check();
	await press(page.getByRole('button', { name: 'Save note' }));
	await expect(status(page, 'Note saved on this tablet.')).toBeVisible();
	await expect(box).toBeFocused();

	await page.clock.setFixedTime(later);
	await page.keyboard.type('Teacher models a mistake and asks who can spot it; hands go up.');
	await page.getByRole('radio', { name: 'Strength' }).check();
	await page.getByRole('checkbox', { name: teaching.practices[0]!.text }).check();
	await page.getByRole('button', { name: 'Save note' }).click();
	await expect(page.getByRole('heading', { name: 'Timeline (2)' })).toBeVisible();

	const timeline = page.getByRole('list', { name: 'Lesson notes in time order' });
	const check = async () => {
		await expect(page.getByLabel('Subject')).toHaveValue('Maths');
		await expect(page.getByLabel('Year group')).toHaveValue('Year 5');
		const notes = timeline.getByRole('article');
		await expect(notes).toHaveCount(2);
		await expect(notes.nth(0).locator('time')).toHaveText(hhmm(start));
		await expect(notes.nth(0)).toContainText('0 min in');
		await expect(notes.nth(0)).toContainText('Area for development');
		await expect(notes.nth(0)).toContainText('three wait for help');
		await expect(notes.nth(1).locator('time')).toHaveText(hhmm(later));
		await expect(notes.nth(1)).toContainText('12 min in');
		await expect(notes.nth(1)).toContainText('Strength');
		await expect(notes.nth(1)).toContainText(teaching.practices[0]!.text);
	};
	await check();
	await expectNoAxeViolations(page);

	await page.reload();
	await expect(heading).toBeVisible();
	await check();
	await page.setViewportSize({ width: 768, height: 1024 });
	await expectNoAxeViolations(page);
	await context.close();
});
