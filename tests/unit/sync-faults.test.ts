import { createServer, type Socket } from 'node:net';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import { storePhoto } from '../../src/lib/client/db/photos';
import { InvalidWrite, writeRecord } from '../../src/lib/client/db/write';
import { syncOnce, type SyncTransport } from '../../src/lib/client/sync/engine';
import { httpTransport } from '../../src/lib/client/sync/http-transport';
import type { User } from '../../src/lib/domain/user';
import { pullChanges } from '../../src/lib/server/sync/pull';
import { pushChanges } from '../../src/lib/server/sync/push';
import { createUser } from '../../src/lib/server/users';
import {
	auditFields,
	FakeDevice,
	newId,
	observationFields,
	schoolFields
} from '../helpers/changes';
import {
	newRecordId,
	SimDevice,
	twoAdvisors,
	type SimServer,
	writeAuditWithNote
} from '../helpers/sim';
import { tempDatabase } from '../helpers/temp-db';
import { killTransactions } from '../helpers/kill-writes';
import { unlockedVault } from '../helpers/vault';

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
const MINUTE = 60_000;
let store: Awaited<ReturnType<typeof tempDatabase>>;
let server: SimServer;
let ann: User;
let bob: User;

beforeEach(async () => ({ store, server, ann, bob } = await twoAdvisors(T0)));
afterEach(() => store.close());

/** Ann's audit (Bob is not a member) with one note, written and synced on Ann's tablet. */
async function annsAudit(tablet: SimDevice) {
	const { auditId, noteId } = await writeAuditWithNote(tablet, ann.id, [ann.id], 'v0');
	expect(await tablet.sync()).toMatchObject({ ok: true });
	return { auditId, noteId };
}

/** The text of a record's field as the server holds it. */
async function serverValue(recordId: string, field: string) {
	const row = await store.db
		.selectFrom('record_fields')
		.select('value_json')
		.where('record_id', '=', recordId)
		.where('field', '=', field)
		.executeTakeFirst();
	return row && (JSON.parse(row.value_json) as unknown);
}

/** A transport that notes the status of every push it carries. */
function counting(inner: SyncTransport, statuses: number[]): SyncTransport {
	return {
		...inner,
		push: async (body) => {
			const reply = await inner.push(body);
			statuses.push(reply.status);
			return reply;
		}
	};
}

describe('a change the server quarantines', () => {
	it('still reaches the device quarantine when the reply to its push was lost', async () => {
		const { auditId } = await annsAudit(new SimDevice('ann', 'a000000000000001', ann, server));
		const bobs = new SimDevice('bob', 'b000000000000001', bob, server);
		const note = observationFields(newRecordId(), 'Written into an audit Bob is not on');
		await bobs.write({ type: 'observation', id: newRecordId(), scope: auditId, fields: note });

		bobs.faults = ['lose-reply'];
		expect(await bobs.sync()).toBeNull();
		expect(await bobs.sync()).toMatchObject({ ok: true });
		expect(await bobs.db.outbox.count()).toBe(0);
		const kept = await bobs.db.quarantine.toArray();
		expect(kept.map((q) => [q.seq, q.reason, q.change.fields.text])).toEqual([
			[1, 'forbidden', 'Written into an audit Bob is not on']
		]);
	});

	it('still reaches the device quarantine when its batch then met clock-ahead', async () => {
		const { auditId } = await annsAudit(new SimDevice('ann', 'a000000000000001', ann, server));
		const bobs = new SimDevice('bob', 'b000000000000001', bob, server);
		const note = observationFields(newRecordId(), 'Forbidden, then a fast clock');
		await bobs.write({ type: 'observation', id: newRecordId(), scope: auditId, fields: note });
		bobs.skewMs = 10 * MINUTE;
		const schoolId = newRecordId();
		await bobs.write({ type: 'school', id: schoolId, scope: 'org', fields: schoolFields('Ahead') });

		const statuses: number[] = [];
		const outcome = await syncOnce(
			bobs.db,
			counting(bobs.transport(), statuses),
			bobs.clientId,
			() => bobs.now()
		);
		expect(statuses).toEqual([409, 200]);
		expect(outcome).toMatchObject({ ok: true, quarantined: 1 });
		expect((await bobs.db.quarantine.toArray()).map((q) => [q.seq, q.reason])).toEqual([
			[1, 'forbidden']
		]);
		expect(await serverValue(schoolId, 'name')).toBe('Ahead');
		expect(await bobs.db.outbox.count()).toBe(0);
	});
});

