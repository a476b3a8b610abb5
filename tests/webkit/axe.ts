import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'vitest';
import type { Page } from './pages';

/*
 * axe in WebKit, as tests/e2e/axe.ts runs it in Chromium: the same rules (WCAG 2.2 A and AA),
 * on what WebKit rendered. @axe-core/playwright is Playwright-only, so the page gets axe-core's
 * own script through WebDriver.
 */
const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** No axe violations at WCAG 2.2 A and AA on the page as it stands. */
export async function expectNoAxeViolations(page: Page) {
	const summary = await page.driver.executeAsyncScript<string[]>(
		`${axeSource}
		const done = arguments[arguments.length - 1];
		axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(tags)} } }).then(
			(r) => done(r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target).join(', '))),
			(e) => done(['axe could not run: ' + e])
		);`
	);
	expect(summary).toEqual([]);
}
