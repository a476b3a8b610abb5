import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { FieldbookDatabase } from '../../src/lib/client/db/database';
import { setMeta } from '../../src/lib/client/db/meta';
import { databaseName, peekDevice } from '../../src/lib/client/db/peek';
import { createKeyring, serverWrappingKey } from '../../src/lib/client/lock/keyring';

// The lock screen draws from this peek, without Dexie (issue 16): it must read what Dexie wrote,
// and leave a store it did not find as it was, for Dexie to create.
const serverKey = () => serverWrappingKey(crypto.getRandomValues(new Uint8Array(32)));
const survey = { auditId: 'audit-1', activityId: 'activity-1' };

function store(factory: IDBFactory, userId: string) {
	return new FieldbookDatabase(databaseName(userId), { indexedDB: factory, IDBKeyRange });
}

describe('peekDevice', () => {
	it('reads a new store as the passphrase still to choose, and does not create it', async () => {
		const factory = new IDBFactory();
		expect(await peekDevice('ann', factory)).toEqual({ keyring: false, pupilMode: null });
		expect((await factory.databases()).map((d) => d.name)).not.toContain(databaseName('ann'));
		// Dexie then creates it at its own version, as on a device never peeked at.
		const db = store(factory, 'ann');
		await db.open();
		expect(db.tables.map((t) => t.name)).toContain('keyring');
		db.close();
	});

	it('sees a chosen passphrase and pupil mode, as Dexie wrote them', async () => {
		const factory = new IDBFactory();
		const db = store(factory, 'bob');
		await db.open();
		expect(await peekDevice('bob', factory)).toEqual({ keyring: false, pupilMode: null });
		await createKeyring(db, 'correct horse battery', await serverKey());
		expect(await peekDevice('bob', factory)).toEqual({ keyring: true, pupilMode: null });
		await setMeta(db, 'pupilMode', survey);
		expect(await peekDevice('bob', factory)).toEqual({ keyring: true, pupilMode: survey });
		// Another user's store is theirs: nothing of bob's shows in it.
		expect(await peekDevice('cat', factory)).toEqual({ keyring: false, pupilMode: null });
		db.close();
	});

	it('closes its connection: Dexie can upgrade the store after a peek', async () => {
		const factory = new IDBFactory();
		const old = new FieldbookDatabase(databaseName('dan'), { indexedDB: factory, IDBKeyRange });
		await old.open();
		old.close();
		await peekDevice('dan', factory);
		// A version change waits for every open connection: a peek left open would block it.
		const request = factory.open(databaseName('dan'), old.verno * 10 + 1);
		await new Promise<void>((resolve, reject) => {
			request.onsuccess = () => (request.result.close(), resolve());
			request.onerror = () => reject(request.error);
			request.onblocked = () => reject(new Error('blocked by an open connection'));
		});
	});
});
