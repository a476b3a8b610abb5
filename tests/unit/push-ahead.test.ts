import type { DBCore, DBCoreOpenCursorRequest, DBCoreQueryRequest, Middleware } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeRecords } from '../../src/lib/client/db/write';
import type { SyncTransport } from '../../src/lib/client/sync/engine';
import { syncOnce } from '../../src/lib/client/sync/engine';
import type { User } from '../../src/lib/domain/user';
import { MAX_BATCH_CHANGES } from '../../src/lib/sync/protocol-shape';
import { schoolFields } from '../helpers/changes';
import { killWrites } from '../helpers/kill-writes';
import { newRecordId, SimDevice, twoAdvisors, type SimServer } from '../helpers/sim';
import type { tempDatabase } from '../helpers/temp-db';

/*
 * Pushing an outbox of more than one batch (issue 16): the device reads the next batch while
 * the server takes the one before, and acknowledges an answer while the next batch travels.
 * The server still meets the batches one at a time, in seq order, and nothing is lost when an
 * acknowledgement fails halfway.
 */

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
let store: Awaited<ReturnType<typeof tempDatabase>>;
let server: SimServer;
let ann: User;

beforeEach(async () => ({ store, server, ann } = await twoAdvisors(T0)));
afterEach(() => store.close());

/** One batch and one change more: two pushes. */
const COUNT = MAX_BATCH_CHANGES + 1;

/** Ann's tablet with two batches waiting; `prepare` runs before its database opens. */
async function tabletWithOutbox(prepare: (tablet: SimDevice) => void = () => undefined) {
	const tablet = new SimDevice('ann', 'a000000000000001', ann, server);
	prepare(tablet);
	const patches = Array.from({ length: COUNT }, (_, i) => ({
		type: 'school' as const,
		id: newRecordId(),
		scope: 'org',
		fields: schoolFields(`School ${i}`)
	}));
	await writeRecords(tablet.db, tablet.clientId, ann.id, patches, tablet.now());
	return tablet;
}

/** Counts the outbox's range reads (a batch read), as they start. */
function countOutboxReads(tablet: SimDevice) {
	const reads = { started: 0 };
	const counter: Middleware<DBCore> = {
		stack: 'dbcore',
		name: 'count-outbox-reads',
		create: (down) => ({
			...down,
			table(name) {
				const table = down.table(name);
				return {
					...table,
					query(req: DBCoreQueryRequest) {
						if (name === 'outbox') reads.started++;
						return table.query(req);
					},
					openCursor(req: DBCoreOpenCursorRequest) {
						if (name === 'outbox') reads.started++;
						return table.openCursor(req);
					}
				};
			}
		})
	};
	tablet.db.use(counter);
	return reads;
}

/** Lets IndexedDB's queued work run: a bounded number of event-loop turns, no clock. */
async function turns(until: () => boolean, most = 200) {
	for (let i = 0; i < most && !until(); i++) await new Promise((r) => setTimeout(r, 0));
}

async function serverLog(clientId: string) {
	const rows = await store.db
		.selectFrom('change_log')
		.select('seq')
		.where('client_id', '=', clientId)
		.orderBy('seq')
		.execute();
	return rows.map((r) => Number(r.seq));
}

describe('a push of more than one batch', () => {
	it('reads the next batch while the server takes the one before, and sends them in order', async () => {
		let reads = { started: 0 };
		const tablet = await tabletWithOutbox((t) => (reads = countOutboxReads(t)));
		const inner = tablet.transport();
		let readWhileFirstTravelled: boolean | null = null;
		const firsts: number[] = [];
		const transport: SyncTransport = {
			...inner,
			push: async (body) => {
				firsts.push((body.changes[0] as { seq: number }).seq);
				if (readWhileFirstTravelled === null) {
					const before = reads.started;
					await turns(() => reads.started > before);
					readWhileFirstTravelled = reads.started > before;
				}
				return inner.push(body);
			}
		};
		const outcome = await syncOnce(tablet.db, transport, tablet.clientId, () => tablet.now());
		expect(outcome).toMatchObject({ ok: true, pushed: COUNT, quarantined: 0 });
		expect(readWhileFirstTravelled).toBe(true);
		expect(firsts).toEqual([1, MAX_BATCH_CHANGES + 1]);
		expect(await tablet.db.outbox.count()).toBe(0);
		expect(await serverLog(tablet.clientId)).toEqual(
			Array.from({ length: COUNT }, (_, i) => i + 1)
		);
	});

	it('keeps every entry when the first acknowledgement fails, and the next sync sends them again', async () => {
		// The first answer's removal from the outbox fails, as a crash or a full disk would,
		// while the second batch is on its way.
		const kill = { table: 'outbox', kind: 'deleteRange' as const, after: 0, seen: 0 };
		const tablet = await tabletWithOutbox((t) => killWrites(t.db, kill));
		expect(await tablet.sync()).toBeNull();
		expect(kill.seen).toBe(1);
		expect(await tablet.db.outbox.count()).toBe(COUNT);
		kill.after = Infinity;
		expect(await tablet.sync()).toMatchObject({ ok: true, pushed: COUNT, quarantined: 0 });
		expect(await tablet.db.outbox.count()).toBe(0);
		expect(await serverLog(tablet.clientId)).toEqual(
			Array.from({ length: COUNT }, (_, i) => i + 1)
		);
	});
});
