// `npm start`: builds when the build is missing or older than the sources, then serves it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const built = join(root, 'build', 'index.js');
const inputs = ['src', 'static', 'package.json', 'svelte.config.js', 'vite.config.ts'];

/** @param {string} path @returns {number} */
function newest(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const stale =
	!existsSync(built) ||
	inputs.some(
		(input) => existsSync(join(root, input)) && newest(join(root, input)) > statSync(built).mtimeMs
	);
if (stale) {
	console.log('Fieldbook: building…');
	const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.PORT ||= '3000';
// Push batches reach 1 MB; the push endpoint itself refuses bodies over 2 MB with a clear 413.
process.env.BODY_SIZE_LIMIT ||= '3M';
console.log(`Fieldbook: serving on http://localhost:${process.env.PORT}`);
await import(built);
