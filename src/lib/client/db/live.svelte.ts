import { liveQuery } from 'dexie';
import { deviceLock } from '../lock/lock.svelte';

/** A live query's latest answer, as runes: components read the device store only this way. */
export interface Live<T> {
	readonly current: T;
	/** True until the first answer: show a loading state, not an empty one. */
	readonly loading: boolean;
	/** Set when the query failed (the database could not be read): say so, never show "none". */
	readonly error: unknown;
}

/**
 * Runs `query` now and again whenever the tables it read change, in this tab or another.
 * Create it while a component initialises; it stops when the component goes. `dependencies`
 * names the reactive values the query uses (a record id from the URL, say): when they change,
 * the query starts again.
 */
export function live<T>(
	query: () => Promise<T>,
	initial: T,
	dependencies?: () => unknown
): Live<T> {
	const state = $state({ current: initial, loading: true, error: null as unknown });
	let subscribedEpoch: number | null = null;
	$effect(() => {
		dependencies?.();
		// Each unlock runs the query again: one that failed while the device was locked recovers.
		// The answer on screen stays meanwhile (no "loading"), so a form under it keeps its text.
		const epoch = deviceLock.epoch;
		const unlockedOnly = subscribedEpoch !== null && epoch !== subscribedEpoch;
		subscribedEpoch = epoch;
		if (!unlockedOnly) state.loading = true;
		const subscription = liveQuery(query).subscribe({
			next: (value) => {
				state.current = value;
				state.loading = false;
				state.error = null;
			},
			error: (error: unknown) => {
				// The screen says it could not read; the console keeps why, for whoever debugs it.
				console.error(`A live query failed: ${String(error)}`, error);
				state.error = error;
				state.loading = false;
			}
		});
		return () => subscription.unsubscribe();
	});
	return state;
}
