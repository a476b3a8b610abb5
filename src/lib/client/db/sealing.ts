import type {
	DBCore,
	DBCoreMutateRequest,
	DBCoreTable,
	DBCoreTableSchema,
	DBCoreTransaction,
	Middleware
} from 'dexie';
import { arrayCursor, type CursorRow } from './array-cursor';
import {
	encode,
	encodeJson,
	isPlainData,
	rowLabel,
	sealBytes,
	unsealText,
	type Sealed
} from './sealed';
import { DeviceLocked, type Vault } from './vault';

/**
 * How the device store keeps sensitive content unreadable on disk (DESIGN.md §4), for every table
 * at once: a Dexie DBCore middleware seals each row on its way in and opens it on its way out,
 * so no caller (and no future table) has to remember to. A row is stored as its index keys in
 * the clear plus `sealed` (IV and AES-GCM ciphertext of everything else). Clear by design:
 * the primary key and the fields of the table's indexes, which must be, for IndexedDB to find
 * rows; a table listed in `clearTables` holds no content (sync counters, wrapped keys).
 */
export interface SealingRules {
	/** Tables stored as they are. */
	clearTables: ReadonlySet<string>;
	/** Index fields computed from the content when a row is sealed: table → field → value. */
	lifted: Record<string, Record<string, (row: Record<string, unknown>) => unknown>>;
}

interface TablePlan {
	clear: string[];
	lifted: Record<string, (row: Record<string, unknown>) => unknown>;
}

function planOf(schema: DBCoreTableSchema, rules: SealingRules): TablePlan | null {
	if (rules.clearTables.has(schema.name)) return null;
	const clear = new Set<string>();
	for (const index of [schema.primaryKey, ...schema.indexes]) {
		const paths = index.keyPath === null ? [] : [index.keyPath].flat();
		for (const path of paths) {
			// A nested path would keep its whole parent object in the clear: it stays sealed, and
			// the index finds nothing (older versions' schemas have one; lift such a field instead).
			if (!path.includes('.')) clear.add(path);
		}
	}
	return { clear: [...clear], lifted: rules.lifted[schema.name] ?? {} };
}

/**
 * Keeps an IndexedDB transaction alive while Web Crypto works (an IDB transaction commits as
 * soon as it has no request pending), and settles inside a request's success event, where the
 * transaction is active again, so the caller may go on using it. Dexie.waitFor does the same.
 */
function keepAlive<T>(trans: DBCoreTransaction, store: string, work: Promise<T>): Promise<T> {
	let objectStore: IDBObjectStore;
	let first: IDBRequest;
	try {
		objectStore = (trans as unknown as IDBTransaction).objectStore(store);
		first = objectStore.get(-Infinity);
	} catch {
		// Already finished or inactive (Dexie's live-query cache answers from memory, with no
		// request on the transaction): nothing to keep alive, and no later request to make.
		return work;
	}
	return new Promise<T>((resolve, reject) => {
		let settle: (() => void) | null = null;
		work.then(
			(value) => (settle = () => resolve(value)),
			(error: unknown) => (settle = () => reject(error))
		);
		const spin = () => {
			if (settle) return settle();
			const request = objectStore.get(-Infinity);
			request.onsuccess = spin;
			request.onerror = () => reject(request.error);
		};
		first.onsuccess = spin;
		first.onerror = () => reject(first.error);
	});
}

type Row = Record<string, unknown>;

/** Rows opened or written are remembered up to this many, each up to this size sealed. */
const REMEMBER_ROWS = 10_000;
const REMEMBER_BYTES = 16 * 1024;

/** Byte for byte, four bytes at a time where both are aligned: a record's ciphertext is 2 KB. */
function sameBytes(a: Uint8Array | ArrayBuffer, b: Uint8Array | ArrayBuffer): boolean {
	const x = a instanceof Uint8Array ? a : new Uint8Array(a);
	const y = b instanceof Uint8Array ? b : new Uint8Array(b);
	const n = x.byteLength;
	if (n !== y.byteLength) return false;
	let i = 0;
	if (x.byteOffset % 4 === 0 && y.byteOffset % 4 === 0) {
		// One at a time, this loop was most of reading back 2,000 remembered rows (issue 16).
		const words = n >>> 2;
		const xw = new Uint32Array(x.buffer, x.byteOffset, words);
		const yw = new Uint32Array(y.buffer, y.byteOffset, words);
		for (let w = 0; w < words; w++) if (xw[w] !== yw[w]) return false;
		i = words << 2;
	}
	for (; i < n; i++) if (x[i] !== y[i]) return false;
	return true;
}

