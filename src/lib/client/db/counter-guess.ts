import type { FieldbookDatabase } from './database';

/**
 * The device's counters as this tab last committed them: the seq and clock to stamp the next
 * write with, if nobody has written since. Every tab and the sync share the counters row; this is
 * a guess that a write checks inside its own transaction (write.ts, writeAhead), never a second
 * source: a wrong guess costs that write a second transaction, never a seq or a stamp.
 */
export interface Counters {
	clientId: string;
	nextSeq: number;
	hlc: string | null;
	offsetMs: number;
}

const guesses = new WeakMap<FieldbookDatabase, Counters>();

/** The guess for the next write, taken: a write that fails leaves none, so the next one reads. */
export function takeGuess(db: FieldbookDatabase): Counters | undefined {
	const guess = guesses.get(db);
	guesses.delete(db);
	return guess;
}

/** The counters a write of this tab has just committed. */
export function keepGuess(db: FieldbookDatabase, counters: Counters): void {
	guesses.set(db, counters);
}

/**
 * This tab has written the counters row by other means (a pull page's clock, a re-stamp): the
 * next save stamps from what was written instead of finding its guess stale and reading first
 * (issue 16: the sync after every save moved the clock, so most saves on a capture screen took
 * two transactions). Only a guess already held is moved on, keeping its client id; `values`
 * that do not read as counters (null) drop it.
 */
export function counterRowWritten(
	db: FieldbookDatabase,
	values: Omit<Counters, 'clientId'> | null
): void {
	const guess = guesses.get(db);
	if (!guess) return;
	if (values) guesses.set(db, { clientId: guess.clientId, ...values });
	else guesses.delete(db);
}
