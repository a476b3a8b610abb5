/**
 * Changes this tab has committed, shown ahead of a live query's next answer (`Live.ahead`): a
 * saved note goes into its list at once instead of after the query has read the activity's
 * notes back (issue 16: capture_visible_ms). Each change is laid over the answers of runs that
 * began before it was added, and dropped at the first answer of a run begun after it: that
 * answer was read with the change committed, so the store's word wins from then on (another
 * tab's edit, a sync's, a delete), and nothing stays on screen that the store does not hold.
 */
export class Ahead<T> {
	/** Runs of the query begun so far. */
	#runs = 0;
	#pending: { after: number; update: (value: T) => T }[] = [];

	/** A run of the query begins: its number, for `answer`. */
	began(): number {
		return ++this.#runs;
	}

	/** Adds a committed change (idempotent: the answer it meets may hold it already). */
	add(update: (value: T) => T): void {
		this.#pending.push({ after: this.#runs, update });
	}

	/** The answer of run `run` with every change it may not have read laid over it. */
	answer(run: number, value: T): T {
		this.#pending = this.#pending.filter((p) => p.after >= run);
		return this.#pending.reduce((answer, p) => p.update(answer), value);
	}

	/** The query starts again on other inputs: what was ahead belongs to the old ones. */
	clear(): void {
		this.#pending = [];
	}
}
