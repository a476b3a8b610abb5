import type { RecordType } from '../domain/record-type';
import { compareHlc } from './hlc';

/**
 * Free-text fields: a concurrent edit of one of these keeps both texts as a conflict, since
 * last-writer-wins would silently discard someone's words (DESIGN.md §3). Short labels
 * (locations) and choices (judgement, status) simply take the later write: losing one costs a
 * tap, not a paragraph. A conflict's own fields are never text: resolving writes a new value.
 */
export const textFields: Record<RecordType, readonly string[]> = {
	school: ['name'],
	audit: ['title'],
	activity: ['title'],
	observation: ['text'],
	response: [],
	step: [],
	// A finding's or next step's words are a paragraph someone wrote: keep both on a clash.
	finding: ['text'],
	nextStep: ['text'],
	// Append-only: a status record is written once, never edited.
	reportStatus: [],
	conflict: []
};

/** A stored field: its value and the HLC and author of its last write. */
export interface FieldState {
	value: unknown;
	hlc: string;
	author: string;
}
export type RecordState = Record<string, FieldState>;

export interface IncomingChange {
	fields: Record<string, unknown>;
	hlc: string;
	base?: Record<string, string> | null;
}

/** Two writes that did not see each other; both are kept until a person decides. */
export interface FieldConflict {
	field: string;
	/** The stored write first, then the incoming one. */
	values: FieldState[];
}

export interface MergeResult {
	state: RecordState;
	taken: string[];
	conflicts: FieldConflict[];
}

// Own properties only: a field named "constructor" must not find Object.prototype's.
const own = <T>(o: Record<string, T> | null | undefined, key: string): T | undefined =>
	o && Object.hasOwn(o, key) ? o[key] : undefined;

// Values come from JSON, so equal JSON is equal value; key order is the writer's, kept as sent.
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The per-field rule (DESIGN.md §3): a field takes the incoming value when the change's HLC is
 * greater than the stored field's (an absent field always takes it). Equal stamps are the same
 * write — a stamp holds its clientId and each device's clock only goes forwards — so the stored
 * one stays, which makes re-applying a change a no-op. The outcome is the field-wise maximum by
 * HLC, so every replica applying the same changes, in any order, ends with the same values.
 * Conflicts are reported, never resolved here; they never change which value wins.
 */
export function mergeChange(
	stored: RecordState | null,
	change: IncomingChange,
	author: string,
	text: readonly string[]
): MergeResult {
	const state: RecordState = { ...stored };
	const taken: string[] = [];
	const conflicts: FieldConflict[] = [];
	for (const [field, value] of Object.entries(change.fields)) {
		const current = own(state, field);
		const incoming = { value, hlc: change.hlc, author };
		// The writer had not seen the stored write: someone else wrote it meanwhile.
		const unseen = current !== undefined && own(change.base, field) !== current.hlc;
		if (unseen && text.includes(field) && !sameValue(current.value, value))
			conflicts.push({ field, values: [current, incoming] });
		if (current === undefined || compareHlc(change.hlc, current.hlc) > 0) {
			state[field] = incoming;
			taken.push(field);
		}
	}
	const race = stored && editDeleteRace(stored, change, author);
	if (race) conflicts.push(race);
	return { state, taken, conflicts };
}

/** An edit that races a delete is a conflict over `deleted`, not "delete wins" (DESIGN.md §3). */
function editDeleteRace(
	stored: RecordState,
	change: IncomingChange,
	author: string
): FieldConflict | null {
	const deleted = own(stored, 'deleted');
	const deletes = own(change.fields, 'deleted') === true;
	const edits = Object.keys(change.fields).some((f) => f !== 'deleted');
	// An edit made without having seen the delete now stored (restoring it is no race).
	if (edits && !deletes && deleted?.value === true && own(change.base, 'deleted') !== deleted.hlc)
		return { field: 'deleted', values: [deleted, { value: false, hlc: change.hlc, author }] };
	if (!deletes || deleted?.value === true) return null;
	// A delete made without having seen an edit now stored. The wire's base covers patched
	// fields only, so a delete seldom says what it saw; but a device's clock orders its stamps
	// after every stamp it has seen, so a stored write with a later stamp was surely unseen.
	// (Edits with an earlier stamp may have been unseen too: those go undetected.)
	let edit: FieldState | undefined;
	for (const [field, current] of Object.entries(stored)) {
		if (field === 'deleted' || Object.hasOwn(change.fields, field)) continue;
		const seen = own(change.base, field);
		const unseen =
			seen === undefined ? compareHlc(current.hlc, change.hlc) > 0 : seen !== current.hlc;
		// The latest such edit speaks for the rest, whatever order the fields are stored in.
		if (unseen && (!edit || compareHlc(current.hlc, edit.hlc) > 0)) edit = current;
	}
	if (!edit) return null;
	return {
		field: 'deleted',
		values: [
			{ value: false, hlc: edit.hlc, author: edit.author },
			{ value: true, hlc: change.hlc, author }
		]
	};
}
