import { compareHlc } from './hlc';

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
	values: FieldState[];
}

export interface MergeResult {
	state: RecordState;
	taken: string[];
	conflicts: FieldConflict[];
}

function sameValue(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The per-field rule (DESIGN.md §3): a field takes the incoming value when the change's HLC is
 * greater than the stored field's. Pure and deterministic, so every replica applying the same
 * changes in any order ends with the same values. Conflicts are reported, never resolved here.
 */
export function mergeChange(
	stored: RecordState | null,
	change: IncomingChange,
	author: string,
	textFields: readonly string[]
): MergeResult {
	const state: RecordState = { ...stored };
	const taken: string[] = [];
	const conflicts: FieldConflict[] = [];
	const base = change.base ?? {};
	const incoming = (field: string): FieldState => ({
		value: change.fields[field],
		hlc: change.hlc,
		author
	});

	for (const field of Object.keys(change.fields)) {
		const current = state[field];
		const unseen = current !== undefined && stored !== null && base[field] !== current.hlc;
		if (unseen && textFields.includes(field) && !sameValue(current.value, change.fields[field])) {
			conflicts.push({ field, values: [current, incoming(field)] });
		}
		if (current === undefined || compareHlc(change.hlc, current.hlc) > 0) {
			state[field] = incoming(field);
			taken.push(field);
		}
	}
	conflicts.push(...editDeleteRaces(stored, change, author, textFields));
	return { state, taken, conflicts };
}

/** An edit that races a delete is a conflict over `deleted`, not "delete wins" (DESIGN.md §3). */
function editDeleteRaces(
	stored: RecordState | null,
	change: IncomingChange,
	author: string,
	textFields: readonly string[]
): FieldConflict[] {
	if (!stored) return [];
	const base = change.base ?? {};
	const deleted = stored.deleted;
	const deletes = change.fields.deleted === true;
	const edits = Object.keys(change.fields).some((f) => f !== 'deleted');
	// An edit made without having seen a delete that is now stored.
	if (edits && !deletes && deleted?.value === true && base.deleted !== deleted.hlc) {
		return [{ field: 'deleted', values: [deleted, { value: false, hlc: change.hlc, author }] }];
	}
	// A delete made without having seen the latest text (the device sends what it had seen).
	if (deletes && deleted?.value !== true) {
		const edited = textFields.find(
			(f) => f in base && stored[f] !== undefined && stored[f].hlc !== base[f]
		);
		if (edited) {
			const edit = stored[edited]!;
			return [
				{
					field: 'deleted',
					values: [
						{ value: false, hlc: edit.hlc, author: edit.author },
						{ value: true, hlc: change.hlc, author }
					]
				}
			];
		}
	}
	return [];
}
