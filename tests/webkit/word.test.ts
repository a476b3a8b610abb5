import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { imhars } from '../../src/lib/framework';
import { createAdvisor, newId, push, schoolWithAudit } from './app';
import { openAudit, openSync, Page, signIn, syncNow } from './pages';
import { webkitSession } from './session';

/*
 * The Word export (issue 11) in WebKit: WebKitGTK's automation does allow downloads (into the
 * browser's home folder), so the file made on the tablet is read back from the disk.
 */

const session = webkitSession();
let page: Page;
beforeAll(() => {
	page = session.page;
});

const staff = imhars.components.find((c) => c.id === 'staff')!;

test('the Word export of a short report downloads from WebKit as a real .docx', async () => {
	const wes = await createAdvisor(session.app.api(), 'Wes');
	const [schoolId, auditId, activityId] = [newId(), newId(), newId()];
	const title = `Word audit ${auditId.slice(-4)}`;
	await push(wes.api, [
		...schoolWithAudit(
			{ schoolId, auditId },
			{ name: 'Wessex Road Primary', urn: '100004', localAuthority: 'Camden' },
			{ title, lead: wes.id, members: [wes.id], stage: 4, componentIds: ['staff'] }
		),
		{
			type: 'activity',
			recordId: activityId,
			scope: auditId,
			fields: {
				componentId: 'staff',
				promptId: null,
				kind: 'interview',
				title: 'Deputy head interview',
				status: 'done',
				plannedStart: null,
				location: 'Office',
				deleted: false
			}
		}
	]);
	await signIn(page, wes.email, wes.password);
	await openSync(page);
	await syncNow(page);
	await openAudit(page, title);
	await page.getByRole('link', { name: `Short report: ${staff.shortTitle}` }).click();
	await page.getByRole('button', { name: 'Word: this report' }).click();

	const downloads = session.webkit.downloads;
	const docx = async () => readdirSync(downloads).find((f) => f.endsWith('.docx'));
	for (let i = 0; i < 150 && !(await docx()); i++) await page.driver.sleep(100);
	const name = await docx();
	expect(name).toMatch(/\.docx$/);
	const xml = execFileSync('unzip', ['-p', join(downloads, name!), 'word/document.xml']);
	expect(xml.toString('utf8')).toContain('Wessex Road Primary');
});
