import { liveQuery } from 'dexie';

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
	$effect(() => {
		dependencies?.();
		state.loading = true;
		const subscription = liveQuery(query).subscribe({
			next: (value) => {
				state.current = value;
				state.loading = false;
				state.error = null;
			},
			error: (error: unknown) => {
				state.error = error;
				state.loading = false;
			}
		});
		return () => subscription.unsubscribe();
	});
	return state;
}
