// `npm run bench`: measures Fieldbook against floors measured beside it, on this machine, in one
// run (issue 6). Prints one JSON document and a short table to stdout, and writes the document
// to bench/results/latest.json. It never fails on a speed: only when a scenario could not run.
// BENCH_QUICK=1 takes fewer samples; BENCH_ONLY=capture,bundle runs only those scenarios (and
// writes no file).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ports, quick, sizes } from './config.js';
import { Api } from './lib/api.js';
import { launch } from './lib/browser.js';
import { benchBuild, ensureBuilds, root } from './lib/build.js';
import { admin, startServer } from './lib/server.js';
import { round } from './lib/stats.js';
import { table } from './lib/table.js';
import { bundleScenario } from './scenarios/bundle.js';
import { captureScenarios } from './scenarios/capture.js';
import { coldStartScenario } from './scenarios/cold-start.js';
import { daySyncScenarios } from './scenarios/day-sync.js';
import { lighthouseScenario } from './scenarios/lighthouse.js';
import { pouchdbScenario } from './scenarios/pouchdb.js';
import { reportExportScenario } from './scenarios/report-export.js';
import { joinPullScenario, visibleAtScaleScenario } from './scenarios/scale.js';
import { serverPushScenario } from './scenarios/server-push.js';

/** @typedef {{ browser: import('@playwright/test').Browser, base: string, adminApi: Api }} Env */
/** @type {[string, (env: Env) => Promise<Record<string, unknown>>][]} */
const scenarios = [
	['bundle', bundleScenario],
	['capture', captureScenarios],
	['day-sync', daySyncScenarios],
	['pouchdb', pouchdbScenario],
	['server-push', serverPushScenario],
	['cold-start', coldStartScenario],
	['report-export', reportExportScenario],
	['lighthouse', lighthouseScenario],
	['join-pull', joinPullScenario],
	['visible-at-scale', visibleAtScaleScenario]
];
const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);

const git = (/** @type {string[]} */ args) => {
	try {
		return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
	} catch {
		return null;
	}
};

ensureBuilds();
const started = new Date();
const loadBefore = loadavg();
/** @type {Record<string, unknown>} */
const figures = {};
/** @type {{ scenario: string, error: string }[]} */
const failures = [];
const browser = await launch();
const app = await startServer(benchBuild, ports.app);
try {
	const adminApi = new Api(app.url);
	await adminApi.signIn(admin.email, admin.password);
	for (const [name, run] of scenarios) {
		if (only && !only.includes(name)) continue;
		console.error(`bench: ${name}…`);
		const t = performance.now();
		try {
			Object.assign(figures, await run({ browser, base: app.url, adminApi }));
		} catch (error) {
			console.error(`bench: ${name} could not run:`, error);
			failures.push({
				scenario: name,
				error: String(error instanceof Error ? error.stack : error)
			});
		}
		console.error(`bench: ${name} took ${Math.round((performance.now() - t) / 1000)} s`);
	}
} finally {
	await app.stop();
}

// day_sync_ms beside the CouchDB-protocol peer doing the same work.
const day = /** @type {{ median: number } | undefined} */ (figures.day_sync_ms);
const peer = /** @type {{ median: number, ratio?: number } | undefined} */ (
	figures.peer_pouchdb_sync_ms
);
if (day && peer) peer.ratio = round(day.median / peer.median);

const result = {
	when: started.toISOString(),
	quick,
	machine: {
		cpu: cpus()[0]?.model ?? 'unknown',
		cores: cpus().length,
		memory_gb: round(totalmem() / 2 ** 30),
		load_average_before: loadBefore.map(round),
		load_average_after: loadavg().map(round),
		node: process.version,
		chromium: browser.version(),
		platform: `${process.platform} ${process.arch}`
	},
	commit: git(['rev-parse', 'HEAD']),
	// The results file itself is left out: it changes with every run.
	uncommitted_changes: (git(['status', '--porcelain', '--', '.', ':!bench/results']) ?? '') !== '',
	sizes,
	figures,
	failures
};
await browser.close();
// A partial run (BENCH_ONLY) prints its figures but leaves the last whole run's file alone.
if (!only) {
	mkdirSync(join(root, 'bench/results'), { recursive: true });
	writeFileSync(join(root, 'bench/results/latest.json'), JSON.stringify(result, null, 2) + '\n');
}
console.log(JSON.stringify(result, null, 2));
console.log(table(figures));
if (failures.length > 0) {
	console.error(`bench: ${failures.map((f) => f.scenario).join(', ')} could not run`);
	process.exit(1);
}
