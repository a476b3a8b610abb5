import { readFileSync } from 'node:fs';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
	version: string;
};

/**
 * The server's tests that run a second time on PostgreSQL (the `-pg` projects): every file whose
 * subject is the server's storage. The device-side tests use the server only as a partner, and
 * run once, on SQLite.
 */
const serverUnitTests = [
	'auth',
	'setup',
	'people',
	'migrations',
	'push-lock',
	'push-batch',
	'sync-faults',
	'sync-convergence'
];
const postgresUrl = process.env.FIELDBOOK_TEST_DATABASE_URL;
// Vitest reads this file once per project: the line is said once per run.
if (process.env.VITEST && !postgresUrl && !process.env.FIELDBOOK_PG_SKIP_SAID) {
	process.env.FIELDBOOK_PG_SKIP_SAID = '1';
	console.log('PostgreSQL half skipped: set FIELDBOOK_TEST_DATABASE_URL=postgres://… to run it');
}
const onPostgres = {
	env: { FIELDBOOK_TEST_ENGINE: 'postgres' },
	globalSetup: ['tests/helpers/postgres-run.ts']
};

export default defineConfig({
	plugins: [sveltekit()],
	build: {
		rollupOptions: {
			output: {
				// Rollup splits shared code into dozens of sub-kilobyte chunks: the lock screen
				// fetched 58 files, each a service-worker fetch on a cold start and, over HTTP/1.1's
				// six connections, a round trip on a first visit (issue 16). Small chunks merge into
				// a chunk loaded by the same pages, never one that would run code a page did not.
				experimentalMinChunkSize: 8 * 1024
			}
		}
	},
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
					exclude: ['tests/integration/postgres/**'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			...(postgresUrl
				? [
						{
							extends: true as const,
							test: {
								name: 'unit-pg',
								include: serverUnitTests.map((name) => `tests/unit/${name}.test.ts`),
								environment: 'node',
								...onPostgres
							}
						},
						{
							extends: true as const,
							test: {
								name: 'integration-pg',
								include: ['tests/integration/**/*.test.ts'],
								// The demo builds its own SQLite database whatever the engine, and the
								// stand-alone check copies the repository: neither touches the engine.
								// The headers are the HTTP layer's, the same on both; their test makes
								// its 500 by holding SQLite's write lock from another process.
								exclude: [
									'tests/integration/demo.test.ts',
									'tests/integration/stands-alone.test.ts',
									'tests/integration/headers.test.ts'
								],
								environment: 'node',
								testTimeout: 30_000,
								hookTimeout: 60_000,
								...onPostgres
							}
						}
					]
				: [])
		]
	}
});
