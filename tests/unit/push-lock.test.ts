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
import type { tempDatabase } from '../helpers/temp-db';

let store: Awaited<ReturnType<typeof tempDatabase>>;
let ann: User;
let bob: User;
beforeEach(async () => ({ store, ann, bob } = await twoAdvisors(Date.now())));
afterEach(() => store.close());

/**
 * The database as the push handler sees it, except that each transaction, its work done, stays
 * open until `release()`: a push that has written everything and not yet committed.
 */
function heldOpen(db: DB) {
	let release!: () => void;
	const gate = new Promise<void>((done) => (release = done));
	let worked!: () => void;
	const done = new Promise<void>((d) => (worked = d));
	const held = Object.create(db, {
		transaction: {
			value: () => ({
				execute: <T>(work: (tx: DB) => Promise<T>) =>
					db.transaction().execute(async (tx) => {
						const result = await work(tx);
						worked();
						await gate;
						return result;
					})
			})
		}
	}) as DB;
	return { db: held, release, worked: done };
}

describe('a push whose transaction is still open', () => {
	it('lets no other push write an older stamp over it, and no pull skip it', async () => {
		const annTablet = new FakeDevice('a11a000000000001');
		const bobTablet = new FakeDevice('b11b000000000001');
		const [schoolId, auditId, noteId] = [newId(), newId(), newId()];
		const setup = [
			annTablet.change('school', schoolId, 'org', schoolFields()),
			annTablet.change('audit', auditId, auditId, auditFields(schoolId, ann.id, [ann.id, bob.id])),
			annTablet.change('observation', noteId, auditId, observationFields(newId(), 'First words'))
		];
		expect((await pushChanges(store.db, ann, annTablet.body(setup))).status).toBe(200);
		const before = await pullChanges(store.db, bob, null);

		// Ann's edit is the newer one; Bob's was typed earlier but reaches the server later.
		const newer = annTablet.change(
			'observation',
			noteId,
			auditId,
			{ text: 'Newer, by Ann' },
			null,
			annTablet.hlc(5_000)
		);
		const older = bobTablet.change(
			'observation',
			noteId,
			auditId,
			{ text: 'Older, by Bob' },
			null,
			bobTablet.hlc(1_000)
		);
		const held = heldOpen(store.db);
		const annPush = pushChanges(held.db, ann, annTablet.body([newer]));
		await held.worked;
		// While Ann's push has written and not committed, Bob pushes and pulls.
		const bobPush = pushChanges(store.db, bob, bobTablet.body([older]));
		const duringPull = pullChanges(store.db, bob, before.cursor);
		await new Promise((r) => setTimeout(r, 200));
		held.release();
		expect((await annPush).status).toBe(200);
		expect(await bobPush).toMatchObject({ status: 200, body: { lastProcessedSeq: 1 } });

		// Whatever the pull during the open transaction saw, pulling on from its cursor brings
		// both edits: its cursor did not pass Ann's change, which committed after it was taken.
		const during = await duringPull;
		const after = await pullChanges(store.db, bob, during.cursor);
		const seen = [...during.changes, ...after.changes].filter((c) => c.recordId === noteId);
		expect(seen.map((c) => c.fields.text).sort()).toEqual(['Newer, by Ann', 'Older, by Bob']);
		// The newer stamp stands, on the server and so on every device that pulls.
		const text = await store.db
			.selectFrom('record_fields')
			.select('value_json')
			.where('record_id', '=', noteId)
			.where('field', '=', 'text')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(text.value_json)).toBe('Newer, by Ann');
	});
});

/*
 * A push reads what its changes touch before it takes the log's lock, and under the lock reads
 * again what pushes that committed meanwhile changed. Each case below fails if it merged or
 * checked rights against what it read before the other push committed.
 */
