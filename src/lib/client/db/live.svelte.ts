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

/** Live queries waiting for their first answer, and who waits for there to be none. */
let unanswered = 0;
const whenAnswered: (() => void)[] = [];

function answered(): void {
	if (--unanswered > 0) return;
	for (const resolve of whenAnswered.splice(0)) resolve();
}

/**
 * Resolves once the live queries on screen have had their first answers, looked at a frame from
 * now (the page's own have begun by then), or after `capMs` at the latest. The first sync after
 * an unlock waits for it (AppFrame): it opens a batch of sealed changes, and the screen's few
 * rows would queue behind their decryption (issue 16: unlock_ms).
 */
export function screenAnswered(capMs = 3000): Promise<void> {
	return new Promise((resolve) => {
		const cap = setTimeout(resolve, capMs);
		const done = () => {
			clearTimeout(cap);
			resolve();
		};
		requestAnimationFrame(() =>
			setTimeout(() => {
				if (unanswered === 0) done();
				else whenAnswered.push(done);
			})
		);
	});
}

/**
 * Runs `query` now and again whenever the tables it read change, in this tab or another.
 * Create it while a component initialises; it stops when the component goes. `dependencies`
 * names the reactive values the query uses (a record id from the URL, say): when they change,
 * the query starts again. With `after`, the query begins only once `after()` holds (reactive):
 * meanwhile it is loading.
 *
 * The answer is held as it is (`$state.raw`: read-only, never proxied), and each new answer
 * keeps the objects of the last one wherever they are equal (keep-unchanged.ts): after a save,
 * only the new note's card is drawn, not every card of the list. A change this tab committed
 * can be shown before the query reads it back (`ahead`, ahead.ts).
 */
export function live<T>(
	query: () => Promise<T>,
	initial: T,
	dependencies?: () => unknown,
	after?: () => boolean
): Live<T> {
	let current = $state.raw(initial);
	let loading = $state(true);
	let error = $state<unknown>(null);
	let subscribedEpoch: number | null = null;
	const ahead = new Ahead<T>();
	$effect(() => {
		dependencies?.();
		if (after && !after()) return;
		// Each unlock runs the query again: one that failed while the device was locked recovers.
		// The answer on screen stays meanwhile (no "loading"), so a form under it keeps its text.
		const epoch = deviceLock.epoch;
		const unlockedOnly = subscribedEpoch !== null && epoch !== subscribedEpoch;
		subscribedEpoch = epoch;
		if (!unlockedOnly) loading = true;
		let first = !unlockedOnly;
		if (first) unanswered++;
		const settle = () => {
			if (!first) return;
			first = false;
			answered();
		};
		ahead.clear();
		const subscription = liveQuery(() => {
			const run = ahead.began();
			return query().then((value) => ({ run, value }));
		}).subscribe({
			next: ({ run, value }) => {
				current = keepUnchanged(current, ahead.answer(run, value));
				loading = false;
				error = null;
				settle();
			},
			error: (failure: unknown) => {
				// The screen says it could not read; the console keeps why, for whoever debugs it.
				console.error(`A live query failed: ${String(failure)}`, failure);
				error = failure;
				loading = false;
				settle();
			}
		});
		return () => {
			subscription.unsubscribe();
			settle();
		};
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
