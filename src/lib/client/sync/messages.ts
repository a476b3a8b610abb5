import type { SyncOutcome } from './engine';
import { Unreachable } from './environment';

/** What the person is told about sync, in plain words: nothing here is ever a stack trace. */

export const OFFLINE_MESSAGE =
	'Cannot reach the server. Your notes are safe on this tablet and will sync when the connection returns.';

export const SIGNED_OUT_MESSAGE =
	'Your session has ended. Sign in again to sync; nothing on this tablet is lost.';

/** "in 30 seconds", "in 4 minutes": how long until the next try. */
export function inWords(ms: number): string {
	const seconds = Math.round(ms / 1000);
	if (seconds < 1) return 'in a moment';
	if (seconds < 60) return `in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
	const minutes = Math.round(seconds / 60);
	return `in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** Why a try failed in a way that is worth trying again, as the runner saw it. */
export type RetryCause =
	| { kind: 'unreachable' }
	| { kind: 'refused'; outcome: Extract<SyncOutcome, { ok: false }> }
	| { kind: 'local'; detail: string };

/** Names the cause of a failed run that was not a 401: a refusal, the network, or this device. */
export function retryCause(outcome: SyncOutcome | null, failure: unknown): RetryCause {
	if (outcome && !outcome.ok) return { kind: 'refused', outcome };
	if (failure instanceof Unreachable) return { kind: 'unreachable' };
	return { kind: 'local', detail: failure instanceof Error ? failure.message : String(failure) };
}

/** The failure alone: kept with the attempt, read again after a reload. */
export function failureMessage(cause: RetryCause): string {
	switch (cause.kind) {
		case 'unreachable':
			return 'Cannot reach the server. Your notes are safe on this tablet.';
		case 'local':
			return `Something went wrong on this tablet while syncing (${cause.detail}). Nothing has been deleted.`;
		case 'refused': {
			const { reason, status } = cause.outcome;
			if (reason === 'stalled')
				return "The server is not taking this tablet's changes yet. They are safe here.";
			return `The server had a problem${status ? ` (${status})` : ''}.`;
		}
	}
}

/** The failure and when the next try comes, for the live status. */
export function retryMessage(cause: RetryCause, waitMs: number): string {
	return `${failureMessage(cause)} Fieldbook will try again ${inWords(waitMs)}.`;
}
