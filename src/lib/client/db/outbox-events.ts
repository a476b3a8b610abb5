import type { FieldbookDatabase } from './database';

/*
 * Who hears of a committed write that queued changes (the sync runner, to sync shortly after).
 * Apart from write.ts, so the runner can listen without loading the write path's schemas.
 */

const outboxListeners = new WeakMap<FieldbookDatabase, Set<() => void>>();

/**
 * Calls `wrote` after each write that queued changes on `db`, in this tab (another tab's runner
 * hears its own). Returns the function that stops listening.
 */
export function onOutboxWrite(db: FieldbookDatabase, wrote: () => void): () => void {
	const listeners = outboxListeners.get(db) ?? new Set();
	outboxListeners.set(db, listeners);
	listeners.add(wrote);
	return () => listeners.delete(wrote);
}

/** Tells the listeners of `db`: called by the write path once its transaction has committed. */
export function outboxWritten(db: FieldbookDatabase): void {
	for (const listener of outboxListeners.get(db) ?? []) listener();
}
