import type { z } from 'zod';
import {
	activityFieldsSchema,
	surveySchema,
	type GuideQuestion,
	type ParticipantGroup,
	type Survey
} from '$lib/domain/activity';
import {
	indicatorSchema,
	safeguardingFlagSchema,
	type Indicator,
	type SafeguardingFlag
} from '$lib/domain/observation';
import { schoolPhaseLabels } from '$lib/domain/school';
import {
	liveOf as live,
	strings,
	text,
	textOrNull,
	toActivity,
	toAudit,
	type ActivitySummary,
	type AuditDetail
} from './audit-queries';
import type { FieldbookDatabase, LocalRecord } from './db/database';

export {
	activitiesOf,
	auditOnDevice,
	auditsOnDevice,
	auditTitle,
	type ActivitySummary,
	type AuditDetail,
	type AuditSummary
} from './audit-queries';
export { syncOverview, type SyncOverview } from './sync-overview';

/** Read-only queries behind the Schools and Audits pages; run them through `live()` from a component. */

export interface SchoolSummary {
	id: string;
	name: string;
	urn: string;
	phase: string;
	/** The phase in words ("Alternative provision"). */
	phaseLabel: string;
	localAuthority: string;
	/** The designated safeguarding lead, by role and contact; empty when not recorded. */
	dslRole: string;
	dslContact: string;
}

/** One activity with what its capture screen needs (DESIGN.md §1): each field checked, or empty. */
export interface ActivityDetail extends ActivitySummary {
	participants: ParticipantGroup[];
	guide: GuideQuestion[];
	subject: string | null;
	yearGroup: string | null;
	wallPrompt: string | null;
	survey: Survey | null;
}

export interface ObservationNote {
	id: string;
	scope: string;
	activityId: string;
	componentId: string;
	text: string;
	location: string | null;
	judgement: string;
	capturedAt: string;
	/** Its photos' SHA-256 addresses, each once, in the order they were taken. */
	photoHashes: string[];
	/** A person must merge two versions of its text (DESIGN.md §3, "2 versions — merge"). */
	inConflict: boolean;
	practiceIds: string[];
	verbatim: boolean;
	/** Learning walk: who was interacting ('staff-pupil'…), or null. */
	interaction: string | null;
	/** Interview or focus group: the guide question it answers, or null. */
	questionId: string | null;
	/** Graffiti wall: the sticky note's colour and theme. */
	colour: string | null;
	theme: string | null;
	/** Data review: the figure it records, or null. */
	indicator: Indicator | null;
	/** Flagged as a safeguarding concern (issue 14): out of every count, report and export. */
	safeguarding: SafeguardingFlag | null;
}

const toSchool = (r: LocalRecord): SchoolSummary => ({
	id: r.id,
	name: text(r, 'name'),
	urn: text(r, 'urn'),
	phase: text(r, 'phase'),
	phaseLabel: Object.hasOwn(schoolPhaseLabels, text(r, 'phase'))
		? schoolPhaseLabels[text(r, 'phase') as keyof typeof schoolPhaseLabels]
		: text(r, 'phase'),
	localAuthority: text(r, 'localAuthority'),
	dslRole: text(r, 'dslRole'),
	dslContact: text(r, 'dslContact')
});

// A field a newer or older app wrote in another shape shows as empty, never as a crash.
const parsed = <T>(schema: z.ZodType<T>, value: unknown): T | null =>
	value === undefined ? null : (schema.safeParse(value).data ?? null);

export const toActivityDetail = (r: LocalRecord): ActivityDetail => ({
	...toActivity(r),
	participants: parsed(activityFieldsSchema.shape.participants, r.values.participants) ?? [],
	guide: parsed(activityFieldsSchema.shape.guide, r.values.guide) ?? [],
	subject: textOrNull(r, 'subject'),
	yearGroup: textOrNull(r, 'yearGroup'),
	wallPrompt: textOrNull(r, 'wallPrompt'),
	survey: parsed(surveySchema, r.values.survey)
});

