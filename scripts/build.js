// Builds when the build is missing or older than the sources: shared by `npm start` and `npm run demo`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;
export const built = join(root, 'build', 'index.js');
const inputs = ['src', 'static', 'package.json', 'svelte.config.js', 'vite.config.ts'];

/** @param {string} path @returns {number} */
function newest(path) {
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function buildIfStale() {
	const stale =
		!existsSync(built) ||
		inputs.some(
			(input) =>
				existsSync(join(root, input)) && newest(join(root, input)) > statSync(built).mtimeMs
		);
	if (!stale) return;
	console.log('Fieldbook: building…');
	const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}
