import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/*
 * The WebKit suite (npm run test:webkit): its own config, so `vitest run` (unit, integration)
 * never starts a browser. One file at a time, nothing in parallel: each drives one WebKit and
 * one server on a fixed port.
 */
export default defineConfig({
	root: resolve(import.meta.dirname, '../..'),
	test: {
		name: 'webkit',
		include: ['tests/webkit/**/*.test.ts'],
		environment: 'node',
		fileParallelism: false,
		// A guard against a hung step, not a speed check: a whole day in WebKit on a busy 2-core machine.
		testTimeout: 240_000,
		hookTimeout: 90_000
	}
});
