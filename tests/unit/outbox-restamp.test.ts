import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import { getMeta, setMeta } from '../../src/lib/client/db/meta';
import { acknowledgePush, nextBatch, outboxSize } from '../../src/lib/client/db/outbox';
import { restamp } from '../../src/lib/client/db/restamp';
import { writeRecord } from '../../src/lib/client/db/write';
import { compareHlc } from '../../src/lib/sync/hlc';
import { schoolFields } from '../helpers/changes';
import { killWrites } from '../helpers/kill-writes';
import { unlockedVault } from '../helpers/vault';

const clientId = '9f86d081884c7d65';
const user = '0192f0a0-7b1c-7cc3-9f2a-3c4d5e6f7a8b';
const T = Date.parse('2026-11-23T09:00:00.000Z');
const MINUTE = 60_000;

/**
 * A database whose `table` request of type `kind` fails once `kill.after` such requests have
 * gone through: the kill lands in the middle of a function's transaction, after some of its
 * writes, as a crash or a full disk would.
 */
function killableDatabase() {
	const db = new FieldbookDatabase(
		'fieldbook-outbox',
		{ indexedDB: new IDBFactory(), IDBKeyRange },
		unlockedVault()
	);
	const kill = killWrites(db, { table: '', kind: '', after: Infinity, seen: 0 });
	return { db, kill };
}

/** Three schools written at T, T+1 s, T+2 s: seqs 1 to 3. */
async function threeWrites(db: FieldbookDatabase) {
	const ids = [uuidv7(), uuidv7(), uuidv7()];
	for (const [i, id] of ids.entries())
		await writeRecord(
			db,
			clientId,
			user,
			{ type: 'school', id, scope: 'org', fields: schoolFields(`School ${i}`) },
			T + i * 1000
		);
	return ids;
}

/** Everything the two functions may change, to compare before and after. */
async function snapshot(db: FieldbookDatabase) {
	return {
		outbox: await db.outbox.toArray(),
		quarantine: await db.quarantine.toArray(),
		records: await db.records.toArray(),
		meta: await db.meta.toArray()
	};
}

describe('acknowledging a push', () => {
	it('removes what the server processed, quarantines what it refused, and keeps the newest stamp', async () => {
		const { db } = killableDatabase();
		await threeWrites(db);
		const [first, second] = await nextBatch(db, 500, 1_000_000);
		await acknowledgePush(db, 2, [{ seq: 2, reason: 'invalid' }], T + 5000);
		expect((await db.outbox.toArray()).map((e) => e.seq)).toEqual([3]);
		expect(await db.quarantine.toArray()).toEqual([
			{ seq: 2, reason: 'invalid', change: second!.change, at: new Date(T + 5000).toISOString() }
		]);
		const acked = await getMeta(db, 'maxAckedHlc');
		expect(acked).toBe(second!.change.hlc);
		expect(compareHlc(acked, first!.change.hlc)).toBeGreaterThan(0);
	});

	it('gives the same answer from the batch it pushed, reading only entries outside it', async () => {
		const { db } = killableDatabase();
		await threeWrites(db);
		const [first, second, third] = await nextBatch(db, 500, 1_000_000);
		// The server has processed seq 2 too (a reply to an earlier push lost on the way), though
		// only seq 1 went in this batch: seq 2's stamp and change are read from the outbox.
		await acknowledgePush(db, 2, [{ seq: 2, reason: 'invalid' }], T + 5000, [first!]);
		expect((await db.outbox.toArray()).map((e) => e.seq)).toEqual([3]);
		expect((await db.quarantine.toArray()).map((q) => q.change)).toEqual([second!.change]);
		expect(await getMeta(db, 'maxAckedHlc')).toBe(second!.change.hlc);
		await acknowledgePush(db, 3, [], T + 6000, [third!]);
		expect(await db.outbox.count()).toBe(0);
		expect(await getMeta(db, 'maxAckedHlc')).toBe(third!.change.hlc);
	});

	it('leaves the outbox, the quarantine and the stamp as they were when killed halfway', async () => {
		const { db, kill } = killableDatabase();
		await threeWrites(db);
		const before = await snapshot(db);
		// The quarantine and the stamp are written; the outbox's delete then fails.
		Object.assign(kill, { table: 'outbox', kind: 'deleteRange', after: 0 });
		await expect(acknowledgePush(db, 2, [{ seq: 1, reason: 'forbidden' }], T)).rejects.toThrow(
			'killed halfway'
		);
		expect(kill.seen).toBeGreaterThan(0);
		expect(await snapshot(db)).toEqual(before);
		expect(await outboxSize(db)).toBe(3);
	});
});

describe('re-stamping after clock-ahead', () => {
	it('stamps the changes the server did not take anew, and their records with them', async () => {
		const { db } = killableDatabase();
		const ids = await threeWrites(db);
		const old = await db.outbox.toArray();
		// The server's clock is ten minutes behind; it processed seq 1 before refusing.
		await restamp(db, clientId, -10 * MINUTE, T + 3000, 1);
		const now = await db.outbox.toArray();
		expect(now[0]).toEqual(old[0]);
		for (const i of [1, 2]) {
			expect(now[i]!.change.hlc).not.toBe(old[i]!.change.hlc);
			expect(compareHlc(now[i]!.change.hlc, old[0]!.change.hlc)).toBeGreaterThan(0);
			const record = await db.records.get(ids[i]!);
			expect(record!.hlcs.name).toBe(now[i]!.change.hlc);
		}
		expect(await getMeta(db, 'clockOffsetMs')).toBe(-10 * MINUTE);
		expect(await getMeta(db, 'hlc')).toBe(now[2]!.change.hlc);
	});

	it('leaves every stamp, record and the offset as they were when killed halfway', async () => {
		const { db, kill } = killableDatabase();
		await threeWrites(db);
		await setMeta(db, 'maxAckedHlc', '');
		const before = await snapshot(db);
		// The offset, the first change and its record are re-stamped; the second change's put fails.
		Object.assign(kill, { table: 'outbox', kind: 'put', after: 1 });
		await expect(restamp(db, clientId, -10 * MINUTE, T + 3000, 0)).rejects.toThrow(
			'killed halfway'
		);
		expect(kill.seen).toBe(2);
		expect(await snapshot(db)).toEqual(before);
		// And once the disk is back, the same re-stamp goes through whole.
		kill.after = Infinity;
		await restamp(db, clientId, -10 * MINUTE, T + 3000, 0);
		expect(await getMeta(db, 'clockOffsetMs')).toBe(-10 * MINUTE);
	});
});
