import { readFileSync } from 'node:fs';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
	version: string;
};

export default defineConfig({
	plugins: [sveltekit()],
	define: {
		__FIELDBOOK_VERSION__: JSON.stringify(pkg.version),
		// npm run bench builds a second copy with this set (bench/build.js); `npm run build` never.
		__FIELDBOOK_BENCH__: JSON.stringify(process.env.FIELDBOOK_BENCH === '1')
	},
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					// Each file starts its own server process on its own SQLite file.
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
