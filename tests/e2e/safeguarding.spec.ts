import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { notes, seedEvidence, staff, training, wellbeing } from './evidence-api';
import { signIn } from './pages';
import { adminSession, apiSession, createAdvisor } from './sync-api';
import { openAudit, openSync, syncNow } from './sync-pages';

/*
 * Issue 14, item 9: a pupil discloses something in an interview. The advisor flags the note in
 * one tap, sees the school's procedure (its designated safeguarding lead), records when and to
 * whom she reported it, and the note leaves the evidence: the coverage grid, the counts and the
 * short report.
 */

const DISCLOSURE = 'Pupil in Year 4 said an older boy takes her dinner money every day.';

const grid = (page: Page) =>
	page.getByRole('region', { name: /^Coverage of Staff/ }).getByRole('table');
const counts = (page: Page, practice: string) =>
	grid(page)
		.getByRole('row')
		.filter({ has: page.getByRole('rowheader', { name: practice }) })
		.getByRole('cell');

test('a note flagged as a safeguarding concern shows the procedure and leaves the evidence', async ({
	browser,
	baseURL
}) => {
	const ann = await createAdvisor(await adminSession(baseURL!), 'Ann');
	// Schools are seen by everyone in the organisation: this one has a name no other test uses.
	const school = 'Safeguarding Lane Primary';
	const audit = await seedEvidence(
		await apiSession(baseURL!, ann.email, ann.password),
		ann.id,
		school
	);
	const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
	const page = await context.newPage();
	await signIn(page, ann.email, ann.password);
	await openSync(page);
	await syncNow(page);

	// The school's designated safeguarding lead, by role and contact, on the school's page.
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'Schools' })
		.click();
	await page.getByRole('link', { name: school }).click();
	await page.getByRole('button', { name: 'Edit safeguarding lead' }).click();
	await page.getByLabel('Role (e.g. Deputy head)').fill('Deputy head');
	await page.getByLabel('Contact (phone, e-mail or room)').fill('Room 4, extension 210');
	await page.getByRole('button', { name: 'Save safeguarding lead' }).click();
	const lead = page.getByRole('region', { name: 'Designated safeguarding lead' });
	await expect(lead).toContainText('Deputy head, Room 4, extension 210');
	await expectNoAxeViolations(page);

	// Before: the interview's note counts for two practices.
	await openAudit(page, audit.title);
	await page.getByRole('link', { name: `Evidence and coverage: ${staff.shortTitle}` }).click();
	await expect(counts(page, wellbeing.text)).toHaveText(['2', '1', '0', '0', '3']);
	await expect(counts(page, training.text)).toHaveText(['0', '1', '0', '0', '1']);

	// On the interview's capture screen: one tap on a saved note.
	await openAudit(page, audit.title);
	await page.getByRole('link', { name: audit.interview }).first().click();
	await expect(page.getByRole('heading', { name: audit.interview, level: 1 })).toBeVisible();
	const saved = page.getByRole('article', { name: 'General note 1' });
	await expect(saved).toContainText(notes.cancelled);
	await saved.getByRole('button', { name: 'Safeguarding concern' }).click();
	const procedure = saved.getByRole('note');
	await expect(procedure).toContainText("follow the school's procedure today");
	await expect(procedure).toContainText('Deputy head, Room 4, extension 210');
	await saved.getByLabel('Reported to (role)').fill('Deputy head (DSL)');
	await saved.getByRole('button', { name: 'Record report' }).click();
	await expect(saved).toContainText(/Reported to Deputy head \(DSL\) at \d\d:\d\d/);

	// A new note flagged in one tap before it is saved: it is never evidence, even for a moment.
	// With no question guide, the general note's form is the one open.
	await page.getByLabel('General note', { exact: true }).fill(DISCLOSURE);
	await page.getByRole('checkbox', { name: wellbeing.text }).check();
	await page.getByRole('button', { name: 'Safeguarding concern' }).last().click();
	await expect(
		page.getByRole('button', { name: 'Safeguarding concern', pressed: true })
	).toBeVisible();
	await expect(page.getByRole('note').last()).toContainText('Deputy head, Room 4, extension 210');
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Save note' }).click();
	const flaggedNew = page.getByRole('article').filter({ hasText: DISCLOSURE });
	await expect(flaggedNew.getByRole('note')).toContainText("follow the school's procedure today");

	// The evidence no longer counts either note, nor lists them.
	await openAudit(page, audit.title);
	await page.getByRole('link', { name: `Evidence and coverage: ${staff.shortTitle}` }).click();
	await expect(counts(page, wellbeing.text)).toHaveText(['2', '0', '0', '0', '2']);
	await expect(grid(page).getByRole('rowheader', { name: training.text })).toContainText(
		'No evidence yet'
	);
	await expect(page.getByText(notes.cancelled)).toHaveCount(0);
	await expect(page.getByText(DISCLOSURE)).toHaveCount(0);

	// Nor does the short report.
	await openAudit(page, audit.title);
	await page.getByRole('link', { name: `Short report: ${staff.shortTitle}` }).click();
	await expect(page.getByText(notes.noticed).first()).toBeVisible();
	await expect(page.getByText(notes.cancelled)).toHaveCount(0);
	await expect(page.getByText(DISCLOSURE)).toHaveCount(0);
	await context.close();
});
