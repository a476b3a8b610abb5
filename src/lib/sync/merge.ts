import type { RecordType } from '../domain/record-type';
import { mergeField, type FieldState } from './field-rule';
import { compareHlc } from './hlc';

export type { FieldState } from './field-rule';

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

/**
 * One change merged into the server's copy of a record, field by field with the per-field rule
 * (field-rule.ts), plus the record-level race of an edit and a delete. Conflicts are reported,
 * never resolved here; they never change which value wins.
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
		const verdict = mergeField(current, incoming, own(change.base, field), text.includes(field));
		if (verdict.conflict) conflicts.push({ field, values: [current!, incoming] });
		if (verdict.take) {
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
