import type { Device } from '../db/device';
import type { ObservationNote } from '../queries';
import { patchRecord, type Created } from '../records';
import type { RecordType } from '$lib/domain/record-type';

/** Every field of a saved note a person may correct (issue 14). */
export interface NoteFields {
	text: string;
	judgement: string;
	practiceIds: string[];
	location: string;
	activityId: string;
	verbatim: boolean;
	photoHashes: string[];
}

export function noteFields(note: ObservationNote): NoteFields {
	return {
		text: note.text,
		judgement: note.judgement,
		practiceIds: [...note.practiceIds],
		location: note.location ?? '',
		activityId: note.activityId,
		verbatim: note.verbatim,
		photoHashes: [...note.photoHashes]
	};
}

/** Only the fields that changed: each patched field is one the person touched, so a colleague's
 * edit of another field merges instead of being overwritten, and an untouched text never
 * raises a conflict. */
export function changedFields(before: NoteFields, after: NoteFields): Partial<NoteFields> {
	const changed: Partial<NoteFields> = {};
	for (const key of Object.keys(after) as (keyof NoteFields)[]) {
		if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
			(changed as Record<string, unknown>)[key] = after[key];
	}
	return changed;
}

/** Writes the corrections of a note: nothing when nothing changed. */
export async function correctNote(
	device: Device,
	note: ObservationNote,
	after: NoteFields
): Promise<Created> {
	const changed = changedFields(noteFields(note), after);
	if (Object.keys(changed).length === 0) return { ok: true, id: note.id };
	return patchRecord(device, { type: 'observation', id: note.id, scope: note.scope }, changed);
}

/** Sets or clears a record's tombstone (DESIGN.md §3: deletes are a `deleted` field). */
export function setDeleted(
	device: Device,
	record: { type: RecordType; id: string; scope: string },
	deleted: boolean
): Promise<Created> {
	return patchRecord(device, record, { deleted });
}
