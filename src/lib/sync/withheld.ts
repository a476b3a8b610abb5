import { isSafeguardingConcern } from '../domain/safeguarding';

/*
 * Safeguarding concerns in the sync protocol (DESIGN.md §1, §4; issue 14). A note or survey
 * response flagged as a safeguarding concern is readable only by the person who wrote it, the
 * person who flagged it, the audit's lead and admins. Everyone else in the audit is a "plain
 * member" for that record, and the server judges by the record's state NOW, not by the state
 * an old log entry carried:
 *
 * - pull never carries a flagged record's content to a plain member: each log entry of it
 *   (and of a conflict about it) is sent as a *withheld marker* — the same Change shape, with
 *   `fields: {"withheld": true}` and nothing else — and a device that receives one erases the
 *   record and the photos only it named;
 * - the set of records withheld from a user is part of the pull cursor's fingerprint, so when
 *   it changes (a note flagged, unflagged, a new lead) that user's next pull starts again from
 *   the beginning: a note unflagged arrives whole, a note flagged after the device had it is
 *   erased, whatever order the flag and the unflag raced in;
 * - push refuses ('forbidden') any change a plain member makes to a flagged record, and to a
 *   conflict about one, so that nobody can unflag, rewrite or re-own what they may not read.
 */

/** The record types that can be flagged: notes and survey responses (their free text). */
export const flaggableTypes: readonly string[] = ['observation', 'response'];

/** The one field of a withheld marker. */
export const WITHHELD_FIELD = 'withheld';

/** Whether a record of this type, with these current values, is a safeguarding concern. */
export function isFlagged(type: string, values: Record<string, unknown>): boolean {
	return flaggableTypes.includes(type) && isSafeguardingConcern(values);
}

/** Who may read a flagged record, beside admins. */
export interface FlagReaders {
	author: string;
	flaggedBy: string;
	lead: string | null;
}

export function mayReadFlagged(user: { id: string; role: string }, readers: FlagReaders): boolean {
	return (
		user.role === 'admin' ||
		user.id === readers.author ||
		user.id === readers.flaggedBy ||
		user.id === readers.lead
	);
}

/** Whether a pulled change is a withheld marker: the device erases its record. */
export function isWithheldMarker(change: { fields: Record<string, unknown> }): boolean {
	return change.fields[WITHHELD_FIELD] === true;
}
