import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/*
 * What the WebKit suite drives: WebKitGTK's WebDriver, its MiniBrowser and an X server to draw
 * in (Xvfb). Playwright cannot bring its own WebKit to machines that reach only package
 * registries, and Debian packages all three.
 */
export const webkitInstall = 'apt-get install -y webkit2gtk-driver xvfb';

/** @param {string} name */
const onPath = (name) =>
	(process.env.PATH ?? '')
		.split(delimiter)
		.map((dir) => join(dir, name))
		.find((path) => existsSync(path)) ?? null;

/** The three programs, each null when missing ($WEBKIT_DRIVER, $WEBKIT_BROWSER override). */
export function findWebKit() {
	const browsers = [
		process.env.WEBKIT_BROWSER,
		'/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
		'/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
		'/usr/libexec/webkit2gtk-4.1/MiniBrowser'
	];
	return {
		driver: process.env.WEBKIT_DRIVER ?? onPath('WebKitWebDriver'),
		browser: browsers.find((path) => path && existsSync(path)) ?? null,
		xvfb: onPath('Xvfb')
	};
}