/** The schools held on this device (every school of the organisation, as of the last sync), by name. */
export async function schoolsOnDevice(db: FieldbookDatabase): Promise<SchoolSummary[]> {
	const rows = await db.records.where('[type+scope]').equals(['school', 'org']).toArray();
	return rows
		.filter((r) => !r.deleted)
		.map(toSchool)
		.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export async function schoolOnDevice(
	db: FieldbookDatabase,
	schoolId: string
): Promise<SchoolSummary | null> {
	const row = live(await db.records.get(schoolId), 'school');
	return row ? toSchool(row) : null;
}

/** One school's audits on this device, by title. */
export async function auditsOfSchool(
	db: FieldbookDatabase,
	schoolId: string
): Promise<AuditDetail[]> {
	const rows = await db.records.where('type').equals('audit').toArray();
	return rows
		.filter((r) => !r.deleted && r.values.schoolId === schoolId)
		.map(toAudit)
		.sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id));
}

/** One activity, only if it belongs to the audit in the address. */
export async function activityOnDevice(
	db: FieldbookDatabase,
	auditId: string,
	activityId: string
): Promise<ActivityDetail | null> {
	const row = live(await db.records.get(activityId), 'activity');
	return row && row.scope === auditId ? toActivityDetail(row) : null;
}

/** An audit's observations in the order they were captured, each marked if its text is in conflict. */
export async function observationsOf(
	db: FieldbookDatabase,
	auditId: string
): Promise<ObservationNote[]> {
	const [rows, conflicts] = await Promise.all([
		db.records.where('[type+scope]').equals(['observation', auditId]).toArray(),
		conflictsOf(db, auditId)
	]);
	return toNotes(rows, conflicts);
}

/**
 * The observations captured in one activity, in the order they were captured. Read through
 * the activity's index, so a save re-reads this activity's notes, not the audit's thousands.
 */
export async function observationsOfActivity(
	db: FieldbookDatabase,
	auditId: string,
	activityId: string
): Promise<ObservationNote[]> {
	const [rows, conflicts] = await Promise.all([
		db.records.where('activityId').equals(activityId).toArray(),
		conflictsOf(db, auditId)
	]);
	return toNotes(
		rows.filter((r) => r.type === 'observation' && r.scope === auditId),
		conflicts
	);
}

export const conflictsOf = (db: FieldbookDatabase, auditId: string) =>
	db.records.where('[type+scope]').equals(['conflict', auditId]).toArray();

/** Live notes of `rows`, in the order captured, marked where their text waits for a merge. */
export function toNotes(rows: LocalRecord[], conflicts: LocalRecord[]): ObservationNote[] {
	const conflicted = new Set(
		conflicts
			.filter((c) => !c.deleted && c.values.resolved === false && c.values.field === 'text')
			.map((c) => String(c.values.recordId))
	);
	return rows
		.filter((r) => !r.deleted)
		.map((r) => toNote(r, conflicted.has(r.id)))
		.sort(byCapture);
}

/** The order notes are listed in: as captured, then by id. */
export const byCapture = (a: ObservationNote, b: ObservationNote) =>
	a.capturedAt.localeCompare(b.capturedAt) || a.id.localeCompare(b.id);

/** One note as a list shows it, from its record (stored, or just written: `values` as saved). */
export const toNote = (
	r: Pick<LocalRecord, 'id' | 'scope' | 'values'>,
	inConflict = false
): ObservationNote => ({
	id: r.id,
	scope: r.scope,
	activityId: text(r, 'activityId'),
	componentId: text(r, 'componentId'),
	text: text(r, 'text'),
	location: typeof r.values.location === 'string' ? r.values.location : null,
	judgement: text(r, 'judgement'),
	capturedAt: text(r, 'capturedAt'),
	photoHashes: [...new Set(strings(r, 'photoHashes'))],
	inConflict,
	practiceIds: strings(r, 'practiceIds'),
	verbatim: r.values.verbatim === true,
	interaction: textOrNull(r, 'interaction'),
	questionId: textOrNull(r, 'questionId'),
	colour: textOrNull(r, 'colour'),
	theme: textOrNull(r, 'theme'),
	indicator: parsed(indicatorSchema, r.values.indicator),
	safeguarding: parsed(safeguardingFlagSchema, r.values.safeguarding)
});

/**
 * `notes` with `note` in its place (by `byCapture`), unless a note with its id is there already
 * (the store's answer wins): a note just saved, shown before the list's live query reads it
 * back (`Live.ahead`).
 */
export function withNote(notes: ObservationNote[], note: ObservationNote): ObservationNote[] {
	if (notes.some((n) => n.id === note.id)) return notes;
	let at = notes.length;
	while (at > 0 && byCapture(notes[at - 1]!, note) > 0) at--;
	return [...notes.slice(0, at), note, ...notes.slice(at)];
}
