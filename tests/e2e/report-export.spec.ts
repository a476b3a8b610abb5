import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { notes, seedEvidence, staff } from './evidence-api';
import { goOffline, untilServiceWorkerControls } from './offline-pages';
import { signIn } from './pages';
import { addNextStep, agree, makeFinding } from './report-pages';
import { adminSession, apiSession, createAdvisor } from './sync-api';
import { openAudit, openSync, syncNow } from './sync-pages';

/*
 * Issue 11's exports, made on the tablet offline: the Word file (its document.xml read back, and
 * opened for real by LibreOffice, its pages read with pdftotext),
 * the print view as a PDF (Chromium's page.pdf, read back with pdftotext) and the CSV of the
 * audit's evidence (parsed back: one row per observation).
 */

const step = 'Reschedule the anxiety training before spring half-term';
const inOrder = (text: string, needles: string[]) => {
	const at = needles.map((n) => text.indexOf(n));
	expect(at, `each of ${JSON.stringify(needles)} present`).not.toContain(-1);
	expect(at).toEqual([...at].sort((a, b) => a - b));
};
/** Words as a reader sees them: tags gone, runs of white space one space. */
const plain = (text: string) => text.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

/**
 * The Word file as its reader opens it: LibreOffice (Debian's libreoffice-writer-nogui) lays it
 * out and prints it to PDF, and pdftotext reads the pages. A file Word-like programs refuse, or
 * lay out without the report's text, fails here even when its XML looks right.
 */
function wordAsOpened(file: string, dir: string) {
	const profile = join(dir, 'soffice-profile');
	execFileSync(
		'soffice',
		[
			'--headless',
			`-env:UserInstallation=file://${profile}`,
			'--convert-to',
			'pdf',
			'--outdir',
			dir,
			file
		],
		{ stdio: 'pipe', timeout: 120_000 }
	);
	const pdf = file.replace(/\.docx$/, '.pdf');
	return execFileSync('pdftotext', ['-layout', pdf, '-']).toString('utf8');
}

async function downloaded(page: Page, button: string, dir: string) {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: button }).click();
	const file = join(dir, (await download).suggestedFilename());
	await (await download).saveAs(file);
	await expect(page.getByRole('status').filter({ hasText: 'is ready.' })).toBeVisible();
	return file;
}

test('the agreed report goes out as Word, PDF and CSV from a tablet with no network', async ({
	browser,
	baseURL
}) => {
	const dir = mkdtempSync(join(tmpdir(), 'fieldbook-export-'));
	const admin = await adminSession(baseURL!);
	const ann = await createAdvisor(admin, 'Ann');
	const audit = await seedEvidence(await apiSession(baseURL!, ann.email, ann.password), ann.id);
	const context = await browser.newContext({
		viewport: { width: 1024, height: 768 },
		acceptDownloads: true
	});
	const page = await context.newPage();
	try {
		await signIn(page, ann.email, ann.password);
		await untilServiceWorkerControls(page);
		await openSync(page);
		await syncNow(page);
		await openAudit(page, audit.title);
		await goOffline(context);
		await page.getByRole('link', { name: `Short report: ${staff.shortTitle}` }).click();
		await makeFinding(page, notes.noticed, 'strength');
		await makeFinding(page, notes.cancelled, 'challenge');
		await addNextStep(page, {
			text: step,
			owner: 'Deputy head',
			due: '2027-02-12',
			quadrant: 'High risk, low capacity (Priority: build capacity or seek support)'
		});
		await agree(page, 'Deputy head');
		const order = ['Strengths', notes.noticed, 'Challenges', notes.cancelled, 'Next steps', step];

		const word = await downloaded(page, 'Word: this report', dir);
		expect(word).toMatch(/\.docx$/);
		const xml = execFileSync('unzip', ['-p', word, 'word/document.xml']).toString('utf8');
		inOrder(plain(xml), [
			'Highbury Quadrant Primary',
			'Agreed with the school: agreed with Deputy head',
			...order,
			'Owner: Deputy head · Due: 12 February 2027 · High risk, low capacity'
		]);
		expect(plain(xml)).toContain(`Note: ${notes.noticed}`);
		const opened = plain(wordAsOpened(word, dir));
		inOrder(opened, [
			'Highbury Quadrant Primary',
			...order.map((t) => t.slice(0, 40)),
			'Owner: Deputy head'
		]);

		const csv = await downloaded(page, "CSV: the audit's evidence", dir);
		const bytes = readFileSync(csv);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const rows = Papa.parse<Record<string, string>>(bytes.toString('utf8').slice(1), {
			header: true,
			skipEmptyLines: true
		});
		expect(rows.errors).toEqual([]);
		expect(rows.data).toHaveLength(4);
		expect(rows.data.map((r) => r.Text).sort()).toEqual(Object.values(notes).sort());

		await page.getByRole('link', { name: 'Print or PDF: this report' }).click();
		await expect(
			page.getByRole('heading', { name: `Short report: ${staff.title}`, level: 1 })
		).toBeVisible();
		await expect(page.getByText(step)).toBeVisible();
		const pdf = join(dir, 'report.pdf');
		writeFileSync(pdf, await page.pdf({ format: 'A4' }));
		const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString('utf8');
		inOrder(
			plain(text),
			order.map((t) => t.slice(0, 40))
		);
		// A4 with page numbers: the title page, then the report.
		expect(plain(text)).toMatch(/Page 1 of (\d).*Page \1 of \1 $/);
		// The app around the report is not printed.
		expect(text).not.toContain('Sign out');
	} finally {
		await context.close();
		rmSync(dir, { recursive: true, force: true });
	}
});
