import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { User } from '../../src/lib/domain/user';
import { getMeta } from '../../src/lib/client/db/meta';
import { createUser } from '../../src/lib/server/users';
import { newRecordId, SimDevice, type Fault, type SimServer } from '../helpers/sim';
import { testEngine } from '../helpers/postgres';
import { tempDatabase } from '../helpers/temp-db';

// 200 runs in the normal test command (50 on PostgreSQL, where a fresh schema per run costs
// three times as much); FC_RUNS=10000 npm run test:unit runs more.
const RUNS = Number(process.env.FC_RUNS ?? (testEngine === 'postgres' ? 50 : 200));
const T0 = Date.parse('2026-11-23T09:00:00.000Z');

// Mostly a working network, so that devices do see each other's writes between the faults.
const fault = fc.constantFrom<Fault>(
	'ok',
	'ok',
	'ok',
	'ok',
	'ok',
	'drop',
	'lose-reply',
	'duplicate'
);
const device = fc.integer({ min: 0, max: 2 });
const action = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('create' as const),
			device,
			text: fc.string({ maxLength: 12 })
		})
	},
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('edit' as const),
			device,
			pick: fc.nat(),
			text: fc.string({ maxLength: 12 })
		})
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('judge' as const),
			device,
			pick: fc.nat(),
			judgement: fc.constantFrom('strength', 'development', 'neutral')
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({ kind: fc.constant('delete' as const), device, pick: fc.nat() })
	},
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('sync' as const),
			device,
			faults: fc.array(fault, { maxLength: 4 })
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({ kind: fc.constant('replay' as const), device, pick: fc.nat() })
	},
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), device }) },
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('jump' as const),
			device,
			skewMs: fc.constantFrom(-600_000, 0, 0, 600_000)
		})
	}
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

async function serverValues(server: SimServer) {
	const rows = await server.db.selectFrom('record_fields').selectAll().execute();
	const records: Record<string, Record<string, unknown>> = {};
	for (const r of rows) (records[r.record_id] ??= {})[r.field] = JSON.parse(r.value_json);
	return records;
}

async function deviceValues(d: SimDevice) {
	const records: Record<string, Record<string, unknown>> = {};
	for (const r of await d.db.records.toArray()) records[r.id] = r.values;
	return records;
}

async function run(actions: Action[]) {
	const store = await tempDatabase();
	const server: SimServer = { db: store.db, now: T0 };
	try {
		const ann: User = await createUser(store.db, {
			email: 'ann@x.org',
			name: 'Ann',
			password: 'a long enough password',
			role: 'advisor'
		});
		const bob: User = await createUser(store.db, {
			email: 'bob@x.org',
			name: 'Bob',
			password: 'a long enough password',
			role: 'advisor'
		});
		// Two devices of Ann's and one of Bob's, all on one audit.
		const devices = [
			new SimDevice('ann-tablet', 'a000000000000001', ann, server),
			new SimDevice('ann-phone', 'a000000000000002', ann, server),
			new SimDevice('bob-tablet', 'b000000000000001', bob, server)
		];
		const schoolId = newRecordId();
		const auditId = newRecordId();
		const activityId = newRecordId();
		await devices[0]!.write({
			type: 'school',
			id: schoolId,
			scope: 'org',
			fields: {
				name: 'Drayton Park',
				urn: '100412',
				phase: 'primary',
				localAuthority: 'Islington',
				deleted: false
			}
		});
		await devices[0]!.write({
			type: 'audit',
			id: auditId,
			scope: auditId,
			fields: {
				schoolId,
				title: 'Autumn',
				frameworkId: 'imhars',
				members: [ann.id, bob.id],
				lead: ann.id,
				stage: 3,
				componentIds: ['vision-values'],
				deleted: false
			}
		});
		for (const d of devices) expect((await d.sync())?.ok).toBe(true);

		let counter = 0;
		const observations = async (d: SimDevice) =>
			(
				await d.db.records.where('[type+scope]').equals(['observation', auditId]).sortBy('id')
			).filter((r) => r.deleted === 0);
		for (const a of actions) {
			server.now += 1000;
			const d = devices[a.device]!;
			switch (a.kind) {
				case 'create':
					await d.write({
						type: 'observation',
						id: newRecordId(),
						scope: auditId,
						fields: {
							activityId,
							componentId: 'vision-values',
							text: `${a.text}#${counter++}`,
							practiceIds: [],
							judgement: 'neutral',
							capturedAt: new Date(server.now).toISOString(),
							location: null,
							photoHashes: [],
							deleted: false
						}
					});
					break;
				case 'edit':
				case 'judge':
				case 'delete': {
					const list = await observations(d);
					const target = list[a.pick % Math.max(1, list.length)];
					if (!target) break;
					const fields =
						a.kind === 'edit'
							? { text: `${a.text}#${counter++}` }
							: a.kind === 'judge'
								? { judgement: a.judgement }
								: { deleted: true };
					await d.write({ type: 'observation', id: target.id, scope: auditId, fields });
					break;
				}
				case 'sync':
					d.faults = [...a.faults];
					await d.sync();
					d.faults = [];
					break;
				case 'replay':
					await d.replay(a.pick);
					break;
				case 'restart':
					d.restart();
					break;
				case 'jump':
					d.skewMs = a.skewMs;
					break;
			}
		}

		// A final full sync, twice round, with no faults and no new writes.
		for (let round = 0; round < 2; round++) {
			for (const d of devices) {
				const outcome = await d.sync();
				expect(outcome?.ok, `${d.name} final sync`).toBe(true);
			}
		}

		const onServer = await serverValues(server);
		for (const d of devices) {
			expect(await d.db.outbox.count(), `${d.name} outbox`).toBe(0);
			expect(await deviceValues(d), `${d.name} equals the server`).toEqual(onServer);
			expect(await d.db.quarantine.count(), `${d.name} quarantine`).toBe(0);
		}

		// One log entry per (clientId, seq), and every seq a device used is there.
		const log = await store.db.selectFrom('change_log').selectAll().execute();
		for (const d of devices) {
			const seqs = log
				.filter((e) => e.client_id === d.clientId)
				.map((e) => Number(e.seq))
				.sort((x, y) => x - y);
			const used = await getMeta(d.db, 'nextSeq');
			expect(seqs).toEqual(Array.from({ length: used - 1 }, (_, i) => i + 1));
		}

		// Every text ever written reached the server, and is still there as a value or in a
		// conflict unless a later write that had seen it replaced it.
		const textWrites = log.filter(
			(e) => e.type === 'observation' && 'text' in JSON.parse(e.fields_json)
		);
		const conflictTexts = new Set(
			Object.values(onServer)
				.filter((r) => r.field === 'text')
				.flatMap((r) => (r.values as { value: string }[]).map((v) => v.value))
		);
		for (const w of textWrites) {
			const text = JSON.parse(w.fields_json).text as string;
			const superseded = textWrites.some(
				(o) =>
					o !== w &&
					o.record_id === w.record_id &&
					o.base_json &&
					JSON.parse(o.base_json).text === w.hlc
			);
			const kept = onServer[w.record_id]?.text === text || conflictTexts.has(text);
			expect(kept || superseded, `text "${text}" is kept`).toBe(true);
		}
		const written = counter;
		const reached = new Set(textWrites.map((w) => JSON.parse(w.fields_json).text as string));
		expect(reached.size).toBe(written);
	} finally {
		await store.close();
	}
}

