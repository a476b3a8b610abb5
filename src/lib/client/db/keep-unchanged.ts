/**
 * Structural sharing between two answers of the same live query: `next`, with every part that
 * equals its counterpart in `previous` replaced by that counterpart, so an unchanged note keeps
 * its object and Svelte skips its card (bench: capture_visible_ms). Items of arrays are matched
 * by their `id` when they have one (a note inserted in the middle leaves the others alone), else
 * by position. Only plain objects and arrays are compared; anything else is kept when identical.
 * Returns `previous` itself when nothing changed.
 */
export function keepUnchanged<T>(previous: unknown, next: T): T {
	return share(previous, next) as T;
}

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain => {
	if (value === null || typeof value !== 'object') return false;
	const proto: unknown = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
};

const idOf = (value: unknown) =>
	isPlain(value) && typeof value.id === 'string' ? value.id : undefined;

function share(previous: unknown, next: unknown): unknown {
	if (Object.is(previous, next)) return previous;
	if (Array.isArray(previous) && Array.isArray(next)) return shareArray(previous, next);
	if (isPlain(previous) && isPlain(next)) return shareObject(previous, next);
	return next;
}

function shareArray(previous: unknown[], next: unknown[]): unknown[] {
	const byId = new Map<string, unknown>();
	for (const item of previous) {
		const id = idOf(item);
		if (id !== undefined) byId.set(id, item);
	}
	let same = previous.length === next.length;
	const out = next.map((item, index) => {
		const id = idOf(item);
		const kept = share(id !== undefined ? byId.get(id) : previous[index], item);
		if (kept !== previous[index]) same = false;
		return kept;
	});
	return same ? previous : out;
}

function shareObject(previous: Plain, next: Plain): Plain {
	const keys = Object.keys(next);
	let same = keys.length === Object.keys(previous).length;
	const out: Plain = {};
	for (const key of keys) {
		const had = Object.hasOwn(previous, key);
		const kept = had ? share(previous[key], next[key]) : next[key];
		if (!had || kept !== previous[key]) same = false;
		out[key] = kept;
	}
	return same ? previous : out;
}
