import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ownEchoCounts } from '../../src/lib/client/db/apply';
import type { FieldbookDatabase } from '../../src/lib/client/db/database';
import { syncOnce } from '../../src/lib/client/sync/engine';
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

/* A pull brings back this device's own changes too (issue 16): they must not be applied again. */

const T0 = Date.parse('2026-11-23T09:00:00.000Z');
let store: Awaited<ReturnType<typeof tempDatabase>>;
let server: SimServer;
let ann: User;
let bob: User;

beforeEach(async () => ({ store, server, ann, bob } = await twoAdvisors(T0)));
afterEach(() => store.close());

/** The row as IndexedDB holds it, sealed: what a rewrite would change (a fresh IV at least). */
function rawRow(db: FieldbookDatabase, id: string): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const get = db.backendDB().transaction('records').objectStore('records').get(id);
		get.onsuccess = () => resolve(get.result);
		get.onerror = () => reject(get.error);
	});
}

describe('a pull that brings back the device’s own changes', () => {
	it('leaves its records byte for byte as they were, and wakes no live query', async () => {
		const tablet = new SimDevice('tablet', 'a000000000000001', ann, server);
		const { auditId, noteId } = await writeAuditWithNote(tablet, ann.id, [ann.id, bob.id]);
		const before = await rawRow(tablet.db, noteId);

		const seen: string[][] = [];
		const notes = liveQuery(() =>
			tablet.db.records.where('[type+scope]').equals(['observation', auditId]).toArray()
		).subscribe((rows) => seen.push(rows.map((r) => String(r.values.text))));
		try {
			await expect.poll(() => seen.length).toBe(1);
			// Push, then the pull brings the three changes straight back.
			expect(await tablet.sync()).toMatchObject({ ok: true, pushed: 3, pulled: 3 });
			expect(await rawRow(tablet.db, noteId)).toEqual(before);

			// Someone else's note does reach the screen: the one emission after the first.
			const laptop = new SimDevice('laptop', 'b000000000000001', bob, server);
			await laptop.sync();
			await laptop.write({
				type: 'observation',
				id: newRecordId(),
				scope: auditId,
				fields: observationFields(newRecordId(), 'Bob saw the garden')
			});
			await laptop.sync();
			expect(await tablet.sync()).toMatchObject({ ok: true, pulled: 1 });
			await expect.poll(() => seen.at(-1)?.length).toBe(2);
			expect(seen).toEqual([
				['Calm dining hall'],
				expect.arrayContaining(['Calm dining hall', 'Bob saw the garden'])
			]);
		} finally {
			notes.unsubscribe();
		}
	});
});

/** A sync of `tablet` that runs `between` after its push, before its first pull is answered. */
function syncWith(tablet: SimDevice, between: () => Promise<void>) {
	const transport = tablet.transport();
	let ran = false;
	const pull = transport.pull;
	transport.pull = async (since, limit) => {
		if (!ran) await between();
		ran = true;
		return pull(since, limit);
	};
	return syncOnce(tablet.db, transport, tablet.clientId, () => tablet.now());
}

describe('the echoes of what this sync pushed', () => {
	it('are taken without reading their records back', async () => {
		const tablet = new SimDevice('tablet', 'a000000000000002', ann, server);
		const { noteId } = await writeAuditWithNote(tablet, ann.id);
		const before = await rawRow(tablet.db, noteId);
		const unread = ownEchoCounts.unread;
		expect(await tablet.sync()).toMatchObject({ ok: true, pushed: 3, pulled: 3 });
		expect(ownEchoCounts.unread - unread).toBe(3);
		expect(await rawRow(tablet.db, noteId)).toEqual(before);
	});

	it('keep a note edited on the device after the push, as it was edited', async () => {
		const tablet = new SimDevice('tablet', 'a000000000000003', ann, server);
		const { auditId, noteId } = await writeAuditWithNote(tablet, ann.id);
		const outcome = await syncWith(tablet, async () => {
			await tablet.write({
				type: 'observation',
				id: noteId,
				scope: auditId,
				fields: { text: 'Edited' }
			});
		});
		expect(outcome).toMatchObject({ ok: true, pushed: 3, pulled: 3 });
		expect((await tablet.db.records.get(noteId))?.values.text).toBe('Edited');
		expect(await tablet.db.outbox.count()).toBe(1);
	});

	it('bring back a record erased on the device after the push (a withheld or revoked audit)', async () => {
		const tablet = new SimDevice('tablet', 'a000000000000004', ann, server);
		const { auditId, noteId } = await writeAuditWithNote(tablet, ann.id);
		const outcome = await syncWith(tablet, async () => {
			await tablet.db.records.delete(noteId);
		});
		expect(outcome).toMatchObject({ ok: true, pushed: 3, pulled: 3 });
		const note = await tablet.db.records.get(noteId);
		expect(note).toMatchObject({ scope: auditId, values: { text: 'Calm dining hall' } });
	});
});
