import { afterAll, afterEach, beforeAll } from 'vitest';
import { startApp } from './app';
import { launchWebKit, type WebKit } from './browser';
import { Page } from './pages';

/*
 * What each WebKit test file starts, as Playwright's config and fixtures do: the built server on
 * a fresh database, one WebKit, and its page; a picture of the page when a test fails.
 */
export function webkitSession() {
	const session = {} as {
		app: Awaited<ReturnType<typeof startApp>>;
		webkit: WebKit;
		page: Page;
	};
	beforeAll(async () => {
		session.app = await startApp();
		session.webkit = await launchWebKit();
		session.page = new Page(session.webkit.driver);
	});
	afterEach(async ({ task }) => {
		if (task.result?.state !== 'fail' || !session.webkit) return;
		const path = await session.webkit.screenshot(task.name).catch(() => null);
		if (path) console.error(`WebKit's page at the failure: ${path}`);
	});
	afterAll(async () => {
		await session.webkit?.quit();
		await session.app?.dispose();
	});
	return session;
}
