import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/chromium.js';

const executablePath = (await findChromium()) ?? undefined;
// E2E_PORT lets two checkouts (or two people) run the browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 4180);
export const e2eAdmin = { email: 'admin@fieldbook.test', password: 'correct horse battery' };

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	// A guard against a hung test, not a speed check: the multi-tablet flows take ~25 s on an idle
	// 2-core machine and more beside a build.
	timeout: 90_000,
	// Also a guard, not a speed check: every reload opens on the lock screen, and the handler that
	// unlocks (PBKDF2 at 600,000 rounds, then opening the store) counts against the assertion that
	// met it, which took more than the default 5 s on a loaded machine.
	expect: { timeout: 15_000 },
	workers: 1,
	forbidOnly: true,
	retries: 0,
	reporter: process.env.CI ? 'line' : 'list',
	use: {
		baseURL: `http://localhost:${port}`,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath,
			// This machine's network is closed: stop Chromium's own background traffic.
			args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
		}
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	// The built app on a fresh SQLite file, as `npm start` serves it (not dev mode).
	webServer: {
		command: 'node build/index.js',
		url: `http://localhost:${port}/api/health`,
		reuseExistingServer: false,
		timeout: 60_000,
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			BODY_SIZE_LIMIT: '3M',
			FIELDBOOK_DB: join(mkdtempSync(join(tmpdir(), 'fieldbook-e2e-')), 'e2e.db'),
			FIELDBOOK_ADMIN_EMAIL: e2eAdmin.email,
			FIELDBOOK_ADMIN_PASSWORD: e2eAdmin.password,
			FIELDBOOK_ADMIN_NAME: 'Ada Admin'
		}
	}
});
