// Visits put on the server as another tablet pushes them (DESIGN.md §6), for the scenarios that
// open screens of an audit, or pull one, without writing it through a page first.
import { randomBytes } from 'node:crypto';
import { visit } from './visit.js';

/** Changes per push: about 1 KB each, well under the 2 MB a push may carry. */
const BATCH = 400;

/**
 * Pushes a visit (its school, audit, `activities` activities and `observations` notes) as user
 * `userId`, from a tablet of its own, in batches.
 * @param {import('./api.js').Api} api @param {string} userId
 * @param {{ observations?: number, activities?: number, seed?: number, title?: string }} [options]
 */
export async function pushVisit(
	api,
	userId,
	{ observations = 10, activities = 2, seed = 5, title } = {}
) {
	const seeded = visit({ userId, observations, activities, seed, title });
	const clientId = randomBytes(8).toString('hex');
	// A minute ago, so no stamp runs ahead of the server's clock; 1,000 stamps per millisecond.
	const start = Date.now() - 60_000;
	const hlc = (/** @type {number} */ i) =>
		`${new Date(start + Math.floor(i / 1000)).toISOString()}-${(i % 1000).toString(16).padStart(4, '0')}-${clientId}`;
	const changes = seeded.patches.map((p, i) => ({
		clientId,
		seq: i + 1,
		type: p.type,
		recordId: p.id,
		scope: p.scope,
		fields: p.fields,
		hlc: hlc(i),
		base: null
	}));
	for (let i = 0; i < changes.length; i += BATCH) {
		const body = { protocol: 1, clientId, changes: changes.slice(i, i + BATCH) };
		const push = await api.call('/api/sync/push', { body });
		if (push.status !== 200 || push.body.quarantined.length)
			throw new Error(`seeding: ${push.status} ${JSON.stringify(push.body).slice(0, 500)}`);
	}
	return { ...seeded, changes: changes.length };
}