describe('two pushes at once, the second read before the first committed', () => {
	async function sharedAudit() {
		const annTablet = new FakeDevice('a11a000000000001');
		const bobTablet = new FakeDevice('b11b000000000001');
		const [schoolId, auditId, noteId] = [newId(), newId(), newId()];
		const school = annTablet.change('school', schoolId, 'org', schoolFields());
		const members = [ann.id, bob.id];
		const audit = annTablet.change(
			'audit',
			auditId,
			auditId,
			auditFields(schoolId, ann.id, members)
		);
		const note = annTablet.change(
			'observation',
			noteId,
			auditId,
			observationFields(newId(), 'First words')
		);
		const setup = [school, audit, note];
		const reply = await pushChanges(store.db, ann, annTablet.body(setup));
		expect(reply).toMatchObject({ status: 200, body: { lastProcessedSeq: 3, quarantined: [] } });
		return { annTablet, bobTablet, auditId, noteId, firstStamp: note.hlc };
	}

	/** Ann's push written and not committed; Bob's pushed meanwhile; then Ann's commits. */
	async function bobDuringAnn(annBody: unknown, bobBody: unknown) {
		const held = heldOpen(store.db);
		const annPush = pushChanges(held.db, ann, annBody as never);
		await held.worked;
		const bobPush = pushChanges(store.db, bob, bobBody as never);
		await new Promise((r) => setTimeout(r, 200));
		held.release();
		return { ann: await annPush, bob: await bobPush };
	}

	async function stored(recordId: string, field: string) {
		const row = await store.db
			.selectFrom('record_fields')
			.select('value_json')
			.where('record_id', '=', recordId)
			.where('field', '=', field)
			.executeTakeFirstOrThrow();
		return JSON.parse(row.value_json) as unknown;
	}

	it('keeps both texts as a conflict when both edited the same words', async () => {
		const { annTablet, bobTablet, auditId, noteId, firstStamp } = await sharedAudit();
		const annEdit = annTablet.change(
			'observation',
			noteId,
			auditId,
			{ text: 'Ann rewrote it' },
			{ text: firstStamp },
			annTablet.hlc(1_000)
		);
		const bobEdit = bobTablet.change(
			'observation',
			noteId,
			auditId,
			{ text: 'Bob rewrote it' },
			{ text: firstStamp },
			bobTablet.hlc(2_000)
		);
		const replies = await bobDuringAnn(annTablet.body([annEdit]), bobTablet.body([bobEdit]));
		expect(replies.ann).toMatchObject({ status: 200, body: { conflicts: 0 } });
		// Bob had not seen Ann's words: both are kept, neither silently replaced.
		expect(replies.bob).toMatchObject({ status: 200, body: { conflicts: 1, quarantined: [] } });
		const pulled = await pullChanges(store.db, bob, null);
		const conflict = pulled.changes.find((c) => c.type === 'conflict');
		expect(conflict?.fields).toMatchObject({ recordId: noteId, field: 'text' });
		const values = (conflict!.fields.values as { value: unknown }[]).map((v) => v.value);
		expect(values).toEqual(['Ann rewrote it', 'Bob rewrote it']);
	});

	it('refuses the change of a member the lead took off the audit meanwhile', async () => {
		const { annTablet, bobTablet, auditId, noteId } = await sharedAudit();
		const removeBob = annTablet.change('audit', auditId, auditId, { members: [ann.id] });
		const bobEdit = bobTablet.change('observation', noteId, auditId, { text: 'Bob was here' });
		const replies = await bobDuringAnn(annTablet.body([removeBob]), bobTablet.body([bobEdit]));
		expect(replies.ann).toMatchObject({ status: 200, body: { quarantined: [] } });
		expect(replies.bob).toMatchObject({
			status: 200,
			body: { lastProcessedSeq: 1, quarantined: [{ seq: 1, reason: 'forbidden' }] }
		});
		expect(await stored(noteId, 'text')).toBe('First words');
	});

	it('creates a record once when both devices create it: the second merges into the first', async () => {
		const { annTablet, bobTablet, auditId } = await sharedAudit();
		const noteId = newId();
		const annCreate = annTablet.change(
			'observation',
			noteId,
			auditId,
			observationFields(newId(), 'Ann made it'),
			null,
			annTablet.hlc(1_000)
		);
		const bobCreate = bobTablet.change(
			'observation',
			noteId,
			auditId,
			observationFields(newId(), 'Bob made it'),
			null,
			bobTablet.hlc(2_000)
		);
		const replies = await bobDuringAnn(annTablet.body([annCreate]), bobTablet.body([bobCreate]));
		expect(replies.ann).toMatchObject({ status: 200, body: { quarantined: [] } });
		expect(replies.bob).toMatchObject({ status: 200, body: { lastProcessedSeq: 1 } });
		const records = await store.db
			.selectFrom('records')
			.select('id')
			.where('id', '=', noteId)
			.execute();
		expect(records).toHaveLength(1);
	});
});
