// lighthouse: Lighthouse 12.2.3 with its default (mobile) preset — a mid-range phone's screen,
// simulated slow 4G and a CPU four times slower — on Debian's Chromium, against the shipped
// build (`build/`), signed in: the session cookie goes as an extra header on every request.
// Two first visits: Today (`/`) and a learning walk's capture screen. Lighthouse starts each
// from empty storage, so what it times is a first visit: the app loading to the screen that
// asks for the tablet's passphrase (the device lock keeps every screen behind it). One run each:
// a score, not a sample (n 1).
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import { ports } from '../config.js';
import { Api } from '../lib/api.js';
import { launchOptions } from '../lib/browser.js';
import { shippedBuild } from '../lib/build.js';
import { pushVisit } from '../lib/seed.js';
import { admin, startServer } from '../lib/server.js';
import { round } from '../lib/stats.js';

/**
 * @param {string} url @param {number} port @param {string} cookie
 */
async function audit(url, port, cookie) {
	const result = await lighthouse(url, {
		port,
		output: 'json',
		logLevel: 'error',
		onlyCategories: ['performance'],
		extraHeaders: { Cookie: cookie }
	});
	if (!result) throw new Error(`lighthouse gave no result for ${url}`);
	const { lhr } = result;
	if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.message}`);
	const ms = (/** @type {string} */ id) => round(Number(lhr.audits[id]?.numericValue));
	return {
		performance: lhr.categories.performance?.score ?? null,
		lcp_ms: ms('largest-contentful-paint'),
		tbt_ms: ms('total-blocking-time'),
		fcp_ms: ms('first-contentful-paint'),
		final_url: lhr.finalDisplayedUrl,
		n: 1
	};
}

export async function lighthouseScenario() {
	const server = await startServer(shippedBuild, ports.lighthouse);
	const { executablePath, args } = await launchOptions();
	const browser = await chromium.launch({
		executablePath,
		args: [...args, `--remote-debugging-port=${ports.lighthouseDebug}`]
	});
	try {
		const api = new Api(server.url);
		const me = await api.signIn(admin.email, admin.password);
		const seeded = await pushVisit(api, me.id);
		const capture = `/audits/${seeded.auditId}/activities/${seeded.learningWalkId}`;
		return {
			lighthouse: {
				version: '12.2.3',
				preset: 'mobile',
				today: await audit(server.url + '/', ports.lighthouseDebug, api.cookie),
				capture: await audit(server.url + capture, ports.lighthouseDebug, api.cookie)
			}
		};
	} finally {
		await browser.close();
		await server.stop();
	}
}
