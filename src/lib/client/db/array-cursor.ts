import { cmp, type DBCoreCursor, type DBCoreTransaction } from 'dexie';

export interface CursorRow {
	key: unknown;
	primaryKey: unknown;
	value: unknown;
}

/**
 * A DBCore cursor over rows already read and opened, for Dexie's cursor walks (filter, each,
 * and) over sealed tables. Dexie moves it synchronously from its callback, as it would a real one.
 */
export function arrayCursor(
	trans: DBCoreTransaction,
	all: CursorRow[],
	unique: boolean
): DBCoreCursor | null {
	const rows = unique ? all.filter((r, i) => i === 0 || cmp(r.key, all[i - 1]!.key) !== 0) : all;
	if (rows.length === 0) return null;
	let at = 0;
	let moved = false;
	let finish: ((value?: unknown) => void) | null = null;
	let failWith: ((error: Error) => void) | null = null;
	const cursor = {
		trans,
		get key() {
			return rows[at]?.key;
		},
		get primaryKey() {
			return rows[at]?.primaryKey;
		},
		get value() {
			return rows[at]?.value;
		},
		done: false,
		continue(key?: unknown) {
			moved = true;
			at++;
			if (key !== undefined) while (at < rows.length && cmp(rows[at]!.key, key) < 0) at++;
		},
		continuePrimaryKey() {
			throw new Error('continuePrimaryKey is not supported on a sealed table');
		},
		advance(count: number) {
			moved = true;
			at += count;
		},
		stop(value?: unknown) {
			finish?.(value);
			finish = null;
		},
		fail(error: Error) {
			failWith?.(error);
			finish = null;
		},
		start(onNext: () => void): Promise<unknown> {
			return new Promise((resolve, reject) => {
				finish = resolve;
				failWith = reject;
				while (finish !== null) {
					if (at >= rows.length) {
						cursor.done = true;
						cursor.stop();
						break;
					}
					moved = false;
					try {
						onNext();
					} catch (error) {
						cursor.fail(error as Error);
					}
					// A walk that neither moves nor stops would wait for ever: a real cursor would too.
					if (!moved && finish !== null) break;
				}
			});
		},
		next(): Promise<DBCoreCursor> {
			let first = true;
			return cursor
				.start(() => (first ? ((first = false), cursor.continue()) : cursor.stop()))
				.then(() => cursor);
		}
	};
	return cursor;
}
