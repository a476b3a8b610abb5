import { readdirSync, readFileSync } from 'node:fs';
import { chromium, test, type BrowserContext } from '@playwright/test';
import { findChromium } from '../../scripts/chromium.js';

/** Chromium on a profile folder of its own, so IndexedDB outlives the process. */
export async function launchOnProfile(profile: string): Promise<BrowserContext> {
	return chromium.launchPersistentContext(profile, {
		executablePath: (await findChromium()) ?? undefined,
		baseURL: test.info().project.use.baseURL,
		viewport: { width: 1024, height: 768 },
		args: ['--disable-background-networking', '--disable-component-update', '--no-first-run']
	});
}

/** The browser's main process for `profile` (its renderers carry --type=), found by its folder. */
function browserPid(profile: string): number {
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let cmdline = '';
		try {
			cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
		} catch {
			continue;
		}
		const args = cmdline.split('\0');
		if (args.some((a) => a.includes(profile)) && !args.some((a) => a.startsWith('--type=')))
			return Number(entry);
	}
	throw new Error(`no browser process for ${profile}`);
}

/** Kills the browser outright (SIGKILL, as a crash or a flat battery would) and opens it again. */
export async function killAndRelaunch(
	context: BrowserContext,
	profile: string
): Promise<BrowserContext> {
	process.kill(browserPid(profile), 'SIGKILL');
	await context.close().catch(() => {});
	return launchOnProfile(profile);
}
