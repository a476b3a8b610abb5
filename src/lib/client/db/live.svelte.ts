import { liveQuery } from 'dexie';
import { deviceLock } from '../lock/lock.svelte';
import { Ahead } from './ahead';
import { keepUnchanged } from './keep-unchanged';

/** A live query's latest answer, as runes: components read the device store only this way. */
export interface LiveAnswer<T> {
	readonly current: T;
	/** True until the first answer: show a loading state, not an empty one. */
	readonly loading: boolean;
	/** Set when the query failed (the database could not be read): say so, never show "none". */
	readonly error: unknown;
}

/** A live query of `live()`: its answer, and a change of this tab's shown before it is read back. */
export interface Live<T> extends LiveAnswer<T> {
	/**
	 * Shows a change this tab has just committed before the query reads it back (a saved note in
	 * its list at once): `update` is applied to the answer on screen now, and to every answer of
	 * a run that began before this call; the first answer read after it replaces it. So another
	 * tab's or a sync's changes still arrive, and nothing shown stays unless the store holds it.
	 * `update` must be idempotent (the answer it meets may already hold the change).
	 */
	ahead(update: (current: T) => T): void;
}

/**
 * Runs `query` now and again whenever the tables it read change, in this tab or another.
 * Create it while a component initialises; it stops when the component goes. `dependencies`
 * names the reactive values the query uses (a record id from the URL, say): when they change,
 * the query starts again.
 *
 * The answer is held as it is (`$state.raw`: read-only, never proxied), and each new answer
 * keeps the objects of the last one wherever they are equal (keep-unchanged.ts): after a save,
 * only the new note's card is drawn, not every card of the list. A change this tab committed
 * can be shown before the query reads it back (`ahead`, ahead.ts).
 */
export function live<T>(
	query: () => Promise<T>,
	initial: T,
	dependencies?: () => unknown
): Live<T> {
	let current = $state.raw(initial);
	let loading = $state(true);
	let error = $state<unknown>(null);
	let subscribedEpoch: number | null = null;
	const ahead = new Ahead<T>();
	$effect(() => {
		dependencies?.();
		// Each unlock runs the query again: one that failed while the device was locked recovers.
		// The answer on screen stays meanwhile (no "loading"), so a form under it keeps its text.
		const epoch = deviceLock.epoch;
		const unlockedOnly = subscribedEpoch !== null && epoch !== subscribedEpoch;
		subscribedEpoch = epoch;
		if (!unlockedOnly) loading = true;
		ahead.clear();
		const subscription = liveQuery(() => {
			const run = ahead.began();
			return query().then((value) => ({ run, value }));
		}).subscribe({
			next: ({ run, value }) => {
				current = keepUnchanged(current, ahead.answer(run, value));
				loading = false;
				error = null;
			},
			error: (failure: unknown) => {
				// The screen says it could not read; the console keeps why, for whoever debugs it.
				console.error(`A live query failed: ${String(failure)}`, failure);
				error = failure;
				loading = false;
			}
		});
		return () => subscription.unsubscribe();
	});
	return {
		get current() {
			return current;
		},
		get loading() {
			return loading;
		},
		get error() {
			return error;
		},
		ahead(update) {
			ahead.add(update);
			current = keepUnchanged(current, update(current));
		}
	};
}
