// server_push_per_s: 20 devices, each with its own account and audit, push 25 batches of 100
// changes each to the server at once, over HTTP from this process; changes applied per second
// of wall time, and each batch's round trip.
import { randomBytes } from 'node:crypto';
import { counts, sizes } from '../config.js';
import { Api, createAdvisor } from '../lib/api.js';
import { round, summary } from '../lib/stats.js';
import { visit } from '../lib/visit.js';

/**
 * @param {Api} api @param {string} userId @param {number} seed @param {{ count: number }} resets
 * @returns {Promise<number[]>} each batch's milliseconds
 */
async function device(api, userId, seed, resets) {
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

/** @param {{ base: string, adminApi: Api }} env */
export async function serverPushScenario({ base, adminApi }) {
	const rates = [];
	const batches = [];
	const resets = { count: 0 };
	for (let run = 0; run < counts.pushRuns; run++) {
		const devices = [];
		for (let i = 0; i < sizes.pushClients; i++) {
			const account = await createAdvisor(adminApi, `Push${run}x${i}`);
			const api = new Api(base);
			const user = await api.signIn(account.email, account.password);
			devices.push({ api, userId: user.id });
		}
		const t = performance.now();
		const times = await Promise.all(
			devices.map((d, i) => device(d.api, d.userId, 1000 * run + i, resets))
		);
		const seconds = (performance.now() - t) / 1000;
		rates.push((sizes.pushClients * counts.pushBatches * sizes.pushBatchChanges) / seconds);
		batches.push(...times.flat());
	}
	return {
		server_push_per_s: {
			...summary(rates.map(round)),
			clients: sizes.pushClients,
			batches_per_client: counts.pushBatches,
			changes_per_batch: sizes.pushBatchChanges,
			batch_ms: summary(batches),
			connection_resets: resets.count
		}
	};
}
