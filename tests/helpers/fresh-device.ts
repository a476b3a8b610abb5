import 'fake-indexeddb/auto';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createStore } from 'idb-keyval';
import { openDevice, type Device } from '../../src/lib/client/db/device';
import type { User } from '../../src/lib/domain/user';
import { createUser } from '../../src/lib/server/users';
import { newRecordId } from './sim';
import { tempDatabase } from './temp-db';

/** A device on a fresh IndexedDB of its own: nothing one test writes is seen by the next. */
export function freshDevice(userId: string = newRecordId()): Promise<Device> {
	const keyval = createStore(`keyval-${newRecordId()}`, 'kv');
	return openDevice(userId, { indexedDB: new IDBFactory(), IDBKeyRange }, keyval);
}

/** Ann, an advisor on a server database of its own, with a fresh device: the screens' writes. */
export async function advisorWithDevice() {
	const store = await tempDatabase();
	const password = 'a long enough password';
	const ann: User = await createUser(store.db, {
		email: 'ann@x.org',
		name: 'Ann',
		password,
		role: 'advisor'
	});
	const device = await freshDevice(ann.id);
	return {
		store,
		ann,
		device,
		async close() {
			device.db.close();
			await store.close();
		}
	};
}
