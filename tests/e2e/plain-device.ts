import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';

/*
 * A tablet as the version before encryption left it (issue 13's upgrade): the user's store at
 * Dexie version 4 (IndexedDB version 40), every row in the clear. Written here through the
 * page's real IndexedDB, apart from the app's code on purpose: it is the old format on disk.
 */

type Row = Record<string, unknown>;

export interface PlainDevice {
	records: Row[];
	outbox: Row[];
	meta: Row[];
	drafts: Row[];
}

/** What the server holds for this user, as the old app stored it after a pull. */
async function pulledRecords(api: APIRequestContext) {
	type Pulled = Row & { values: Row; hlcs: Row; authors: Row };
	const records = new Map<string, Pulled>();
	let since: string | null = null;
	let cursor = '';
	for (;;) {
		const query: string = since ? `&since=${encodeURIComponent(since)}` : '';
		const answer = await api.get(`/api/sync/pull?limit=500${query}`);
		expect(answer.status()).toBe(200);
		const body = await answer.json();
		for (const change of body.changes) {
			const record: Pulled = records.get(change.recordId) ?? {
				id: change.recordId,
				type: change.type,
				scope: change.scope,
				values: {},
				hlcs: {},
				authors: {},
				deleted: 0
			};
			for (const [field, value] of Object.entries(change.fields)) {
				record.values[field] = value;
				record.hlcs[field] = change.hlc;
				record.authors[field] = change.author;
			}
			records.set(record.id as string, record);
		}
		cursor = body.cursor ?? cursor;
		if (!body.more) break;
		since = body.cursor;
	}
	return { records: [...records.values()], cursor };
}

/**
 * The old tablet's rows: what it pulled, `notes` observations written on it and not yet
 * pushed (each a record and an outbox change), and a draft typed into the walk's note box.
 */
export async function plainDevice(
	api: APIRequestContext,
	userId: string,
	activityId: string,
	notes: string[],
	draft: string
): Promise<PlainDevice> {
	const { records, cursor } = await pulledRecords(api);
	const scope = records.find((r) => r.type === 'activity' && r.id === activityId)!.scope;
	const clientId = randomBytes(8).toString('hex');
	const wall = new Date().toISOString();
	const outbox: Row[] = [];
	let hlc = '';
	notes.forEach((text, i) => {
		const seq = i + 1;
		hlc = `${wall}-${seq.toString(16).padStart(4, '0')}-${clientId}`;
		const fields = {
			activityId,
			componentId: 'c1',
			text,
			practiceIds: [],
			judgement: 'neutral',
			capturedAt: wall,
			location: null,
			photoHashes: [],
			deleted: false
		};
		const recordId = uuidv7();
		const stamps = Object.fromEntries(Object.keys(fields).map((f) => [f, hlc]));
		const authors = Object.fromEntries(Object.keys(fields).map((f) => [f, userId]));
		records.push({
			id: recordId,
			type: 'observation',
			scope,
			values: fields,
			hlcs: stamps,
			authors,
			deleted: 0
		});
		outbox.push({
			seq,
			change: { clientId, seq, type: 'observation', recordId, scope, fields, hlc, base: null }
		});
	});
	const meta = [
		{ key: 'clientId', value: clientId },
		{ key: 'nextSeq', value: notes.length + 1 },
		{ key: 'hlc', value: hlc },
		{ key: 'cursor', value: cursor }
	];
	const kept = {
		text: draft,
		judgement: 'neutral',
		practiceIds: [],
		photoHashes: [],
		place: '',
		interaction: ''
	};
	const drafts = [{ key: `walk:${activityId}`, values: kept, keptAt: wall }];
	return { records, outbox, meta, drafts };
}

/** Writes `device` as the user's store of the old version, with the old version's schema. */
export function storeOldVersion(page: Page, userId: string, device: PlainDevice) {
	return page.evaluate(
		async ({ name, device }) => {
			const open = indexedDB.open(name, 40);
			open.onupgradeneeded = () => {
				const db = open.result;
				// Dexie's stores of versions 1 to 4: the primary key first, then the indexes.
				const records = db.createObjectStore('records', { keyPath: 'id' });
				records.createIndex('[type+scope]', ['type', 'scope']);
				records.createIndex('scope', 'scope');
				records.createIndex('values.activityId', 'values.activityId');
				db.createObjectStore('outbox', { keyPath: 'seq' });
				db.createObjectStore('quarantine', { keyPath: 'seq' });
				db.createObjectStore('meta', { keyPath: 'key' });
				db.createObjectStore('photos', { keyPath: 'hash' }).createIndex('uploaded', 'uploaded');
				db.createObjectStore('drafts', { keyPath: 'key' });
			};
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const tables = ['records', 'outbox', 'meta', 'drafts'] as const;
			const t = db.transaction(tables, 'readwrite', { durability: 'strict' });
			for (const table of tables) for (const row of device[table]) t.objectStore(table).put(row);
			await new Promise((resolve, reject) => {
				t.oncomplete = resolve;
				t.onerror = t.onabort = () => reject(t.error);
			});
			db.close();
		},
		{ name: `fieldbook-${userId}`, device }
	);
}

/**
 * Holds a read-only transaction on `table` of the user's store, from a connection of the test's
 * own in the page, until the page goes: the app's writes to that table wait behind it (its
 * reads, and its writes to other tables, do not; a read-write hold would stop every write in
 * Chromium). How a test stops the upgrade pass at a known point, then interrupts it.
 */
export function holdTable(page: Page, userId: string, table: string) {
	return page.evaluate(
		async ({ name, table }) => {
			const open = indexedDB.open(name);
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(open.error);
			});
			const store = db.transaction(table, 'readonly').objectStore(table);
			// A transaction stays open while it has a request pending: one after another, forever.
			const spin = () => (store.get(-Infinity).onsuccess = spin);
			spin();
		},
		{ name: `fieldbook-${userId}`, table }
	);
}

/** How many rows of each table are stored sealed and how many in the clear, read raw. */
export function sealedCounts(page: Page, userId: string) {
	return page.evaluate(async (name) => {
		const open = indexedDB.open(name);
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const counts: Record<string, { sealed: number; clear: number }> = {};
		for (const table of Array.from(db.objectStoreNames)) {
			const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
				const r = db.transaction(table).objectStore(table).getAll();
				r.onsuccess = () => resolve(r.result);
				r.onerror = () => reject(r.error);
			});
			const sealed = rows.filter((row) => 'sealed' in row).length;
			counts[table] = { sealed, clear: rows.length - sealed };
		}
		db.close();
		return counts;
	}, `fieldbook-${userId}`);
}
