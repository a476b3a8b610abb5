import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import { Vault } from '../../src/lib/client/db/vault';
import { writeRecord } from '../../src/lib/client/db/write';
import {
	createKeyring,
	PBKDF2_ITERATIONS,
	serverWrappingKey,
	setPassphrase,
	TryLater,
	unlockWithPassphrase,
	unlockWithServerKey,
	WrongPassphrase
} from '../../src/lib/client/lock/keyring';
import { unlockWaitMs } from '../../src/lib/domain/unlock-wait';
import { schoolFields } from '../helpers/changes';
import { newRecordId } from '../helpers/sim';

const serverKey = () => serverWrappingKey(crypto.getRandomValues(new Uint8Array(32)));
const T = Date.parse('2026-11-26T10:00:00Z');

async function device() {
	const vault = new Vault();
	const db = new FieldbookDatabase(
		'fieldbook-keyring',
		{ indexedDB: new IDBFactory(), IDBKeyRange },
		vault
	);
	return { db, vault };
}

async function note(db: FieldbookDatabase, text: string) {
	const id = newRecordId();
	await writeRecord(db, '9f86d081884c7d65', newRecordId(), {
		type: 'school',
		id,
		scope: 'org',
		fields: { ...schoolFields(), name: text }
	});
	return id;
}

// Each test derives keys with PBKDF2 at 600,000 rounds several times: about 3 s on a quiet
// 2-core machine, more when the suite's other files share it. The bound only catches a hang.
describe('the data key and its wrappings', { timeout: 60_000 }, () => {
	it('wraps a non-extractable data key by the passphrase (PBKDF2, 600,000) and the server key', async () => {
		const { db, vault } = await device();
		const server = await serverKey();
		const key = await createKeyring(db, 'four words of mine', server);
		expect(key.extractable).toBe(false);
		const entry = (await db.keyring.get('dataKey'))!;
		expect(entry.iterations).toBe(PBKDF2_ITERATIONS);
		expect(entry.iterations).toBeGreaterThanOrEqual(600_000);
		vault.use(key);
		const id = await note(db, 'Before the lock');
		vault.drop();

		// Unlock by passphrase, or (forgotten) by the server's key: the same data key.
		vault.use(await unlockWithPassphrase(db, 'four words of mine'));
		expect((await db.records.get(id))?.values.name).toBe('Before the lock');
		vault.use(await unlockWithServerKey(db, server));
		expect((await db.records.get(id))?.values.name).toBe('Before the lock');
		await expect(unlockWithServerKey(db, await serverKey())).rejects.toThrow();
	});

	it('refuses a passphrase under 8 characters', async () => {
		const { db } = await device();
		await expect(createKeyring(db, 'short', await serverKey())).rejects.toThrow(WrongPassphrase);
		expect(await db.keyring.count()).toBe(0);
	});

	it('says a wrong passphrase is wrong, and after five in a row makes the next try wait, longer each time', async () => {
		const { db } = await device();
		await createKeyring(db, 'four words of mine', await serverKey());
		for (let i = 0; i < 4; i++)
			await expect(unlockWithPassphrase(db, 'not it at all', T)).rejects.toThrow(WrongPassphrase);
		await expect(unlockWithPassphrase(db, 'not it at all', T)).rejects.toThrow(TryLater);
		// Even the right one waits now; the count is on the device, so a reload keeps it.
		await expect(unlockWithPassphrase(db, 'four words of mine', T + 1000)).rejects.toThrow(
			TryLater
		);
		expect((await db.keyring.get('dataKey'))?.nextTryAt).toBe(T + unlockWaitMs(5));
		const later = T + unlockWaitMs(5);
		await expect(unlockWithPassphrase(db, 'still not it', later)).rejects.toThrow(TryLater);
		expect((await db.keyring.get('dataKey'))?.nextTryAt).toBe(later + unlockWaitMs(6));
		expect(unlockWaitMs(6)).toBeGreaterThan(unlockWaitMs(5));
		const key = await unlockWithPassphrase(db, 'four words of mine', later + unlockWaitMs(6));
		expect(key.type).toBe('secret');
		expect((await db.keyring.get('dataKey'))?.failures).toBe(0);
	});

	it('changes the passphrase, or sets a new one by the server key, re-wrapping only', async () => {
		const { db, vault } = await device();
		const server = await serverKey();
		vault.use(await createKeyring(db, 'four words of mine', server));
		const id = await note(db, 'Unsynced words');
		const sealedBefore = (await rawRecord(db, id)).sealed;

		await expect(
			setPassphrase(db, { passphrase: 'wrong one here' }, 'new words here')
		).rejects.toThrow(WrongPassphrase);
		await setPassphrase(db, { passphrase: 'four words of mine' }, 'new words here');
		await expect(unlockWithPassphrase(db, 'four words of mine')).rejects.toThrow(WrongPassphrase);
		vault.use(await unlockWithPassphrase(db, 'new words here'));
		expect((await db.records.get(id))?.values.name).toBe('Unsynced words');

		await setPassphrase(db, { serverKey: server }, 'after forgetting');
		vault.use(await unlockWithPassphrase(db, 'after forgetting'));
		expect((await db.records.get(id))?.values.name).toBe('Unsynced words');
		// No record was re-encrypted.
		expect((await rawRecord(db, id)).sealed).toEqual(sealedBefore);
		expect(await db.outbox.count()).toBe(1);
	});
});

function rawRecord(db: FieldbookDatabase, id: string): Promise<Record<string, unknown>> {
	return new Promise((resolve, reject) => {
		const r = db.backendDB().transaction('records').objectStore('records').get(id);
		r.onsuccess = () => resolve(r.result as Record<string, unknown>);
		r.onerror = () => reject(r.error);
	});
}
