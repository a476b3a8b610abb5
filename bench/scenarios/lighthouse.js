// lighthouse: Lighthouse 12.2.3 with its default (mobile) preset — a mid-range phone's screen,
// simulated slow 4G and a CPU four times slower — on Debian's Chromium, against the shipped
// build (`build/`), signed in: the session cookie goes as an extra header on every request.
// Two first visits: Today (`/`) and a learning walk's capture screen. Lighthouse starts each
// from empty storage, so what it times is a first visit: the app loading to the screen that
// asks for the tablet's passphrase (the device lock keeps every screen behind it). One run is
// noisy on a shared machine (TBT 41 ms in one full bench, 232 ms in the next), so each page is
// audited `counts.lighthouse` times (3; 1 with BENCH_QUICK=1), one after the other, and each
// figure is the median of its own samples (score, LCP, TBT and FCP each on its own); every
// sample is kept beside it. BENCH_LIGHTHOUSE_DIR=/some/dir also writes each full report there.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import { counts, ports } from '../config.js';
import { Api } from '../lib/api.js';
import { launchOptions } from '../lib/browser.js';
import { shippedBuild } from '../lib/build.js';
import { pushVisit } from '../lib/seed.js';
import { admin, startServer } from '../lib/server.js';
import { round, summary } from '../lib/stats.js';

const reportDir = process.env.BENCH_LIGHTHOUSE_DIR;

/**
 * @param {string} url @param {number} port @param {string} cookie @param {string} name
 */
async function audit(url, port, cookie, name) {
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
	if (reportDir) {
		mkdirSync(reportDir, { recursive: true });
		writeFileSync(join(reportDir, `${name}.json`), JSON.stringify(lhr));
	}
	const ms = (/** @type {string} */ id) => round(Number(lhr.audits[id]?.numericValue));
	return {
		performance: lhr.categories.performance?.score ?? null,
		lcp_ms: ms('largest-contentful-paint'),
		tbt_ms: ms('total-blocking-time'),
		fcp_ms: ms('first-contentful-paint'),
		final_url: lhr.finalDisplayedUrl
	};
}

/**
 * `counts.lighthouse` audits of one page in a row; each figure is the median of its samples.
 * @param {string} url @param {number} port @param {string} cookie @param {string} name
 */
async function audits(url, port, cookie, name) {
	/** @type {Awaited<ReturnType<typeof audit>>[]} */
	const samples = [];
	for (let i = 0; i < counts.lighthouse; i++) {
		samples.push(await audit(url, port, cookie, `${name}-${i + 1}`));
	}
	const median = (/** @type {(s: (typeof samples)[number]) => number} */ pick) =>
		summary(samples.map(pick)).median;
	return {
		performance: median((s) => s.performance ?? 0),
		lcp_ms: median((s) => s.lcp_ms),
		tbt_ms: median((s) => s.tbt_ms),
		fcp_ms: median((s) => s.fcp_ms),
		final_url: samples[0].final_url,
		n: samples.length,
		samples
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
				today: await audits(server.url + '/', ports.lighthouseDebug, api.cookie, 'today'),
				capture: await audits(server.url + capture, ports.lighthouseDebug, api.cookie, 'capture')
			}
		};
	} finally {
		await browser.close();
		await server.stop();
	}
}
