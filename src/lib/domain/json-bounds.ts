/*
 * Bounds on every JSON value the server accepts (DESIGN.md §4): one place for every limit.
 * Whatever passes them can always be written out again: JSON.stringify recurses, and a value
 * nested a few thousand deep overflows the stack in every pull and export that meets it (issue
 * 12, finding 1). The walks below recurse too, but never deeper than the limit they check.
 */

export interface JsonBounds {
	/** Levels of arrays and objects: `[]` is 1, `[[1]]` is 2, a plain value is 0. */
	depth: number;
	/** The size of its JSON text, in characters (counted, never by serialising it). */
	chars: number;
}

/** Limits on every string, list and object anywhere in an accepted value. */
export const STRING_MAX = 100_000;
export const ARRAY_MAX = 10_000;
export const KEYS_MAX = 1_000;
export const KEY_MAX = 200;

export const JSON_LIMITS = {
	/** One field of one record: the domain schemas allow far less; this holds for any field. */
	field: { depth: 16, chars: 200_000 },
	/** A whole change: a conflict nests its field's values 4 levels inside the change. */
	change: { depth: 20, chars: 1_000_000 },
	/** Any other JSON request body (sign-in, accounts…). Push bodies are checked per change. */
	body: { depth: 20, chars: 2 * 1024 * 1024 },
	/** One row of an imported backup file (photo bytes aside). */
	importRow: { depth: 24, chars: 2 * 1024 * 1024 }
} as const satisfies Record<string, JsonBounds>;

class TooBig extends Error {}

/**
 * Why `value` is out of bounds, in one line naming where (`fields.text: …`), or null when it
 * is a bounded JSON value. Values a JSON text cannot hold (undefined, functions, NaN) are out.
 */
export function jsonProblem(value: unknown, bounds: JsonBounds, path = ''): string | null {
	let chars = 0;
	const at = (where: string) => where || 'the value';
	function walk(v: unknown, where: string, depth: number): void {
		if (v === null || typeof v === 'boolean') chars += 5;
		else if (typeof v === 'number') {
			if (!Number.isFinite(v)) throw new TooBig(`${at(where)}: not a JSON number`);
			chars += 24;
		} else if (typeof v === 'string') {
			if (v.length > STRING_MAX)
				throw new TooBig(`${at(where)}: a text over ${STRING_MAX} characters`);
			chars += v.length + 2;
		} else if (typeof v === 'object') {
			if (depth >= bounds.depth)
				throw new TooBig(`${at(where)}: nested deeper than ${bounds.depth} levels`);
			if (Array.isArray(v)) {
				if (v.length > ARRAY_MAX)
					throw new TooBig(`${at(where)}: a list of over ${ARRAY_MAX} items`);
				chars += 2;
				v.forEach((item, i) => walk(item, deeper(where, `[${i}]`, depth), depth + 1));
			} else {
				const keys = Object.keys(v);
				if (keys.length > KEYS_MAX)
					throw new TooBig(`${at(where)}: an object of over ${KEYS_MAX} keys`);
				chars += 2;
				for (const key of keys) {
					if (key.length > KEY_MAX)
						throw new TooBig(`${at(where)}: a key over ${KEY_MAX} characters`);
					chars += key.length + 4;
					const next = deeper(where, where ? `.${key}` : key, depth);
					walk((v as Record<string, unknown>)[key], next, depth + 1);
				}
			}
		} else throw new TooBig(`${at(where)}: not a JSON value`);
		if (chars > bounds.chars)
			throw new TooBig(`${at(path)}: over ${bounds.chars} characters of JSON`);
	}
	try {
		walk(value, path, 0);
		return null;
	} catch (e) {
		if (e instanceof TooBig) return e.message.slice(0, 300);
		throw e;
	}
}

/** A problem is named by its first two levels (`fields.text`): deeper paths say no more. */
const deeper = (where: string, step: string, depth: number) =>
	depth < 2 ? where + step.slice(0, 60) : where;

const DROPPED = '…';

/**
 * A bounded copy of any value, for keeping what cannot be stored as it came (a quarantined
 * change): texts cut to 1,000 characters, lists and objects to 50 entries, 8 levels, about
 * 64 KB in all; whatever was cut is marked "…". Keys such as `__proto__` stay plain keys.
 */
export function boundedCopy(value: unknown): unknown {
	let budget = 64_000;
	function copy(v: unknown, depth: number): unknown {
		if (v === null || typeof v === 'boolean') return v;
		if (typeof v === 'number') return Number.isFinite(v) ? v : null;
		if (typeof v === 'string') {
			budget -= Math.min(v.length, 1_000);
			return v.length > 1_000 ? v.slice(0, 1_000) + DROPPED : v;
		}
		if (typeof v !== 'object' || depth >= 8 || budget <= 0) return DROPPED;
		if (Array.isArray(v)) {
			const items = v.slice(0, 50).map((item) => copy(item, depth + 1));
			return v.length > 50 ? [...items, DROPPED] : items;
		}
		const keys = Object.keys(v);
		// fromEntries defines own properties: a "__proto__" key never becomes the prototype.
		const entries = keys
			.slice(0, 50)
			.map((k) => [k.slice(0, KEY_MAX), copy((v as Record<string, unknown>)[k], depth + 1)]);
		if (keys.length > 50) entries.push([DROPPED, DROPPED]);
		return Object.fromEntries(entries);
	}
	return copy(value, 0);
}