describe('two tablets writing on under one clientId (a backup restored on a second tablet)', () => {
	it('keeps the second one’s different change in quarantine instead of dropping it as a duplicate', async () => {
		const { auditId } = await annsAudit(new SimDevice('ann', 'a000000000000001', ann, server));
		const original = new SimDevice('original', 'c000000000000001', ann, server);
		const restored = new SimDevice('restored', 'c000000000000001', ann, server);
		const note = (sim: SimDevice, text: string) =>
			sim.write({
				type: 'observation',
				id: newRecordId(),
				scope: auditId,
				fields: observationFields(newRecordId(), text)
			});
		await note(original, 'Written on the original tablet');
		server.now += 1000;
		await note(restored, 'Written on the restored tablet');
		expect(await original.sync()).toMatchObject({ ok: true, pushed: 1, quarantined: 0 });
		expect(await restored.sync()).toMatchObject({ ok: true, quarantined: 1 });

		const kept = await restored.db.quarantine.toArray();
		expect(kept.map((q) => [q.seq, q.reason, q.change.fields.text])).toEqual([
			[1, 'invalid', 'Written on the restored tablet']
		]);
		const onServer = await store.db.selectFrom('quarantine').select('change_json').execute();
		expect(onServer.map((r) => JSON.parse(r.change_json).fields.text)).toEqual([
			'Written on the restored tablet'
		]);
		// A true replay of the original's change is still a plain duplicate.
		await original.replay(0);
		expect(await store.db.selectFrom('quarantine').select('seq').execute()).toHaveLength(1);
	});
});

describe('a device whose clock runs fast', () => {
	it('re-stamps a later edit above its own accepted one, so the later words win everywhere', async () => {
		const tablet = new SimDevice('ann', 'a000000000000001', ann, server);
		const { auditId, noteId } = await annsAudit(tablet);
		const edit = (text: string) =>
			tablet.write({ type: 'observation', id: noteId, scope: auditId, fields: { text } });

		tablet.skewMs = 4 * MINUTE + 54_000; // under the 5-minute limit: accepted as it is
		await edit('v1');
		expect(await tablet.sync()).toMatchObject({ ok: true });
		server.now += MINUTE;
		tablet.skewMs = 6 * MINUTE; // now past it
		await edit('v2, written later');
		expect(await tablet.sync()).toMatchObject({ ok: true });

		expect(await serverValue(noteId, 'text')).toBe('v2, written later');
		expect((await tablet.db.records.get(noteId))?.values.text).toBe('v2, written later');
	});

	it('meets clock-ahead once, not on every sync after it', async () => {
		const tablet = new SimDevice('ann', 'a000000000000001', ann, server);
		tablet.skewMs = 10 * MINUTE;
		const { auditId, noteId } = await annsAudit(tablet);
		const others = new SimDevice('ann-phone', 'a000000000000002', ann, server);
		await others.sync(); // a second device of Ann's, whose write the tablet will pull
		await others.write({
			type: 'observation',
			id: noteId,
			scope: auditId,
			fields: { judgement: 'neutral' }
		});
		await others.sync();

		const statuses: number[] = [];
		for (let i = 0; i < 3; i++) {
			server.now += MINUTE;
			await tablet.write({
				type: 'observation',
				id: noteId,
				scope: auditId,
				fields: { text: `edit ${i}` }
			});
			const transport = counting(tablet.transport(), statuses);
			expect(
				await syncOnce(tablet.db, transport, tablet.clientId, () => tablet.now())
			).toMatchObject({
				ok: true
			});
		}
		expect(statuses).toEqual([200, 200, 200]);
		expect(await serverValue(noteId, 'text')).toBe('edit 2');
	});
});

