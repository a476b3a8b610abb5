import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import { sealInPlace } from '../../src/lib/client/db/seal-in-place';
import { decode, encode, newDataKey } from '../../src/lib/client/db/sealed';
import { DeviceLocked, Vault } from '../../src/lib/client/db/vault';
import { writeRecord } from '../../src/lib/client/db/write';
import { newRecordId } from '../helpers/sim';
import { unlockedVault } from '../helpers/vault';

const clientId = '9f86d081884c7d65';
const userId = '0192f0a0-7b1c-7cc3-9f2a-3c4d5e6f7a8b';
const SECRET = 'Zanzibarquokka told me about the bullying';

function open(vault: Vault, factory = new IDBFactory(), name = 'fieldbook-sealed') {
	return new FieldbookDatabase(name, { indexedDB: factory, IDBKeyRange }, vault);
}

/** Every row of a table as IndexedDB holds it, bypassing the sealing middleware. */
function rawRows(db: FieldbookDatabase, table: string): Promise<Record<string, unknown>[]> {
	return new Promise((resolve, reject) => {
		const r = db.backendDB().transaction(table).objectStore(table).getAll();
		r.onsuccess = () => resolve(r.result as Record<string, unknown>[]);
		r.onerror = () => reject(r.error);
	});
}

function putRaw(db: FieldbookDatabase, table: string, row: unknown): Promise<void> {
	return new Promise((resolve, reject) => {
		const t = db.backendDB().transaction(table, 'readwrite');
		t.objectStore(table).put(row);
		t.oncomplete = () => resolve();
		t.onerror = () => reject(t.error);
	});
}

function observation(activityId: string, text: string) {
	return {
		activityId,
		componentId: 'vision-values',
		text,
		practiceIds: [],
		judgement: 'neutral',
		capturedAt: '2026-11-23T09:00:00.000Z',
		location: null,
		photoHashes: [],
		deleted: false
	};
}

async function writeNote(db: FieldbookDatabase, text: string, activityId = newRecordId()) {
	const id = newRecordId();
	await writeRecord(db, clientId, userId, {
		type: 'observation',
		id,
		scope: newRecordId(),
		fields: observation(activityId, text)
	});
	return id;
}

const textOf = (rows: unknown[]) =>
	JSON.stringify(rows, (_k, v: unknown) =>
		v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? new TextDecoder().decode(v) : v
	);

