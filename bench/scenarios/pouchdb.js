// peer_pouchdb_sync_ms: the same visit as day_sync_ms (the same records, as documents) through
// PouchDB in the same Chromium: one database replicates to a CouchDB-protocol server on
// loopback, and a second, fresh one replicates everything from it.
import { join } from 'node:path';
import { counts, ports, sizes } from '../config.js';
import { tablet } from '../lib/browser.js';
import { startPouchServer } from '../lib/pouch-server.js';
import { scratch } from '../lib/server.js';
import { summary } from '../lib/stats.js';
import { visit } from '../lib/visit.js';

/** @param {{ browser: import('@playwright/test').Browser }} env */
export async function pouchdbScenario({ browser }) {
	const server = await startPouchServer(ports.pouch, join(scratch('pouch'), 'log.txt'));
	const context = await browser.newContext(tablet);
	try {
		const page = await context.newPage();
		await page.goto(`${server.url}/bench.html`);
		await page.waitForFunction(() => 'PouchDB' in globalThis);
		const total = [];
		const push = [];
		const pull = [];
		for (let run = 0; run < counts.dayRuns; run++) {
			// The same seeds as day_sync_ms: the same notes, field for field.
			const seeded = visit({
				userId: 'peer',
				observations: sizes.dayObservations,
				seed: 100 + run
			});
			const docs = seeded.patches.map((p) => ({
				_id: p.id,
				type: p.type,
				scope: p.scope,
				...p.fields
			}));
			const ms = await page.evaluate(
				async ({ docs, remote, run }) => {
					const PouchDB = /** @type {any} */ (globalThis).PouchDB;
					const first = new PouchDB(`first-${run}`);
					await first.bulkDocs(docs);
					let t = performance.now();
					const sent = await first.replicate.to(remote);
					const push = performance.now() - t;
					const second = new PouchDB(`second-${run}`);
					t = performance.now();
					const got = await second.replicate.from(remote);
					const pull = performance.now() - t;
					if (sent.docs_written !== docs.length || got.docs_written !== docs.length)
						throw new Error(
							`replicated ${sent.docs_written} and ${got.docs_written} of ${docs.length}`
						);
					return { push, pull };
				},
				{ docs, remote: `${server.url}/visit-${run}`, run }
			);
			push.push(ms.push);
			pull.push(ms.pull);
			total.push(ms.push + ms.pull);
		}
		return {
			peer_pouchdb_sync_ms: {
				...summary(total),
				parts: { push_ms: summary(push), pull_ms: summary(pull) },
				documents: sizes.dayObservations + 27
			}
		};
	} finally {
		await context.close();
		await server.stop();
	}
}
