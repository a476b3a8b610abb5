import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../../src/lib/domain/user';
import type { DB } from '../../src/lib/server/db';
import { pullChanges } from '../../src/lib/server/sync/pull';
import { pushChanges } from '../../src/lib/server/sync/push';
import {
	auditFields,
	FakeDevice,
	newId,
	observationFields,
	schoolFields
} from '../helpers/changes';
import { twoAdvisors } from '../helpers/sim';
import { testEngine } from '../helpers/postgres';
import type { tempDatabase } from '../helpers/temp-db';

/*
 * A push is taken per batch (issue 16): read up front, merged in memory, written in multi-row
 * statements. These are the cases where that could differ from taking each change on its own.
 */

let store: Awaited<ReturnType<typeof tempDatabase>>;
let ann: User;
let bob: User;
beforeEach(async () => ({ store, ann, bob } = await twoAdvisors(Date.now())));
afterEach(() => store.close());

async function fieldsOf(id: string) {
	const rows = await store.db
		.selectFrom('record_fields')
		.select(['field', 'value_json', 'hlc'])
		.where('record_id', '=', id)
		.execute();
	return Object.fromEntries(rows.map((r) => [r.field, JSON.parse(r.value_json)]));
}

async function logCount() {
	const rows = await store.db.selectFrom('change_log').select('server_seq').execute();
	return rows.length;
}

/** A school and an audit led by `lead`, pushed from `tablet` in their own batch. */
async function audit(tablet: FakeDevice, lead: User, members = [lead.id]) {
	const [schoolId, auditId] = [newId(), newId()];
	const reply = await pushChanges(
		store.db,
		lead,
		tablet.body([
			tablet.change('school', schoolId, 'org', schoolFields()),
			tablet.change('audit', auditId, auditId, auditFields(schoolId, lead.id, members))
		])
	);
	expect(reply).toMatchObject({ status: 200, body: { quarantined: [] } });
	return auditId;
}

describe('one record changed twice in one batch', () => {
	it('is created then edited, and then edited again: the last write stands, every change logged', async () => {
		const tablet = new FakeDevice('a11a000000000001');
		const auditId = await audit(tablet, ann);
		const noteId = newId();
		const create = tablet.change(
			'observation',
			noteId,
			auditId,
			observationFields(newId(), 'First')
		);
		const second = tablet.change(
			'observation',
			noteId,
			auditId,
			{ text: 'Second' },
			{
				text: create.hlc
			}
		);
		const batch = [
			create,
			second,
			tablet.change('observation', noteId, auditId, { judgement: 'development' }),
			tablet.change('observation', noteId, auditId, { text: 'Third' }, { text: second.hlc })
		];
		const before = await logCount();
		const reply = await pushChanges(store.db, ann, tablet.body(batch));
		expect(reply).toMatchObject({
			status: 200,
			body: { lastProcessedSeq: tablet.seq, quarantined: [], conflicts: 0 }
		});
		expect(await logCount()).toBe(before + 4);
		expect(await fieldsOf(noteId)).toMatchObject({ text: 'Third', judgement: 'development' });
		// The pull hands out the four in order, with consecutive server numbers.
		const pulled = (await pullChanges(store.db, ann, null)).changes.filter(
			(c) => c.recordId === noteId
		);
		expect(pulled.map((c) => c.seq)).toEqual(batch.map((c) => c.seq));
		expect(pulled.map((c) => c.serverSeq)).toEqual(pulled.map((_, i) => pulled[0]!.serverSeq + i));
	});

	it('keeps both texts as a conflict when the second write had not seen the first', async () => {
		const tablet = new FakeDevice('a11a000000000001');
		const auditId = await audit(tablet, ann);
		const noteId = newId();
		const batch = [
			tablet.change('observation', noteId, auditId, observationFields(newId(), 'First')),
			tablet.change('observation', noteId, auditId, { text: 'Second' }, { text: tablet.stale }),
			tablet.change('observation', noteId, auditId, { text: 'Third' }, { text: tablet.stale })
		];
		const reply = await pushChanges(store.db, ann, tablet.body(batch));
		expect(reply).toMatchObject({ status: 200, body: { quarantined: [], conflicts: 2 } });
		expect((await fieldsOf(noteId)).text).toBe('Third');
		const conflicts = await store.db
			.selectFrom('records')
			.select('id')
			.where('type', '=', 'conflict')
			.execute();
		const values = await Promise.all(conflicts.map((c) => fieldsOf(c.id)));
		expect(values.map((v) => v.values.map((x: { value: string }) => x.value)).sort()).toEqual([
			['First', 'Second'],
			['Second', 'Third']
		]);
	});
});

