import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createStore } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDevice, type Device } from '../../src/lib/client/db/device';
import { keepUnchanged } from '../../src/lib/client/db/keep-unchanged';
import { writeRecord } from '../../src/lib/client/db/write';
import { observationsOfActivity } from '../../src/lib/client/queries';
import { newRecordId } from '../helpers/sim';
import { unlockedVault } from '../helpers/vault';

/*
 * A live query's new answer keeps the objects of the last one wherever nothing changed, so the
 * capture screen redraws only the card of the note just saved (issue 16: capture_visible_ms).
 */

describe('keepUnchanged', () => {
	it('returns the previous answer itself when nothing changed', () => {
		const previous = [{ id: 'a', tags: ['x'], at: { n: 1 } }];
		const next = [{ id: 'a', tags: ['x'], at: { n: 1 } }];
		expect(keepUnchanged(previous, next)).toBe(previous);
	});

	it('keeps unchanged items by id and takes changed, new and moved ones from the new answer', () => {
		const a = { id: 'a', text: 'one' };
		const b = { id: 'b', text: 'two' };
		const c = { id: 'c', text: 'three' };
		const next = [{ id: 'n', text: 'new' }, { ...a }, { id: 'b', text: 'two, edited' }, { ...c }];
		const kept = keepUnchanged([a, b, c], next);
		expect(kept).toEqual(next);
		expect(kept[1]).toBe(a);
		expect(kept[3]).toBe(c);
		expect(kept[2]).not.toBe(b);
		expect(kept[2]?.text).toBe('two, edited');
	});

	it('sees a removed field, a changed nested value and a different kind of value', () => {
		expect(keepUnchanged({ id: 'a', x: 1, y: 2 }, { id: 'a', x: 1 })).toEqual({ id: 'a', x: 1 });
		const previous = { id: 'a', photos: ['h1'], indicator: { value: 3 } };
		const next = { id: 'a', photos: ['h1', 'h2'], indicator: { value: 3 } };
		const kept = keepUnchanged(previous, next);
		expect(kept.photos).toEqual(['h1', 'h2']);
		expect(kept.indicator).toBe(previous.indicator);
		expect(keepUnchanged([1, 2], null)).toBeNull();
		expect(keepUnchanged({ n: '1' }, { n: 1 })).toEqual({ n: 1 });
	});

	it('never shares objects that are not plain (dates, bytes)', () => {
		const bytes = new Uint8Array([1]);
		const next = { id: 'a', bytes: new Uint8Array([1]) };
		expect(keepUnchanged({ id: 'a', bytes }, next).bytes).toBe(next.bytes);
	});
});

describe('a capture list between two saves', () => {
	let device: Device;
	const userId = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
	const audit = newRecordId();
	const walk = newRecordId();

	beforeEach(async () => {
		device = await openDevice(
			userId,
			{ indexedDB: new IDBFactory(), IDBKeyRange },
			createStore(`kv-${newRecordId()}`, 'kv'),
			unlockedVault()
		);
	});
	afterEach(() => device.db.close());

	const save = (id: string, text: string, at: string) =>
		writeRecord(device.db, device.clientId, userId, {
			type: 'observation',
			id,
			scope: audit,
			fields: {
				activityId: walk,
				componentId: 'vision-values',
				text,
				practiceIds: [],
				judgement: 'neutral',
				capturedAt: at,
				location: null,
				photoHashes: [],
				deleted: false
			}
		});

	it('keeps the notes already shown and adds the new one; an edited note is new', async () => {
		const [first, second, third] = [newRecordId(), newRecordId(), newRecordId()];
		await save(first, 'Calm corridor', '2026-11-23T10:00:00.000Z');
		await save(second, 'Busy playground', '2026-11-23T10:01:00.000Z');
		const shown = await observationsOfActivity(device.db, audit, walk);

		await save(third, 'Quiet lunch', '2026-11-23T10:02:00.000Z');
		const after = keepUnchanged(shown, await observationsOfActivity(device.db, audit, walk));
		expect(after.map((n) => n.text)).toEqual(['Calm corridor', 'Busy playground', 'Quiet lunch']);
		expect(after[0]).toBe(shown[0]);
		expect(after[1]).toBe(shown[1]);

		await writeRecord(device.db, device.clientId, userId, {
			type: 'observation',
			id: second,
			scope: audit,
			fields: { text: 'Busy playground, staff joining in' }
		});
		const edited = keepUnchanged(after, await observationsOfActivity(device.db, audit, walk));
		expect(edited[1]?.text).toBe('Busy playground, staff joining in');
		expect(edited[1]).not.toBe(after[1]);
		expect(edited[0]).toBe(after[0]);
		expect(edited[2]).toBe(after[2]);
	});
});