/** Each open database's sealing of a row, per table, for sealAhead. */
const sealers = new WeakMap<Vault, Record<string, (row: Row) => Promise<Row>>>();

/**
 * Seals rows of `table` before their transaction begins, as the middleware would seal them in
 * it, so that the transaction itself has no Web Crypto to wait for (the write path, issue 16).
 * The rows are stored as they are, by commit-ahead.ts on IndexedDB itself, not through the
 * middleware. Null when the table is stored in the clear or the database has not opened yet.
 */
export async function sealAhead(
	vault: Vault,
	table: string,
	rows: Record<string, unknown>[]
): Promise<Record<string, unknown>[] | null> {
	const sealRow = sealers.get(vault)?.[table];
	if (!sealRow) return null;
	return Promise.all(rows.map(sealRow));
}

function sealedTable(down: DBCoreTable, plan: TablePlan, vault: Vault): DBCoreTable {
	const name = down.schema.name;
	const primaryKeyOf = (row: Row) => down.schema.primaryKey.extractKey!(row);

	async function sealRow(row: Row): Promise<Row> {
		const key = vault.key();
		const stored: Row = {};
		const content: Row = { ...row };
		for (const field of plan.clear) {
			if (field in content) stored[field] = content[field];
			delete content[field];
		}
		for (const [field, lift] of Object.entries(plan.lifted)) {
			const value = lift(row);
			if (value !== undefined) stored[field] = value;
			delete content[field];
		}
		// Plain content is written as JSON once: that text seals it and is what is remembered
		// (no structured clone of every row written: the day sync's profile, issue 16).
		const json = isPlainData(content) ? (JSON.stringify(content) ?? 'null') : undefined;
		const bytes = json === undefined ? encode(content) : encodeJson(json);
		stored.sealed = await sealBytes(key, bytes, rowLabel(name, primaryKeyOf(row)));
		remember(stored, json === undefined ? { content } : { json });
		return stored;
	}

	/**
	 * A row read back as it was sealed (same IV, same ciphertext) was opened before: its content
	 * is taken from the vault's memory, copied, without a trip to Web Crypto. Only small rows
	 * (records, outbox changes) are kept; a photo's bytes are not held twice.
	 */
	function remembered(stored: Row): Row | undefined {
		const sealed = stored.sealed as Sealed;
		const known = vault.opened.get(`${name}\u0000${JSON.stringify(primaryKeyOf(stored))}`);
		if (!known || !sameBytes(known.iv, sealed.iv) || !sameBytes(known.data, sealed.data))
			return undefined;
		return ('json' in known ? JSON.parse(known.json) : structuredClone(known.content)) as Row;
	}

	/**
	 * Remembers a row's content: its JSON text (immutable, so kept as it is, and read back by one
	 * JSON.parse, as decoding the row would), else a structured clone of it.
	 */
	function remember(stored: Row, known: { json: string } | { content: Row }) {
		const sealed = stored.sealed as Sealed;
		if (sealed.data.byteLength > REMEMBER_BYTES) return;
		const at = `${name}\u0000${JSON.stringify(primaryKeyOf(stored))}`;
		vault.opened.delete(at);
		vault.opened.set(
			at,
			'json' in known
				? { iv: sealed.iv, data: sealed.data, json: known.json }
				: { iv: sealed.iv, data: sealed.data, content: structuredClone(known.content) }
		);
		if (vault.opened.size > REMEMBER_ROWS) {
			const oldest = vault.opened.keys().next().value;
			if (oldest !== undefined) vault.opened.delete(oldest);
		}
	}

	function withClearFields(stored: Row, content: Row): Row {
		for (const field of plan.clear)
			if (field in stored && !(field in plan.lifted)) content[field] = stored[field];
		return content;
	}

	/** The row's content now when it needs no decryption (`now`), else the promise of it. */
	function openRow(row: unknown): { now: unknown } | { later: Promise<unknown> } {
		if (!row || typeof row !== 'object' || !('sealed' in row)) {
			vault.key(); // locked: nothing is read, not even a row written before encryption
			return { now: row }; // a row from before encryption, until the first unlock seals it
		}
		const stored = row as Row;
		const key = vault.key();
		const known = remembered(stored);
		if (known) return { now: withClearFields(stored, known) };
		const later = unsealText(key, stored.sealed as Sealed, rowLabel(name, primaryKeyOf(stored)));
		return {
			later: later.then(({ value, json }) => {
				remember(stored, json === undefined ? { content: value as Row } : { json });
				return withClearFields(stored, value as Row);
			})
		};
	}

	/**
	 * Opens rows read in `trans`; the transaction is kept alive only when some row must go to
	 * Web Crypto (an unchanged row or an absent one answers at once, with no request spun).
	 */
	const openAll = (trans: DBCoreTransaction, rows: unknown[]): Promise<unknown[]> => {
		const opened = rows.map(openRow);
		if (opened.every((r) => 'now' in r))
			return Promise.resolve(opened.map((r) => (r as { now: unknown }).now));
		return keepAlive(trans, name, Promise.all(opened.map((r) => ('now' in r ? r.now : r.later))));
	};

	sealers.set(vault, { ...sealers.get(vault), [name]: sealRow });

	return {
		...down,
		mutate(req: DBCoreMutateRequest) {
			if (req.type !== 'add' && req.type !== 'put') return down.mutate(req);
			if (!vault.unlocked) return Promise.reject(new DeviceLocked());
			const passDown = (values: readonly unknown[]) => {
				if (req.type === 'add') return down.mutate({ ...req, values });
				// The change specs describe the clear object; lower layers get whole sealed rows only.
				const { updates: _u, changeSpec: _c, criteria: _r, ...put } = req;
				return down.mutate({ ...put, values });
			};
			return keepAlive(req.trans, name, Promise.all(req.values.map((v) => sealRow(v as Row)))).then(
				passDown
			);
		},
		async get(req) {
			const row: unknown = await down.get(req);
			return row === undefined ? row : (await openAll(req.trans, [row]))[0];
		},
		async getMany(req) {
			return openAll(req.trans, await down.getMany(req));
		},
		async query(req) {
			const answer = await down.query(req);
			if (!req.values) return answer;
			return { ...answer, result: await openAll(req.trans, answer.result) };
		},
		async openCursor(req) {
			if (!req.values) return down.openCursor(req);
			// Dexie reads a cursor's value synchronously; Web Crypto cannot answer so. So a cursor
			// over sealed rows (filter, each, and…) reads its range at once and opens every row.
			const [keys, rows] = await Promise.all([
				down.query({ trans: req.trans, query: req.query, values: false }),
				down.query({ trans: req.trans, query: req.query, values: true })
			]);
			const index = req.query.index;
			const list: CursorRow[] = rows.result.map((row, i) => ({
				key: index.isPrimaryKey ? keys.result[i] : index.extractKey!(row as Row),
				primaryKey: keys.result[i],
				value: row
			}));
			const opened = await openAll(
				req.trans,
				list.map((r) => r.value)
			);
			opened.forEach((value, i) => (list[i]!.value = value));
			return arrayCursor(req.trans, req.reverse ? list.reverse() : list, !!req.unique);
		}
	};
}

export function sealingMiddleware(vault: Vault, rules: SealingRules): Middleware<DBCore> {
	return {
		stack: 'dbcore',
		name: 'Sealing',
		// Above Dexie's own (hooks, live-query observation and cache), so that they see the rows
		// as stored, with their lifted index fields, and never hold the clear content.
		level: 20,
		create(down) {
			const tables = new Map<string, DBCoreTable>();
			for (const schema of down.schema.tables) {
				const table = down.table(schema.name);
				const plan = planOf(schema, rules);
				tables.set(schema.name, plan && vault.sealing ? sealedTable(table, plan, vault) : table);
			}
			return { ...down, table: (tableName) => tables.get(tableName) ?? down.table(tableName) };
		}
	};
}