describe('sync convergence (fast-check)', () => {
	it(
		`converges after any interleaving of writes, faults, restarts and clock jumps (${RUNS} runs)`,
		async () => {
			// Always tried as well: two devices edit one note and the earlier edit arrives last.
			const editedOutOfOrder: Action[] = [
				{ kind: 'create', device: 0, text: 'a' },
				{ kind: 'sync', device: 0, faults: [] },
				{ kind: 'sync', device: 1, faults: [] },
				{ kind: 'sync', device: 2, faults: [] },
				{ kind: 'edit', device: 2, pick: 0, text: 'early' },
				{ kind: 'edit', device: 1, pick: 0, text: 'late' },
				{ kind: 'sync', device: 1, faults: [] },
				{ kind: 'sync', device: 2, faults: [] }
			];
			// Found by this test: a late copy of a push sent before a clock-ahead re-stamp carries the
			// old stamps; it is a replay, not another tablet reusing the seqs, and must not make the
			// server report the applied change as quarantined.
			const staleReplayAfterRestamp: Action[] = [
				{ kind: 'create', device: 2, text: '' },
				{ kind: 'replay', device: 0, pick: 0 },
				{ kind: 'edit', device: 0, pick: 0, text: '' },
				{ kind: 'edit', device: 0, pick: 0, text: '' },
				{ kind: 'edit', device: 0, pick: 0, text: '' },
				{ kind: 'create', device: 0, text: '' },
				{ kind: 'create', device: 0, text: '' },
				{ kind: 'jump', device: 0, skewMs: -600000 },
				{ kind: 'edit', device: 0, pick: 0, text: '' },
				{ kind: 'jump', device: 0, skewMs: -600000 },
				{ kind: 'create', device: 0, text: '' },
				{ kind: 'jump', device: 2, skewMs: 600000 },
				{ kind: 'sync', device: 0, faults: [] },
				{ kind: 'judge', device: 0, pick: 0, judgement: 'strength' },
				{ kind: 'edit', device: 0, pick: 0, text: '' },
				{ kind: 'edit', device: 2, pick: 0, text: '' },
				{ kind: 'sync', device: 2, faults: ['ok', 'lose-reply'] },
				{ kind: 'create', device: 0, text: '' },
				{ kind: 'create', device: 0, text: '' },
				{ kind: 'replay', device: 2, pick: 349553984 },
				{ kind: 'jump', device: 0, skewMs: -600000 }
			] as Action[];
			await fc.assert(
				fc.asyncProperty(fc.array(action, { minLength: 20, maxLength: 40 }), (actions) =>
					run(actions)
				),
				{ numRuns: RUNS, examples: [[editedOutOfOrder], [staleReplayAfterRestamp]] }
			);
		},
		// About 80 ms a run here; room for a slower machine.
		Math.max(600_000, RUNS * 300)
	);
});