describe('rights', () => {
	it('never revokes an audit from an admin taken off its members, who keeps pulling it', async () => {
		const admin = await createUser(store.db, {
			email: 'admin@x.org',
			name: 'Ada',
			password: 'a long enough password',
			role: 'admin'
		});
		const device = new FakeDevice('ad00000000000001', T0);
		const schoolId = newId();
		const auditId = newId();
		const body = device.body([
			device.change('school', schoolId, 'org', schoolFields()),
			device.change('audit', auditId, auditId, auditFields(schoolId, admin.id, [admin.id, ann.id]))
		]);
		await pushChanges(store.db, admin, body, T0);
		const handOver = device.change('audit', auditId, auditId, { lead: ann.id, members: [ann.id] });
		expect((await pushChanges(store.db, admin, device.body([handOver]), T0)).status).toBe(200);

		const first = await pullChanges(store.db, admin, null, 100);
		expect(first.revokedScopes).toEqual([]);
		const anns = new FakeDevice('a000000000000001', T0 + 1000);
		const note = anns.change('observation', newId(), auditId, observationFields(newId(), 'Later'));
		await pushChanges(store.db, ann, anns.body([note]), T0 + 1000);
		const next = await pullChanges(store.db, admin, first.cursor, 100);
		expect(next.changes.map((c) => c.fields.text)).toEqual(['Later']);
		expect(next.revokedScopes).toEqual([]);
	});

	it('refuses on the device an audit whose lead is not a member, as the server would', async () => {
		const db = new FieldbookDatabase(
			'device',
			{ indexedDB: new IDBFactory(), IDBKeyRange },
			unlockedVault()
		);
		const auditId = newRecordId();
		const fields = { ...auditFields(newRecordId(), ann.id), lead: bob.id };
		const write = writeRecord(db, 'a000000000000001', ann.id, {
			type: 'audit',
			id: auditId,
			scope: auditId,
			fields
		});
		await expect(write).rejects.toThrow(new InvalidWrite('The lead must be a member'));
		expect(await db.records.count()).toBe(0);
		expect(await db.outbox.count()).toBe(0);
	});
});

describe('a member taken off an audit', () => {
	it('keeps their unsent note in quarantine, and drops the audit and its photos from the device', async () => {
		const annTablet = new SimDevice('ann', 'a000000000000001', ann, server);
		const bobTablet = new SimDevice('bob', 'b000000000000001', bob, server);
		const schoolId = newRecordId();
		const [lost, kept] = [newRecordId(), newRecordId()];
		await annTablet.write({ type: 'school', id: schoolId, scope: 'org', fields: schoolFields() });
		for (const [auditId, members] of [
			[lost, [ann.id, bob.id]],
			[kept, [bob.id]]
		] as const) {
			const lead = members[0];
			const fields = auditFields(schoolId, lead, [...members]);
			const author = lead === ann.id ? annTablet : bobTablet;
			await author.write({ type: 'audit', id: auditId, scope: auditId, fields });
			await author.sync();
		}
		await bobTablet.sync();
		const photo = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
		const only = await storePhoto(bobTablet.db, photo('only in the lost audit'), 'image/jpeg');
		const shared = await storePhoto(bobTablet.db, photo('in both audits'), 'image/jpeg');
		const note = (scope: string, text: string, photoHashes: string[]) =>
			bobTablet.write({
				type: 'observation',
				id: newRecordId(),
				scope,
				fields: { ...observationFields(newRecordId(), text), photoHashes }
			});
		await note(lost, 'Seen before removal', [only, shared]);
		await note(kept, 'In an audit Bob keeps', [shared]);
		expect(await bobTablet.sync()).toMatchObject({ ok: true });

		await annTablet.sync();
		await annTablet.write({ type: 'audit', id: lost, scope: lost, fields: { members: [ann.id] } });
		await annTablet.sync();
		await note(lost, 'Written after removal, before syncing', []);
		expect(await bobTablet.sync()).toMatchObject({ ok: true, quarantined: 1 });

		const quarantine = await bobTablet.db.quarantine.toArray();
		expect(quarantine.map((q) => [q.reason, q.change.fields.text])).toEqual([
			['forbidden', 'Written after removal, before syncing']
		]);
		expect(await bobTablet.db.records.where('scope').equals(lost).count()).toBe(0);
		expect(await bobTablet.db.records.where('scope').equals(kept).count()).toBe(2);
		expect((await bobTablet.db.photos.toArray()).map((p) => p.hash)).toEqual([shared]);
	});
});

