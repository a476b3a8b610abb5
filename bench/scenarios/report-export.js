// report_export_ms (issue 11): one component's short report with 500 observations, 20 findings
// (each linked to five notes) and 10 next steps, from the tap to the file ready, for Word and
// for the evidence CSV, through the bundle's own code (read the device, assemble, build the
// file). Beside each, the floor: the same file built from plain objects already in memory
// (docx from the same blocks, papaparse from the same rows), in the same page.
import { v7 as uuidv7 } from 'uuid';
import { counts } from '../config.js';
import { createAdvisor } from '../lib/api.js';
import { openDevice, signedInPage, tablet, writeAll } from '../lib/browser.js';
import { againstFloor } from '../lib/stats.js';
import { visit } from '../lib/visit.js';

const WARM_UP = 2;
const COMPONENT = 'vision-values';

/** The visit's activities and notes all in one component, plus its report. */
function reportPatches(userId) {
	const seeded = visit({ userId, observations: 500, activities: 10, seed: 21 });
	const patches = seeded.patches.map((p) =>
		p.type === 'activity' || p.type === 'observation'
			? { ...p, fields: { ...p.fields, componentId: COMPONENT } }
			: p
	);
	const notes = patches.filter((p) => p.type === 'observation').map((p) => p.id);
	const add = (type, fields) =>
		patches.push({
			type,
			id: uuidv7(),
			scope: seeded.auditId,
			fields: { componentId: COMPONENT, ...fields, deleted: false }
		});
	for (let i = 0; i < 20; i++)
		add('finding', {
			kind: i % 2 ? 'challenge' : 'strength',
			text: `Finding ${i + 1}: what the evidence shows about this supporting practice, in a sentence or two of the advisor's words.`,
			evidence: notes.slice(i * 5, i * 5 + 5),
			position: i
		});
	for (let i = 0; i < 10; i++)
		add('nextStep', {
			text: `Next step ${i + 1}: an action the school agreed, with its owner and date.`,
			owner: i % 2 ? 'PSHE lead' : 'Deputy head',
			due: '2027-03-31',
			status: 'open',
			risk: i % 2 ? 'high' : 'low',
			capacity: i % 3 ? 'high' : 'low',
			findingIds: [],
			position: i
		});
	return { auditId: seeded.auditId, patches };
}

/** @param {import('@playwright/test').Page} page @param {string} auditId @param {number} n */
async function samples(page, auditId, n) {
	return page.evaluate(
		async ({ auditId, n, componentId }) => {
			const h = globalThis.__fieldbookBench;
			const db = globalThis.__device.db;
			const files = await h.exportFiles();
			const floor = await h.exportFloor();
			const request = {
				auditId,
				componentId,
				includePhotos: false,
				people: [],
				today: '2026-11-26'
			};
			const out = { word: [], wordFloor: [], csv: [], csvFloor: [], bytes: {} };
			for (let i = 0; i < n; i++) {
				let t = performance.now();
				const word = await files.wordFile(db, await h.exportSource(db, request));
				out.word.push(performance.now() - t);
				t = performance.now();
				const csv = await files.evidenceCsv(await h.exportSource(db, request), componentId);
				out.csv.push(performance.now() - t);
				out.bytes = { word: word.size, csv: csv.size };

				// The floors: the same document from plain objects already built.
				const source = await h.exportSource(db, request);
				const blocks = structuredClone(source.blocks);
				const rows = source.data.notes.map((n) => [
					n.componentId,
					n.kind,
					n.activityTitle,
					n.capturedAt,
					n.location ?? '',
					n.practiceIds.join('; '),
					n.judgement,
					n.verbatim ? 'yes' : 'no',
					n.text,
					n.photoHashes.length
				]);
				t = performance.now();
				await floor.buildDocx(blocks, async () => null);
				out.wordFloor.push(performance.now() - t);
				t = performance.now();
				floor.papaparse.unparse({
					fields: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'],
					data: rows
				});
				out.csvFloor.push(performance.now() - t);
			}
			return out;
		},
		{ auditId, n, componentId: COMPONENT }
	);
}

/** @param {{ browser: import('@playwright/test').Browser, base: string, adminApi: import('../lib/api.js').Api }} env */
export async function reportExportScenario({ browser, base, adminApi }) {
	const account = await createAdvisor(adminApi, 'Reports');
	const context = await browser.newContext(tablet);
	try {
		const { page, userId } = await signedInPage(context, base, account);
		await openDevice(page, userId);
		const { auditId, patches } = reportPatches(userId);
		await writeAll(page, patches);
		const out = await samples(page, auditId, counts.exports + WARM_UP);
		const cut = (/** @type {number[]} */ list) => list.slice(WARM_UP);
		return {
			report_export_ms: {
				word: { ...againstFloor(cut(out.word), cut(out.wordFloor)), bytes: out.bytes.word },
				csv: { ...againstFloor(cut(out.csv), cut(out.csvFloor)), bytes: out.bytes.csv },
				observations: 500,
				findings: 20,
				next_steps: 10
			}
		};
	} finally {
		await context.close();
	}
}
