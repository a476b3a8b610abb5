// server_push_per_s: 20 devices, each with its own account and audit, push 25 batches of 100
// changes each to the server at once, over HTTP from this process; changes applied per second
// of wall time, and each batch's round trip. On SQLite (the bench's server), then, in the same
// run, on PostgreSQL with one instance and with two on one database, each on a fresh database;
// with two, each device's batches alternate between them (one session, valid on both).
import { randomBytes } from 'node:crypto';
import { admin, onPostgres } from '../lib/server.js';
import { benchBuild } from '../lib/build.js';
import { counts, sizes } from '../config.js';
import { Api, createAdvisor } from '../lib/api.js';
import { round, summary } from '../lib/stats.js';
import { visit } from '../lib/visit.js';

/**
 * @param {Api[]} apis the device's session on each server @param {string} userId
 * @param {number} seed @param {{ count: number }} resets
 * @returns {Promise<number[]>} each batch's milliseconds
 */
async function device(apis, userId, seed, resets) {
	const clientId = randomBytes(8).toString('hex');
	const total = counts.pushBatches * sizes.pushBatchChanges;
	// A school, an audit, its 25 activities, then observations: exactly `total` changes.
	const { patches } = visit({ userId, observations: total - 27, seed });
	const times = [];
	for (let b = 0; b < counts.pushBatches; b++) {
		const wall = new Date().toISOString();
		const part = patches.slice(b * sizes.pushBatchChanges, (b + 1) * sizes.pushBatchChanges);
		const changes = part.map((p, i) => {
			const seq = b * sizes.pushBatchChanges + i + 1;
			const hlc = `${wall}-${i.toString(16).padStart(4, '0')}-${clientId}`;
			return {
				clientId,
				seq,
				type: p.type,
				recordId: p.id,
				scope: p.scope,
				fields: p.fields,
				hlc,
				base: null
			};
		});
		const t = performance.now();
		// A connection the server dropped is sent again, as a device's sync would (a push is
		// idempotent); each such reset is counted and reported.
		let answer;
		for (let tries = 1; ; tries++) {
			try {
				const api = apis[(seed + b) % apis.length];
				answer = await api.call('/api/sync/push', { body: { protocol: 1, clientId, changes } });
				break;
			} catch (error) {
				if (tries >= 5) throw error;
				resets.count++;
			}
		}
		times.push(performance.now() - t);
		const last = changes[changes.length - 1].seq;
		if (
			answer.status !== 200 ||
			answer.body.lastProcessedSeq !== last ||
			answer.body.quarantined.length
		)
			throw new Error(`batch ${b}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
	}
	return times;
}

/**
 * The measurement on the servers at `bases` (one database behind them all).
 * @param {string[]} bases @param {Api} adminApi
 */
async function pushAt(bases, adminApi) {
	const rates = [];
	const batches = [];
	const resets = { count: 0 };
	for (let run = 0; run < counts.pushRuns; run++) {
		const devices = [];
		for (let i = 0; i < sizes.pushClients; i++) {
			const account = await createAdvisor(adminApi, `Push${run}x${i}`);
			const api = new Api(bases[i % bases.length]);
			const user = await api.signIn(account.email, account.password);
			const apis = bases.map((base) => {
				const other = new Api(base);
				other.cookie = api.cookie;
				return other;
			});
			devices.push({ apis, userId: user.id });
		}
		const t = performance.now();
		const times = await Promise.all(
			devices.map((d, i) => device(d.apis, d.userId, 1000 * run + i, resets))
		);
		const seconds = (performance.now() - t) / 1000;
		rates.push((sizes.pushClients * counts.pushBatches * sizes.pushBatchChanges) / seconds);
		batches.push(...times.flat());
	}
	return {
		...summary(rates.map(round)),
		instances: bases.length,
		clients: sizes.pushClients,
		batches_per_client: counts.pushBatches,
		changes_per_batch: sizes.pushBatchChanges,
		batch_ms: summary(batches),
		connection_resets: resets.count
	};
}

/** @param {{ base: string, adminApi: Api }} env */
export async function serverPushScenario({ base, adminApi }) {
	const sqlite = await pushAt([base], adminApi);
	/** @type {Record<string, unknown>} */
	const figures = { server_push_per_s: sqlite };
	for (const instances of [1, 2]) {
		const measured = await onPostgres(benchBuild, instances, async (bases) => {
			const pgAdmin = new Api(bases[0]);
			await pgAdmin.signIn(admin.email, admin.password);
			return pushAt(bases, pgAdmin);
		});
		if (!measured.measured) {
			console.error(`bench: server_push_per_s on PostgreSQL not measured: ${measured.why}`);
			figures.server_push_per_s_postgres = { measured: false, why: measured.why };
			break;
		}
		// ratio: changes per second beside SQLite's one instance (target for two: >= 1).
		const ratio = round(measured.figures.median / sqlite.median);
		figures[`server_push_per_s_postgres_${instances}`] = { ...measured.figures, ratio };
		console.error(
			`bench: server_push_per_s, PostgreSQL × ${instances} / SQLite × 1 = ${ratio}` +
				(instances === 2 ? ` (target >= 1: ${ratio >= 1 ? 'met' : 'not met'})` : '')
		);
	}
	return figures;
}