describe('a server that takes the connection and never answers', () => {
	let sockets: Socket[] = [];
	const silent = createServer((socket) => void sockets.push(socket));
	afterEach(() => {
		for (const s of sockets) s.destroy();
		sockets = [];
		silent.close();
	});

	it('ends the sync at the deadline with everything still waiting', async () => {
		await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
		const { port } = silent.address() as { port: number };
		const tablet = new SimDevice('ann', 'a000000000000001', ann, server);
		await tablet.write({ type: 'school', id: newRecordId(), scope: 'org', fields: schoolFields() });

		const transport = httpTransport(`http://127.0.0.1:${port}`, fetch, 300);
		await expect(syncOnce(tablet.db, transport, tablet.clientId)).rejects.toThrow();
		expect(sockets.length).toBeGreaterThan(0);
		expect(await tablet.db.outbox.count()).toBe(1);
	});
});

describe('a pull killed while it applies a page', () => {
	it('keeps the pages before with their cursor, and the next sync pulls the rest, none twice', async () => {
		const tablet = new SimDevice('ann', 'a000000000000001', ann, server);
		const { auditId } = await writeAuditWithNote(tablet, ann.id, [ann.id, bob.id], 'First note');
		for (const text of ['Second note', 'Third note'])
			await tablet.write({
				type: 'observation',
				id: newRecordId(),
				scope: auditId,
				fields: observationFields(newRecordId(), text)
			});
		expect(await tablet.sync()).toMatchObject({ ok: true, pushed: 5 });

		// Bob's laptop pulls two changes a page; the second page's write fails (a full disk),
		// while the third page is already on its way.
		const laptop = new SimDevice('bob', 'b000000000000001', bob, server);
		const kill = killTransactions(laptop.db, { table: 'records', after: 1, seen: 0 });
		const inner = laptop.transport();
		const pages: (string | null)[] = [];
		const twoAPage: SyncTransport = {
			...inner,
			pull: (since) => (pages.push(since), inner.pull(since, 2))
		};
		const sync = () => syncOnce(laptop.db, twoAPage, laptop.clientId, () => laptop.now());
		await expect(sync()).rejects.toThrow('killed halfway');
		expect(await laptop.db.records.count()).toBe(2);
		const cursor = (await laptop.db.meta.get('cursor'))?.value;
		expect(cursor).toBe(pages[1]);

		kill.after = Infinity;
		const before = pages.length;
		expect(await sync()).toMatchObject({ ok: true, pulled: 3 });
		expect(pages[before]).toBe(cursor);
		expect(await laptop.db.records.count()).toBe(5);
		const texts = await laptop.db.records.where('scope').equals(auditId).toArray();
		expect(texts.flatMap((r) => (r.type === 'observation' ? [r.values.text] : [])).sort()).toEqual([
			'First note',
			'Second note',
			'Third note'
		]);
	});
});
