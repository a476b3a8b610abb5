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
