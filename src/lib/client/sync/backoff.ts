/**
 * When to try a failed sync again. The ceiling doubles with each failure in a row, from 2 s
 * up to 5 minutes: a school's Wi-Fi that drops for a lesson is retried within minutes, and a
 * server that is down is not asked every few seconds by every tablet in the county. The wait
 * is drawn at random below the ceiling ("full jitter"), so tablets that lost the server
 * together do not all come back at the same instant.
 */
export const RETRY_BASE_MS = 2_000;
export const RETRY_CAP_MS = 5 * 60_000;

/** The longest wait after `failures` failures in a row (0 for the first failure). */
export function retryCeiling(failures: number, base = RETRY_BASE_MS, cap = RETRY_CAP_MS): number {
	// Past 2^30 the cap has long been reached; stopping there keeps the power finite.
	const doublings = Math.min(Math.max(0, Math.floor(failures)), 30);
	return Math.min(cap, base * 2 ** doublings);
}

/** A wait in [0, ceiling] ms; `random` returns a number in [0, 1), as Math.random does. */
export function retryDelay(
	failures: number,
	random: () => number = Math.random,
	base = RETRY_BASE_MS,
	cap = RETRY_CAP_MS
): number {
	const ceiling = retryCeiling(failures, base, cap);
	const draw = Math.min(1, Math.max(0, random()));
	return Math.round(draw * ceiling);
}
