import { metaFrom, type PupilSurvey } from './meta';

/*
 * What the lock screen needs to know before it draws, read with IndexedDB alone: whether the
 * user's store holds a keyring (the passphrase was chosen: the lock, else the passphrase choice)
 * and whether pupil mode is on. No Dexie, no schema: every start opens at the lock (issue 13),
 * and Dexie, the app's frame and its pages load behind it (issue 16: the first page's
 * JavaScript and the cold start). Both rows are clear (database.ts sealingRules).
 */

/** One database per user, so one person's notes are never opened under another's sign-in. */
export const databaseName = (userId: string) => `fieldbook-${userId}`;

export interface DevicePeek {
	/** A passphrase has been chosen on this device for this user. */
	keyring: boolean;
	pupilMode: PupilSurvey | null;
}

const nothing: DevicePeek = { keyring: false, pupilMode: null };

function opened(name: string, factory: IDBFactory): Promise<IDBDatabase | null> {
	return new Promise((resolve, reject) => {
		const request = factory.open(name);
		// No database yet: it is not made here (an empty version 1 would be Dexie's to upgrade).
		request.onupgradeneeded = () => request.transaction?.abort();
		request.onsuccess = () => resolve(request.result);
		request.onerror = (event) => {
			if (request.error?.name !== 'AbortError') return reject(request.error);
			event.preventDefault();
			resolve(null);
		};
	});
}

function read<T>(store: IDBObjectStore, key: string): Promise<T | undefined> {
	return new Promise((resolve, reject) => {
		const request = store.get(key);
		request.onsuccess = () => resolve(request.result as T | undefined);
		request.onerror = () => reject(request.error);
	});
}

/** Reads the user's store without opening it for the app; a missing store reads as new. */
export async function peekDevice(
	userId: string,
	factory: IDBFactory = indexedDB
): Promise<DevicePeek> {
	const db = await opened(databaseName(userId), factory);
	if (!db) return nothing;
	try {
		const names = ['keyring', 'meta'].filter((n) => db.objectStoreNames.contains(n));
		if (names.length === 0) return nothing;
		const tx = db.transaction(names, 'readonly');
		const [keyring, pupil] = await Promise.all([
			names.includes('keyring') ? read(tx.objectStore('keyring'), 'dataKey') : undefined,
			names.includes('meta')
				? read<{ value: unknown }>(tx.objectStore('meta'), 'pupilMode')
				: undefined
		]);
		return { keyring: keyring !== undefined, pupilMode: metaFrom('pupilMode', pupil?.value) };
	} finally {
		db.close();
	}
}
