// The two builds the bench needs, each made only when missing or older than the sources (as
// `npm start` decides): `build/`, the app as shipped (its bundle is measured), and the bench
// build, the same app with `__FIELDBOOK_BENCH__` on, which puts the device store's own functions
// on `window.__fieldbookBench` for the page-side scenarios (src/lib/client/bench-harness.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;
export const shippedBuild = join(root, 'build');
// Inside node_modules, so that the build's server code still finds its packages.
export const benchBuild = join(root, 'node_modules/.cache/fieldbook-bench-build');

const inputs = ['src', 'static', 'package.json', 'svelte.config.js', 'vite.config.ts'];

/** @param {string} path @returns {number} */
function newest(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** @param {string} out */
function stale(out) {
	const built = join(out, 'index.js');
	if (!existsSync(built)) return true;
	const at = statSync(built).mtimeMs;
	return inputs.some((input) => existsSync(join(root, input)) && newest(join(root, input)) > at);
}

/** @param {string} out @param {boolean} bench */
function build(out, bench) {
	const vite = join(root, 'node_modules/vite/bin/vite.js');
	const env = { ...process.env, FIELDBOOK_BUILD_DIR: out, FIELDBOOK_BENCH: bench ? '1' : '' };
	const result = spawnSync(process.execPath, [vite, 'build'], { cwd: root, env, stdio: 'pipe' });
	if (result.status !== 0) {
		process.stderr.write(result.stdout);
		process.stderr.write(result.stderr);
		throw new Error(`the ${bench ? 'bench' : 'shipped'} build failed`);
	}
}

/** Builds what is missing or stale; says so on stderr (stdout carries only the results). */
export function ensureBuilds() {
	for (const [out, bench] of /** @type {[string, boolean][]} */ ([
		[shippedBuild, false],
		[benchBuild, true]
	])) {
		if (!stale(out)) continue;
		console.error(`bench: building ${bench ? 'the bench copy' : 'the app'} into ${out}…`);
		const started = performance.now();
		build(out, bench);
		console.error(`bench: built in ${Math.round((performance.now() - started) / 1000)} s`);
	}
}
