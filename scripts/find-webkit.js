// Stops the WebKit tests with one clear line when WebKitGTK's WebDriver or Xvfb is missing.
import { findWebKit, webkitInstall } from './webkit.js';

const found = findWebKit();
const missing = Object.entries(found).flatMap(([part, path]) => (path ? [] : [part]));
if (missing.length > 0) {
	console.error(
		`No WebKit to test in (missing: ${missing.join(', ')}): install it (Debian: ${webkitInstall}) or set WEBKIT_DRIVER and WEBKIT_BROWSER.`
	);
	process.exit(1);
}
console.log(`WebKit tests use ${found.driver} and ${found.browser}`);