describe('a new audit and its records in one batch', () => {
	it('takes the records: the audit the batch made is a known scope, its creator a member', async () => {
		const tablet = new FakeDevice('a11a000000000001');
		const [schoolId, auditId, noteId] = [newId(), newId(), newId()];
		const reply = await pushChanges(
			store.db,
			ann,
			tablet.body([
				tablet.change('school', schoolId, 'org', schoolFields()),
				tablet.change('audit', auditId, auditId, auditFields(schoolId, ann.id)),
				tablet.change('observation', noteId, auditId, observationFields(newId(), 'In it'))
			])
		);
		expect(reply).toMatchObject({ status: 200, body: { lastProcessedSeq: 3, quarantined: [] } });
		expect((await fieldsOf(noteId)).text).toBe('In it');
		const members = await store.db
			.selectFrom('audit_members')
			.select(['user_id', 'removed_at'])
			.where('audit_id', '=', auditId)
			.execute();
		expect(members).toEqual([{ user_id: ann.id, removed_at: null }]);
	});

	it('refuses what follows a change of members that took the writer off, in the same batch', async () => {
		const tablet = new FakeDevice('a11a000000000001');
		const [schoolId, auditId] = [newId(), newId()];
		const reply = await pushChanges(
			store.db,
			ann,
			tablet.body([
				tablet.change('school', schoolId, 'org', schoolFields()),
				tablet.change('audit', auditId, auditId, auditFields(schoolId, ann.id, [ann.id, bob.id])),
				tablet.change('observation', newId(), auditId, observationFields(newId(), 'Kept')),
				// Ann hands the audit to Bob and leaves it; her next note is no longer hers to write.
				tablet.change('audit', auditId, auditId, { lead: bob.id, members: [bob.id] }),
				tablet.change('observation', newId(), auditId, observationFields(newId(), 'Refused'))
			])
		);
		expect(reply).toMatchObject({
			status: 200,
			body: {
				lastProcessedSeq: 5,
				quarantined: [{ seq: 5, reason: 'forbidden', detail: 'Not a member of this audit' }]
			}
		});
		const members = await store.db
			.selectFrom('audit_members')
			.select(['user_id', 'removed_at'])
			.where('audit_id', '=', auditId)
			.orderBy('user_id')
			.execute();
		const removed = Object.fromEntries(members.map((m) => [m.user_id, m.removed_at !== null]));
		expect(removed).toEqual({ [ann.id]: true, [bob.id]: false });
	});
});

describe('a batch across allowed and forbidden scopes', () => {
	it('quarantines the changes in the scope the writer may not touch, and applies the rest', async () => {
		const annTablet = new FakeDevice('a11a000000000001');
		const bobTablet = new FakeDevice('b11b000000000001');
		const annAudit = await audit(annTablet, ann);
		const bobAudit = await audit(bobTablet, bob);
		const changes = [];
		for (let i = 0; i < 10; i++) {
			const scope = i % 3 === 1 ? bobAudit : annAudit;
			changes.push(
				annTablet.change('observation', newId(), scope, observationFields(newId(), `Note ${i}`))
			);
		}
		const before = await logCount();
		const reply = await pushChanges(store.db, ann, annTablet.body(changes));
		const refused = changes.filter((c) => c.scope === bobAudit).map((c) => c.seq);
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ lastProcessedSeq: annTablet.seq, conflicts: 0 });
		const quarantined = (reply.body as { quarantined: { seq: number; reason: string }[] })
			.quarantined;
		expect(quarantined.map((q) => [q.seq, q.reason])).toEqual(
			refused.map((seq) => [seq, 'forbidden'])
		);
		expect(await logCount()).toBe(before + changes.length - refused.length);
		for (const change of changes) {
			const stored = await fieldsOf(change.recordId);
			expect(stored.text).toBe(change.scope === annAudit ? change.fields.text : undefined);
		}
		const kept = await store.db.selectFrom('quarantine').select('seq').orderBy('seq').execute();
		expect(kept.map((q) => Number(q.seq))).toEqual(refused);
	});
});