describe('sealed rows on the device', () => {
	it('keeps a note and its outbox change as ciphertext on disk, and reads them back whole', async () => {
		const db = open(unlockedVault());
		const activityId = newRecordId();
		const id = await writeNote(db, SECRET, activityId);
		const [record] = await rawRows(db, 'records');
		expect(Object.keys(record!).sort()).toEqual(['activityId', 'id', 'scope', 'sealed', 'type']);
		expect(record!.activityId).toBe(activityId);
		expect(textOf(await rawRows(db, 'records'))).not.toContain('Zanzibarquokka');
		expect(textOf(await rawRows(db, 'outbox'))).not.toContain('Zanzibarquokka');
		expect((await db.records.get(id))?.values.text).toBe(SECRET);
		expect((await db.outbox.toArray())[0]?.change.fields.text).toBe(SECRET);
		// Dexie's cursor walks (filter, each) see the opened rows too.
		expect(await db.records.filter((r) => r.values.text === SECRET).count()).toBe(1);
		const seen: string[] = [];
		await db.records.each((r) => seen.push(r.values.text as string));
		expect(seen).toEqual([SECRET]);
		expect(await db.records.where('activityId').equals(activityId).count()).toBe(1);
	});

	it('keeps photo bytes sealed and gives them back byte for byte', async () => {
		const db = open(unlockedVault());
		const bytes = new TextEncoder().encode(`JPEG ${SECRET}`).buffer;
		await db.photos.put({
			hash: 'h1',
			bytes,
			type: 'image/jpeg',
			size: bytes.byteLength,
			uploaded: 0,
			storedAt: 'now'
		});
		expect(textOf(await rawRows(db, 'photos'))).not.toContain('Zanzibarquokka');
		const back = await db.photos.get('h1');
		expect(new Uint8Array(back!.bytes)).toEqual(new Uint8Array(bytes));
		expect(await db.photos.where('uploaded').equals(0).count()).toBe(1);
	});

	it('never reuses an IV across 10,000 records', async () => {
		const db = open(unlockedVault());
		const rows = Array.from({ length: 10_000 }, (_, i) => ({ key: `k${i}`, value: 'same words' }));
		// A table of its own: the sealing covers any table not declared clear.
		await db.transaction('rw', db.records, async () => {
			await db.records.bulkPut(
				rows.map((r) => ({
					id: r.key,
					type: 'observation' as const,
					scope: 's',
					values: { text: r.value },
					hlcs: {},
					authors: {},
					deleted: 0 as const
				}))
			);
		});
		const ivs = new Set(
			(await rawRows(db, 'records')).map((r) =>
				Buffer.from((r.sealed as { iv: Uint8Array }).iv).toString('hex')
			)
		);
		expect(ivs.size).toBe(10_000);
	}, 120_000); // a guard against a hang, not a speed check

	it('refuses a changed ciphertext, or one moved onto another row, and reads nothing when locked', async () => {
		const vault = unlockedVault();
		const db = open(vault);
		const a = await writeNote(db, SECRET);
		const b = await writeNote(db, 'another note');
		const [rowA, rowB] = await Promise.all(
			[a, b].map(async (id) => (await rawRows(db, 'records')).find((r) => r.id === id)!)
		);
		// Read back unchanged, a row comes from the vault's memory: equal, and a copy of its own.
		const once = await db.records.get(a);
		once!.values.text = 'changed in memory only';
		expect((await db.records.get(a))?.values.text).toBe(SECRET);
		expect(vault.opened.size).toBeGreaterThan(0);
		const sealedA = rowA!.sealed as { iv: Uint8Array; data: ArrayBuffer };
		const flipped = new Uint8Array(sealedA.data.slice(0));
		flipped[5]! ^= 1;
		await putRaw(db, 'records', { ...rowA, sealed: { iv: sealedA.iv, data: flipped.buffer } });
		await expect(db.records.get(a)).rejects.toThrow('cannot be read');
		// The last byte too: the read-back check compares four bytes at a time, then the rest.
		const last = new Uint8Array(sealedA.data.slice(0));
		last[last.byteLength - 1]! ^= 1;
		await putRaw(db, 'records', { ...rowA, sealed: { iv: sealedA.iv, data: last.buffer } });
		await expect(db.records.get(a)).rejects.toThrow('cannot be read');
		await putRaw(db, 'records', { ...rowB, sealed: rowA!.sealed });
		await expect(db.records.get(b)).rejects.toThrow('cannot be read');

		vault.drop();
		expect(vault.opened.size).toBe(0); // what was opened goes with the key
		await expect(db.outbox.toArray()).rejects.toThrow(DeviceLocked);
		await expect(writeNote(db, 'while locked')).rejects.toThrow(DeviceLocked);
		vault.use(await newDataKey());
		await expect(db.outbox.toArray()).rejects.toThrow('cannot be read');
	});

	it('seals the rows of an older version in place, and a second pass finds nothing left', async () => {
		const factory = new IDBFactory();
		const db = open(unlockedVault(), factory, 'fieldbook-old');
		await db.open();
		const ids = Array.from({ length: 450 }, () => newRecordId());
		for (const id of ids)
			await putRaw(db, 'records', {
				id,
				type: 'observation',
				scope: 'audit',
				values: observation('act', `${SECRET} ${id}`),
				hlcs: {},
				authors: {},
				deleted: 0
			});
		expect(textOf(await rawRows(db, 'records'))).toContain('Zanzibarquokka');
		// Interrupted: the first chunk committed, then the tab was closed.
		let seen = 0;
		await expect(
			sealInPlace(db, (n) => {
				seen = n;
				if (n >= 200) throw new Error('reload');
			})
		).rejects.toThrow('reload');
		expect(seen).toBe(200);
		expect((await rawRows(db, 'records')).filter((r) => 'sealed' in r)).toHaveLength(200);
		expect(await sealInPlace(db)).toBe(250);
		expect(await sealInPlace(db)).toBe(0);
		expect(textOf(await rawRows(db, 'records'))).not.toContain('Zanzibarquokka');
		expect(await db.records.where('activityId').equals('act').count()).toBe(450);
		expect((await db.records.get(ids[7]!))?.values.text).toBe(`${SECRET} ${ids[7]}`);
	});

	it('encodes binary parts beside JSON and back', () => {
		const bytes = new Uint8Array([0, 1, 2, 255]);
		const value = { a: 'x', b: bytes.buffer.slice(0), c: [bytes], d: null };
		const back = decode(encode(value)) as typeof value;
		expect(back.a).toBe('x');
		expect(new Uint8Array(back.b)).toEqual(bytes);
		expect(back.c[0]).toEqual(bytes);
		expect(() => encode({ when: new Date() })).toThrow('Date');
		expect(() => encode({ deep: [{ when: new Date() }] })).toThrow('Date');
		const empty = decode(encode({ none: new ArrayBuffer(0) })) as { none: ArrayBuffer };
		expect(empty.none).toBeInstanceOf(ArrayBuffer);
		expect(empty.none.byteLength).toBe(0);
	});

	it('writes plain data as its JSON alone, and reads it back the same', () => {
		const record = {
			values: { text: 'Calm “dining” hall ✓', practiceIds: ['a', 'b'], deleted: false, n: 1.5 },
			hlcs: { text: '2026-11-23T09:15:02.117Z-0000-9f86d081884c7d65' },
			nothing: null,
			gone: undefined
		};
		const bytes = encode(record);
		expect(new TextDecoder().decode(bytes.subarray(4))).toBe(JSON.stringify(record));
		expect(decode(bytes)).toEqual(JSON.parse(JSON.stringify(record)));
		// An object with its own toJSON is written as JSON.stringify writes it.
		const dated = { at: { toJSON: () => 'then' } };
		expect(decode(encode(dated))).toEqual({ at: 'then' });
		// ASCII text is encoded in place, other text the long way: both read back the same.
		for (const text of ['plain ascii', 'ü', '✓ at the end ✓', '\ud83d\ude00', 'lone \ud83d'])
			expect(decode(encode({ text }))).toEqual({ text: JSON.parse(JSON.stringify(text)) });
		expect(new DataView(encode({ text: 'ab' }).buffer).getUint32(0)).toBe(13);
	});
});
