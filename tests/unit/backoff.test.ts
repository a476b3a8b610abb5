import { describe, expect, it } from 'vitest';
import {
	RETRY_BASE_MS,
	RETRY_CAP_MS,
	retryCeiling,
	retryDelay
} from '../../src/lib/client/sync/backoff';
import { inWords } from '../../src/lib/client/sync/messages';

describe('retry back-off', () => {
	it('doubles from 2 seconds with each failure in a row and stops at 5 minutes', () => {
		const ceilings = Array.from({ length: 10 }, (_, failures) => retryCeiling(failures));
		expect(ceilings).toEqual([
			2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000
		]);
		expect([RETRY_BASE_MS, RETRY_CAP_MS]).toEqual([2_000, 300_000]);
	});

	it('stays at the cap however long the failures go on', () => {
		for (const failures of [50, 1_000, 1e9, Number.MAX_SAFE_INTEGER, Infinity])
			expect(retryCeiling(failures)).toBe(RETRY_CAP_MS);
	});

	it('draws each wait at random between nothing and the ceiling (full jitter)', () => {
		expect(retryDelay(3, () => 0)).toBe(0);
		expect(retryDelay(3, () => 0.25)).toBe(4_000);
		expect(retryDelay(3, () => 0.999_999)).toBe(16_000);
		expect(retryDelay(20, () => 0.5)).toBe(150_000);
	});

	it('keeps every wait within [0, ceiling] whatever the random source returns', () => {
		let seed = 42;
		const lcg = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
		for (let failures = 0; failures < 40; failures++) {
			for (let i = 0; i < 50; i++) {
				const wait = retryDelay(failures, lcg);
				expect(wait).toBeGreaterThanOrEqual(0);
				expect(wait).toBeLessThanOrEqual(retryCeiling(failures));
			}
		}
		// A broken random source cannot push the wait outside the bounds either.
		expect(retryDelay(2, () => -3)).toBe(0);
		expect(retryDelay(2, () => 7)).toBe(8_000);
	});

	it('spreads tablets that failed together instead of bringing them back at once', () => {
		let seed = 7;
		const lcg = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
		const waits = new Set(Array.from({ length: 20 }, () => retryDelay(5, lcg)));
		expect(waits.size).toBeGreaterThan(10);
	});

	it('tells the person the wait in words', () => {
		expect([0, 400, 1_000, 30_000, 60_000, 150_000, 300_000].map(inWords)).toEqual([
			'in a moment',
			'in a moment',
			'in 1 second',
			'in 30 seconds',
			'in 1 minute',
			'in 3 minutes',
			'in 5 minutes'
		]);
	});
});
