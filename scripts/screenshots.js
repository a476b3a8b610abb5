// `npm run screenshots`: starts `npm run demo`, signs in as its advisor in Chromium and saves
// the tablet-size screenshots the README shows (docs/screenshots/), landscape and portrait.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { root } from './build.js';
import { findChromium } from './chromium.js';

const port = process.env.PORT || '4399';
const out = join(root, 'docs', 'screenshots');
const passphrase = 'demo tablet passphrase 2026';
mkdirSync(out, { recursive: true });

const demo = spawn(process.execPath, [join(root, 'scripts', 'demo.js')], {
	cwd: root,
	env: { ...process.env, PORT: port },
	stdio: ['ignore', 'pipe', 'inherit']
});
const signIn = await new Promise((resolve, reject) => {
	let printed = '';
	demo.stdout.on('data', (chunk) => {
		printed += chunk;
		const email = /e-mail:\s+(\S+)/.exec(printed);
		const password = /password:\s+(\S+)/.exec(printed);
		if (email && password) resolve({ email: email[1], password: password[1] });
	});
	demo.on('exit', () => reject(new Error(`The demo stopped:\n${printed}`)));
});

const browser = await chromium.launch({
	executablePath: (await findChromium()) ?? undefined,
	args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
});
try {
	/** @type {[string, { width: number, height: number }][]} */
	const sizes = [
		['landscape', { width: 1024, height: 768 }],
		['portrait', { width: 768, height: 1024 }]
	];
	for (const [name, viewport] of sizes) {
		const context = await browser.newContext({ viewport, baseURL: `http://localhost:${port}` });
		const page = await context.newPage();
		await page.goto('/login');
		await page.getByLabel('E-mail').fill(signIn.email);
		await page.getByLabel('Password').fill(signIn.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		// The first sign-in on a tablet chooses its passphrase (the device lock).
		const setup = page.getByRole('heading', { name: 'Choose a passphrase for this tablet' });
		const signOut = page.getByRole('button', { name: 'Sign out' });
		await setup.or(signOut).first().waitFor();
		if (await setup.isVisible()) {
			await page.getByLabel('New passphrase', { exact: true }).fill(passphrase);
			await page.getByLabel('New passphrase again').fill(passphrase);
			await page.getByRole('button', { name: 'Save passphrase' }).click();
		}
		await signOut.waitFor();
		// The first sync brings the demo audit to this tablet.
		await page
			.getByRole('link', { name: /^Synced|All synced/ })
			.first()
			.waitFor();
		// In the app, not a reload: a reload opens on the lock screen (the device lock).
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Today' })
			.click();
		await page.getByRole('heading', { level: 1 }).first().waitFor();
		await page.waitForLoadState('networkidle');
		await page.screenshot({ path: join(out, `today-${name}.png`) });

		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Audits' })
			.click();
		await page.getByRole('link', { name: 'Autumn 2026 audit' }).click();
		await page.getByRole('heading', { level: 1 }).first().waitFor();
		await page.screenshot({ path: join(out, `audit-${name}.png`) });

		// One capture screen of each kind the demo has: the note box sits above the list.
		for (const [shot, title, scrollTo] of [
			['learning-walk', 'Learning walk: interactions', ''],
			[
				'focus-group',
				'Pupil focus group: our values',
				'Who would you go to if something was worrying you?'
			],
			['data-review', 'Staff attendance and training data', ''],
			['survey', 'Pupil safety survey (Year 3–6)', '']
		]) {
			await page.getByRole('link', { name: title }).first().click();
			await page.getByRole('heading', { name: title }).first().waitFor();
			await page.waitForLoadState('networkidle');
			// A talk's notes are taken under each question of its guide: show the first one's box.
			if (scrollTo) await page.getByText(scrollTo).first().scrollIntoViewIfNeeded();
			await page.screenshot({ path: join(out, `${shot}-${name}.png`) });
			await page.goBack();
			await page.getByRole('heading', { level: 1 }).first().waitFor();
		}

		await page.getByRole('link', { name: /Evidence and coverage: Vision and values/ }).click();
		const grid = page.getByRole('table').first();
		await grid.waitFor();
		await grid.scrollIntoViewIfNeeded();
		await page.screenshot({ path: join(out, `coverage-${name}.png`) });

		await page.goBack();
		await page.getByRole('link', { name: /Short report: Vision and values/ }).click();
		await page.getByRole('heading', { name: 'Strengths' }).waitFor();
		await page.getByRole('heading', { name: 'Strengths' }).scrollIntoViewIfNeeded();
		await page.screenshot({ path: join(out, `report-${name}.png`) });

		await page.getByRole('link', { name: 'All next steps' }).click();
		await page.getByRole('heading', { name: 'Risk and capacity' }).waitFor();
		await page.getByRole('heading', { name: 'Risk and capacity' }).scrollIntoViewIfNeeded();
		await page.screenshot({ path: join(out, `next-steps-${name}.png`) });
		await context.close();
	}
	console.log(`Screenshots saved in ${out}`);
} finally {
	await browser.close();
	demo.kill();
}
