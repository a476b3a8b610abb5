import { deviceSession } from './device.svelte';
import { openDevice } from './db/device';
import { storePhoto } from './db/photos';
import { writeRecord, writeRecords } from './db/write';
import { syncOnce } from './sync/engine';
import { httpTransport } from './sync/http-transport';
import { syncRunner } from './sync/runner.svelte';
import { exportSource } from './report/export-input';

/**
 * Only in a bench build (`FIELDBOOK_BENCH=1`, see bench/build.js): the app's own device store,
 * write function and sync engine, from the built bundle, on `window.__fieldbookBench` for
 * `npm run bench` to drive. A normal build holds none of this (hooks.client.ts).
 */
export function expose() {
	Object.assign(globalThis, {
		__fieldbookBench: {
			openDevice,
			writeRecord,
			writeRecords,
			storePhoto,
			syncOnce,
			httpTransport,
			deviceSession,
			syncRunner,
			// The report exports (issue 11: report_export_ms); their heavy parts load on demand.
			exportSource,
			exportFiles: () => import('./report/export/files'),
			exportFloor: async () => ({
				...(await import('./report/export/docx')),
				papaparse: (await import('papaparse')).default
			})
		}
	});
}
