// Stops the browser tests with one clear line when no Chromium is installed.
import { findChromium } from './chromium.js';

const path = await findChromium();
if (!path) {
	console.error(
		'No Chromium found: install one (Debian: apt-get install -y chromium; elsewhere: npx playwright install chromium) or set CHROMIUM_PATH.'
	);
	process.exit(1);
}
console.log(`Browser tests use ${path}`);
