import 'fake-indexeddb/auto';
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldbookDatabase } from '../../src/lib/client/db/database';
import type { User } from '../../src/lib/domain/user';
import { observationFields } from '../helpers/changes';
import {
	newRecordId,
	SimDevice,
	twoAdvisors,
	writeAuditWithNote,
	type SimServer
} from '../helpers/sim';
import { tempDatabase } from '../helpers/temp-db';

/* A sync with nothing to send or fetch (noop_sync_ms, issue 16) writes only when it synced. */

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
let store: Awaited<ReturnType<typeof tempDatabase>>;
let server: SimServer;
let ann: User;
let bob: User;

beforeEach(async () => ({ store, server, ann, bob } = await twoAdvisors(T0)));
afterEach(() => store.close());

/** Every write the device's database takes, as `table put key…`; registered before it opens. */
function recordWrites(db: FieldbookDatabase): string[] {
	const writes: string[] = [];
	const describe = (table: string, req: DBCoreMutateRequest) => {
		const keys =
			req.type === 'put' || req.type === 'add'
				? (req.keys ??
					req.values.map(
						(v) => (v as { key?: unknown; id?: unknown }).key ?? (v as { id?: unknown }).id
					))
				: req.type === 'delete'
					? req.keys
					: ['range'];
		return `${table} ${req.type} ${keys.map(String).join(',')}`;
	};
	db.use({
		stack: 'dbcore',
		name: 'record-writes',
		create: (down: DBCore): DBCore => ({
			...down,
			table(name) {
				const table = down.table(name);
				return {
					...table,
					mutate(req) {
						writes.push(describe(name, req));
						return table.mutate(req);
					}
				};
			}
		})
	});
	return writes;
}

describe('a sync with nothing to fetch', () => {
	it('writes only the time of the sync; the cursor, clock and records stay as they were', async () => {
		const tablet = new SimDevice('tablet', 'a000000000000001', ann, server);
		const writes = recordWrites(tablet.db);
		const { auditId } = await writeAuditWithNote(tablet, ann.id, [ann.id, bob.id], null);
		expect(await tablet.sync()).toMatchObject({ ok: true, pushed: 2, pulled: 2 });
		const cursor = (await tablet.db.meta.get('cursor'))?.value;
		expect(cursor).toEqual(expect.any(String));

		writes.length = 0;
		server.now += 60_000;
		expect(await tablet.sync()).toMatchObject({ ok: true, pushed: 0, pulled: 0 });
		expect(writes).toEqual(['meta put lastSync']);
		expect((await tablet.db.meta.get('cursor'))?.value).toBe(cursor);
		expect((await tablet.db.meta.get('lastSync'))?.value).toBe(new Date(T0 + 60_000).toISOString());

		// Something new after all: it is applied and the cursor moves on, as before.
		const laptop = new SimDevice('laptop', 'b000000000000001', bob, server);
		expect(await laptop.sync()).toMatchObject({ ok: true, pulled: 2 });
		await laptop.write({
			type: 'observation',
			id: newRecordId(),
			scope: auditId,
			fields: observationFields(newRecordId(), 'Bob saw the garden')
		});
		await laptop.sync();
		const clock = (await tablet.db.meta.get('counters'))?.value;
		expect(await tablet.sync()).toMatchObject({ ok: true, pulled: 1 });
		// The clock is stored in the counters row (database version 6, meta.ts), moved on; the
		// page, a new record only, is written on IndexedDB itself (pull-ahead.ts), not seen here.
		expect((await tablet.db.meta.get('counters'))?.value).not.toEqual(clock);
		expect(await tablet.db.meta.get('hlc')).toBeUndefined();
		expect((await tablet.db.meta.get('cursor'))?.value).not.toBe(cursor);
		expect(await tablet.db.records.count()).toBe(3);
	});

	it('still keeps the first cursor a fresh device is given, though its page is empty', async () => {
		const tablet = new SimDevice('tablet', 'a000000000000001', ann, server);
		expect(await tablet.db.meta.get('cursor')).toBeUndefined();
		expect(await tablet.sync()).toMatchObject({ ok: true, pushed: 0, pulled: 0 });
		const cursor = (await tablet.db.meta.get('cursor'))?.value;
		expect(cursor).toMatch(/^0\.[0-9a-f]{16}$/);
	});
});
