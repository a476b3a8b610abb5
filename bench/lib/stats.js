// Every figure has the same shape: median, p95, max and n of its samples, in milliseconds
// unless its name says otherwise; with a floor measured in the same run, the floor's own
// summary and the ratio of the two medians.

const round = (/** @type {number} */ x) => Math.round(x * 100) / 100;

/** @typedef {{ median: number, p95: number, max: number, n: number }} Summary */

/** @param {number[]} samples @returns {Summary} */
export function summary(samples) {
	if (samples.length === 0) throw new Error('no samples');
	const sorted = [...samples].sort((a, b) => a - b);
	// Nearest rank: the p95 of 20 samples is the 19th, of 5 samples the 5th (the max).
	const rank = (/** @type {number} */ q) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
	const mid = sorted.length / 2;
	const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
	return {
		median: round(median),
		p95: round(rank(0.95)),
		max: round(sorted[sorted.length - 1]),
		n: sorted.length
	};
}

/**
 * @param {number[]} samples @param {number[]} floorSamples
 * @returns {Summary & { floor: Summary, ratio: number }}
 */
export function againstFloor(samples, floorSamples) {
	const figure = summary(samples);
	const floor = summary(floorSamples);
	return { ...figure, floor, ratio: round(figure.median / floor.median) };
}

export { round };
