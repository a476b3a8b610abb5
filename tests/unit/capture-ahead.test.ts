import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createStore } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Ahead } from '../../src/lib/client/db/ahead';
import { openDevice, type Device } from '../../src/lib/client/db/device';
import { writeRecord } from '../../src/lib/client/db/write';
import {
	observationsOfActivity,
	toNote,
	withNote,
	type ObservationNote
} from '../../src/lib/client/queries';
import { addObservation } from '../../src/lib/client/records';
import { newRecordId } from '../helpers/sim';
import { unlockedVault } from '../helpers/vault';

/*
 * Issue 16 (capture_visible_ms): a saved note is put in its list the moment it commits, before
 * the list's live query has read it back. The list must still be the store's: the same note as
 * the query will give, in the same place, and any other change (another tab, a sync, a delete)
 * shown as soon as a query read after the save answers.
 */

let device: Device;
const userId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const [audit, walk] = [newRecordId(), newRecordId()];

beforeEach(async () => {
	device = await openDevice(
		userId,
		{ indexedDB: new IDBFactory(), IDBKeyRange },
		createStore(`kv-${newRecordId()}`, 'kv'),
		unlockedVault()
	);
});
afterEach(() => device.db.close());

const input = (text: string) => ({
	auditId: audit,
	activityId: walk,
	componentId: 'vision-values',
	text,
	location: 'Playground',
	judgement: 'strength' as const,
	practiceIds: ['vision-values.sp1'],
	extra: { interaction: 'staff-pupil' as const }
});

async function save(text: string, at: number) {
	const result = await addObservation(device, input(text), at);
	if (!result.ok || !result.written) throw new Error('not saved');
	return toNote(result.written);
}

describe('a note shown as it commits', () => {
	it('is the note the live query reads back, in the place the query gives it', async () => {
		const first = await save('First, at ten.', Date.parse('2026-11-23T10:00:00Z'));
		const third = await save('Third, at ten past.', Date.parse('2026-11-23T10:10:00Z'));
		const before = await observationsOfActivity(device.db, audit, walk);
		// A note whose clock says earlier than the last (another tablet's time, a late save).
		const second = await save('Second, at five past.', Date.parse('2026-11-23T10:05:00Z'));

		const shown = withNote(before, second);
		const read = await observationsOfActivity(device.db, audit, walk);
		expect(shown).toEqual(read);
		expect(shown.map((n) => n.id)).toEqual([first.id, second.id, third.id]);
	});

	it('is put in once, and the store’s version wins when the answer holds it already', () => {
		const note = { id: 'n1', capturedAt: '2026-11-23T10:00:00Z', text: 'as saved' };
		const stored = { ...note, text: 'edited in another tab' };
		const list = [stored] as ObservationNote[];
		expect(withNote(list, note as ObservationNote)).toBe(list);
	});
});

describe('Ahead: changes laid over a live query until a run read after them answers', () => {
	const add = (n: string) => (list: string[]) => (list.includes(n) ? list : [...list, n]);

	it('lays a change over the answers of runs begun before it, then lets the store speak', () => {
		const ahead = new Ahead<string[]>();
		const before = ahead.began(); // a run under way as the note commits
		ahead.add(add('saved'));
		// That run read the store before the note: the note is still shown.
		expect(ahead.answer(before, ['a'])).toEqual(['a', 'saved']);
		// A run begun after: the store's answer as it is, even without the note (deleted since).
		const after = ahead.began();
		expect(ahead.answer(after, ['a'])).toEqual(['a']);
		// Once dropped, never laid again.
		expect(ahead.answer(ahead.began(), [])).toEqual([]);
	});

	it('shows another tab’s or a sync’s change that arrives with the saved note', () => {
		const ahead = new Ahead<string[]>();
		const run = ahead.began();
		ahead.add(add('saved'));
		// Same run: the other tab's note (read by it) and the saved one (laid over).
		expect(ahead.answer(run, ['a', 'from another tab'])).toEqual([
			'a',
			'from another tab',
			'saved'
		]);
	});

	it('forgets what was ahead when the query starts again on other inputs', () => {
		const ahead = new Ahead<string[]>();
		const run = ahead.began();
		ahead.add(add('saved'));
		ahead.clear();
		expect(ahead.answer(run, ['a'])).toEqual(['a']);
	});
});

it('a note written by another tab between two saves lands in its place', async () => {
	const mine = await save('Mine.', Date.parse('2026-11-23T10:10:00Z'));
	const theirs = newRecordId();
	await writeRecord(device.db, device.clientId, userId, {
		type: 'observation',
		id: theirs,
		scope: audit,
		fields: {
			activityId: walk,
			componentId: 'vision-values',
			text: 'From the other tab.',
			practiceIds: [],
			judgement: 'neutral',
			capturedAt: '2026-11-23T10:05:00.000Z',
			location: null,
			photoHashes: [],
			deleted: false
		}
	});
	const read = await observationsOfActivity(device.db, audit, walk);
	expect(read.map((n) => n.id)).toEqual([theirs, mine.id]);
	expect(withNote(read, mine)).toBe(read);
});