describe('a batch of 100 with bad input in change 57', () => {
	it('quarantines change 57 whole, applies the other 99, and answers a re-push the same', async () => {
		const tablet = new FakeDevice('a11a000000000001');
		const auditId = await audit(tablet, ann);
		const changes: ReturnType<FakeDevice['change']>[] = [];
		for (let i = 1; i <= 100; i++) {
			const fields = observationFields(newId(), `Note ${i}`);
			if (i === 57) fields.judgement = 'splendid';
			changes.push(tablet.change('observation', newId(), auditId, fields));
		}
		const bad = changes[56]!;
		const before = await logCount();
		const reply = await pushChanges(store.db, ann, tablet.body(changes));
		expect(reply).toMatchObject({
			status: 200,
			body: {
				lastProcessedSeq: tablet.seq,
				quarantined: [{ seq: bad.seq, reason: 'invalid' }],
				conflicts: 0
			}
		});
		expect(await logCount()).toBe(before + 99);
		const kept = await store.db.selectFrom('quarantine').selectAll().execute();
		expect(kept).toHaveLength(1);
		expect(JSON.parse(kept[0]!.change_json)).toEqual(bad);
		expect(await fieldsOf(bad.recordId)).toEqual({});
		expect((await fieldsOf(changes[55]!.recordId)).text).toBe('Note 56');
		expect((await fieldsOf(changes[57]!.recordId)).text).toBe('Note 58');

		// The reply was lost: the same batch again changes nothing and answers the same.
		const again = await pushChanges(store.db, ann, tablet.body(changes));
		const { serverTime: _, ...answer } = reply.body as { serverTime: string };
		expect(again).toMatchObject({ status: 200, body: answer });
		expect(await logCount()).toBe(before + 99);
	});
});

/**
 * Makes every write to `table` fail inside the database, as a full disk or a lost connection
 * would, until `disarm()`: a trigger that raises, so the failure comes from the statement
 * itself however it was built.
 */
function failingWrite(db: DB, table: 'record_fields') {
	const message = `write to ${table} failed`;
	return {
		async arm() {
			if (testEngine === 'postgres') {
				await sql`create function fail_write() returns trigger language plpgsql as $$
					begin raise exception '${sql.raw(message)}'; end $$`.execute(db);
				await sql`create trigger fail_write before insert on ${sql.table(table)}
					for each statement execute function fail_write()`.execute(db);
			} else {
				await sql`create trigger fail_write before insert on ${sql.table(table)}
					begin select raise(abort, '${sql.raw(message)}'); end`.execute(db);
			}
		},
		async disarm() {
			if (testEngine === 'postgres') {
				await sql`drop trigger fail_write on ${sql.table(table)}`.execute(db);
				await sql`drop function fail_write()`.execute(db);
			} else await sql`drop trigger fail_write`.execute(db);
		}
	};
}

describe('a batch whose writing fails halfway', () => {
	it('keeps nothing of that batch and everything before it, and the resend is taken whole', async () => {
		const tablet = new FakeDevice('a11a000000000001');
		const auditId = await audit(tablet, ann);
		const first = tablet.change(
			'observation',
			newId(),
			auditId,
			observationFields(newId(), 'Kept')
		);
		expect((await pushChanges(store.db, ann, tablet.body([first]))).status).toBe(200);
		const batch = [];
		for (let i = 1; i <= 100; i++) {
			batch.push(
				tablet.change('observation', newId(), auditId, observationFields(newId(), `Lost? ${i}`))
			);
		}
		const logged = await logCount();
		// The log is written, the records not yet: the fields' statement fails.
		const failing = failingWrite(store.db, 'record_fields');
		await failing.arm();
		await expect(pushChanges(store.db, ann, tablet.body(batch))).rejects.toThrow(
			'write to record_fields failed'
		);
		await failing.disarm();
		expect(await logCount()).toBe(logged);
		expect(await fieldsOf(batch[0]!.recordId)).toEqual({});
		expect((await fieldsOf(first.recordId)).text).toBe('Kept');
		const client = await store.db
			.selectFrom('sync_clients')
			.select('last_seq')
			.where('client_id', '=', tablet.clientId)
			.executeTakeFirstOrThrow();
		expect(Number(client.last_seq)).toBe(first.seq);

		// The device got a 5xx and sends the batch again: all of it is taken, once.
		const reply = await pushChanges(store.db, ann, tablet.body(batch));
		expect(reply).toMatchObject({
			status: 200,
			body: { lastProcessedSeq: tablet.seq, quarantined: [] }
		});
		expect(await logCount()).toBe(logged + 100);
		expect((await fieldsOf(batch[99]!.recordId)).text).toBe('Lost? 100');
	});
});
