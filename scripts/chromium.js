import { existsSync } from 'node:fs';

/**
 * The Chromium the browser tests drive: $CHROMIUM_PATH, else Playwright's own download, else
 * Debian's. Playwright cannot download its browser on machines that reach only package
 * registries, so the system one is a first-class choice.
 */
export async function findChromium() {
	const candidates = [];
	if (process.env.CHROMIUM_PATH) candidates.push(process.env.CHROMIUM_PATH);
	try {
		const { chromium } = await import('@playwright/test');
		candidates.push(chromium.executablePath());
	} catch {
		// Playwright not installed or its browser path unknown: try the system ones.
	}
	candidates.push('/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome');
	return candidates.find((path) => path && existsSync(path)) ?? null;
}
