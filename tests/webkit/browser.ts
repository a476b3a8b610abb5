import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Builder, type WebDriver } from 'selenium-webdriver';
import { findWebKit, webkitInstall } from '../../scripts/webkit.js';
import { freePort } from '../helpers/server';

/*
 * WebKitGTK, the engine of the iPad's Safari, driven over W3C WebDriver: Xvfb draws, Debian's
 * WebKitWebDriver starts MiniBrowser with --automation (a fresh, private profile each session).
 */

export const viewport = { width: 1024, height: 768 };
const shotsDir = resolve(import.meta.dirname, '../../test-results/webkit');

/** A running X server on a display number it chose itself, so parallel suites never collide. */
async function startXvfb(xvfb: string) {
	const child = spawn(
		xvfb,
		['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
		{
			stdio: ['ignore', 'ignore', 'pipe', 'pipe']
		}
	);
	const display = await new Promise<string>((done, fail) => {
		child.once('exit', (code) => fail(new Error(`Xvfb exited (${code}) before it was ready`)));
		(child.stdio[3] as NodeJS.ReadableStream).once('data', (d) => done(`:${String(d).trim()}`));
	});
	return { child, display };
}

async function untilListening(url: string, child: ChildProcess) {
	for (let tries = 0; tries < 300; tries++) {
		if (child.exitCode !== null) throw new Error('WebKitWebDriver exited at start');
		const up = await fetch(`${url}/status`).then(
			(r) => r.ok,
			() => false
		);
		if (up) return;
		await new Promise((r) => setTimeout(r, 100)); // polling the port, not waiting for time
	}
	throw new Error('WebKitWebDriver did not answer');
}

export interface WebKit {
	driver: WebDriver;
	/** Where the browser saves downloads: its own fresh home folder (WebKitGTK's default). */
	downloads: string;
	/** Saves a picture of the page (1024 × 768) under test-results/webkit/. */
	screenshot(name: string): Promise<string>;
	quit(): Promise<void>;
}

export async function launchWebKit(): Promise<WebKit> {
	const found = findWebKit();
	if (!found.driver || !found.browser || !found.xvfb) {
		throw new Error(`No WebKit to test in: ${webkitInstall}`);
	}
	const xvfb = await startXvfb(found.xvfb);
	const port = await freePort();
	// A home of its own: nothing from the machine's user, and downloads land in it.
	const home = mkdtempSync(join(tmpdir(), 'fieldbook-webkit-home-'));
	const server = spawn(found.driver, [`--port=${port}`, '--host=127.0.0.1'], {
		env: { ...process.env, DISPLAY: xvfb.display, HOME: home },
		stdio: 'ignore'
	});
	const stopAll = () => {
		server.kill();
		xvfb.child.kill();
		rmSync(home, { recursive: true, force: true });
	};
	try {
		const url = `http://127.0.0.1:${port}`;
		await untilListening(url, server);
		const driver = await new Builder()
			.usingServer(url)
			.withCapabilities({
				browserName: 'MiniBrowser',
				'webkitgtk:browserOptions': { binary: found.browser, args: ['--automation'] }
			})
			.build();
		await driver.manage().setTimeouts({ implicit: 0, pageLoad: 60_000, script: 30_000 });
		await fitViewport(driver);
		return {
			driver,
			downloads: home,
			async screenshot(name) {
				mkdirSync(shotsDir, { recursive: true });
				const path = join(shotsDir, `${name.replace(/[^\w-]+/g, '-').slice(0, 100)}.png`);
				writeFileSync(path, await driver.takeScreenshot(), 'base64');
				return path;
			},
			async quit() {
				await driver.quit().catch(() => undefined);
				stopAll();
			}
		};
	} catch (error) {
		stopAll();
		throw error;
	}
}

/** Sizes the window so that the page itself is a landscape iPad's 1024 × 768. */
async function fitViewport(driver: WebDriver) {
	await driver.manage().window().setRect(viewport);
	const inner: { width: number; height: number } = await driver.executeScript(
		'return { width: innerWidth, height: innerHeight }'
	);
	await driver
		.manage()
		.window()
		.setRect({
			width: 2 * viewport.width - inner.width,
			height: 2 * viewport.height - inner.height
		});
}
