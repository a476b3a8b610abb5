import { CompiledQuery } from 'kysely';
import type { Database, DB } from '../../db';
import { engine } from '../../db/engine';

/**
 * Rows per statement, largest first: a batch's rows go out in statements of these sizes only,
 * so the same few SQL texts come back batch after batch and stay prepared (SQLite's statement
 * cache, db/dialect.ts), however many rows a batch has. 500 rows of the widest table
 * (change_log, 11 columns) bind 5,500 values, well inside both engines' limits (SQLite 32,766,
 * PostgreSQL 65,535).
 */
const SIZES = [500, 100, 20, 5, 1];

const texts = new Map<string, string>();

/** The SQL text of one insert of `rows` rows, made once per shape and engine. */
function insertText(
	postgres: boolean,
	table: string,
	columns: readonly string[],
	rows: number,
	tail: string
): string {
	const key = `${postgres ? 'pg' : 'sqlite'} ${table} ${columns.join(',')} ${rows} ${tail}`;
	let text = texts.get(key);
	if (text === undefined) {
		const width = columns.length;
		const tuples: string[] = [];
		for (let r = 0; r < rows; r++) {
			const marks: string[] = [];
			for (let c = 1; c <= width; c++) marks.push(postgres ? `$${r * width + c}` : '?');
			tuples.push(`(${marks.join(', ')})`);
		}
		text = `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}${tail ? ` ${tail}` : ''}`;
		texts.set(key, text);
	}
	return text;
}

/**
 * Inserts `rows` (each its values in the order of `columns`) in multi-row statements of fixed
 * sizes, their SQL written here rather than by Kysely's builder: for a day's push (20,000 field
 * values) building and compiling the statements took longer than SQLite took to run them.
 * `tail` is an `on conflict …` clause, the same on both engines. Table and column names come
 * from the callers' code, never from input.
 */
export async function insertRows<T extends keyof Database & string>(
	db: DB,
	table: T,
	columns: readonly (keyof Database[T] & string)[],
	rows: readonly unknown[][],
	tail = ''
): Promise<void> {
	const postgres = engine(db) === 'postgres';
	let at = 0;
	for (const size of SIZES) {
		while (rows.length - at >= size) {
			const values: unknown[] = [];
			for (let r = at; r < at + size; r++) for (const value of rows[r]!) values.push(value);
			await db.executeQuery(
				CompiledQuery.raw(insertText(postgres, table, columns, size, tail), values)
			);
			at += size;
		}
	}
}
