// The short readable table printed after the JSON: one line per figure, its floor and ratio
// where one is measured, and the issue's target beside it.

/** @type {Record<string, string>} */
const targets = {
	// Sealed (issue 13): within 2.5 times the raw put of the same plain bytes.
	'capture_commit_ms.stored_0': 'ratio <= 2.5',
	'capture_commit_ms.stored_5000': 'ratio <= 2.5',
	capture_visible_ms: 'p95 <= 30',
	cold_start_offline_ms: 'median <= 600 (to the lock screen)',
	unlock_ms: 'median <= 1000',
	day_sync_ms: 'ratio <= 3, < peer',
	noop_sync_ms: 'median <= 50',
	peer_pouchdb_sync_ms: 'ratio = day_sync / peer < 1',
	// PostgreSQL (issue 15): the ratio column is to the SQLite figure measured in the same run.
	server_push_per_s_postgres_1: 'ratio = PG x1 / SQLite x1 (no target)',
	server_push_per_s_postgres_2: 'ratio = PG x2 / SQLite x1 >= 1',
	day_sync_ms_postgres: 'ratio = PG / SQLite day_sync <= 1.5',
	'bundle_kb.first_page.js_gzip': '<= 120',
	'bundle_kb.largest_chunk.gzip': '<= 50'
};

const cell = (/** @type {unknown} */ v, width = 9) => String(v ?? '').padStart(width);

/**
 * @param {Record<string, unknown>} figures
 * @returns {string}
 */
export function table(figures) {
	const lines = [
		`${'figure'.padEnd(38)}${cell('median')}${cell('p95')}${cell('max')}${cell('n', 5)}${cell('floor')}${cell('ratio', 7)}  target`
	];
	/** @param {string} path @param {unknown} value */
	const walk = (path, value) => {
		if (typeof value !== 'object' || value === null) return;
		const f = /** @type {Record<string, any>} */ (value);
		if (f.measured === false) lines.push(`${path.padEnd(38)} not measured: ${f.why}`);
		if (typeof f.median === 'number') {
			lines.push(
				`${path.padEnd(38)}${cell(f.median)}${cell(f.p95)}${cell(f.max)}${cell(f.n, 5)}` +
					`${cell(f.floor?.median)}${cell(f.ratio, 7)}  ${targets[path] ?? ''}`
			);
		}
		for (const [key, inner] of Object.entries(f)) {
			if (key !== 'floor') walk(`${path}.${key}`, inner);
		}
	};
	for (const [name, value] of Object.entries(figures)) {
		if (name === 'bundle_kb') continue;
		walk(name, value);
	}
	const bundle = /** @type {Record<string, any> | undefined} */ (figures.bundle_kb);
	if (bundle) {
		for (const part of [
			'lock_screen',
			'first_page',
			'first_page_idle',
			'capture_route',
			'precache'
		]) {
			const b = bundle[part];
			if (!b) continue;
			lines.push(
				`${`bundle_kb.${part}`.padEnd(38)} js ${b.js_raw} KB (${b.js_gzip} gzip), css ${b.css_raw} KB (${b.css_gzip} gzip), ${b.files} files  ${targets[`bundle_kb.${part}.js_gzip`] ?? ''}`
			);
		}
		const big = bundle.largest_chunk;
		if (big)
			lines.push(
				`${'bundle_kb.largest_chunk'.padEnd(38)} ${big.gzip} KB gzip (${big.file})  ${targets['bundle_kb.largest_chunk.gzip']}`
			);
	}
	return lines.join('\n');
}
