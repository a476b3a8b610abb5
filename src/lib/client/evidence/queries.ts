import { activityKinds, type ActivityKind } from '$lib/domain/activity-kind';
import { isSafeguardingConcern } from '$lib/domain/safeguarding';
import { responseEvidence, type ResponseEvidence } from '$lib/framework/survey-evidence';
import type { FieldbookDatabase, LocalRecord } from '../db/database';
import { conflictsOf, toActivityDetail, toNotes, type ObservationNote } from '../queries';
import { toResponses } from '../survey-queries';

/** Read-only queries behind the Evidence page; run them through `live()` from a component. */

export interface EvidenceObservation extends ObservationNote {
	/** Interview or focus group: the words of the guide question it answers, or null. */
	question: string | null;
}

export interface EvidenceSource {
	id: string;
	kind: ActivityKind;
	title: string;
}

export interface ComponentEvidence {
	observations: EvidenceObservation[];
	/** The component's activities, in the order they were made. */
	activities: EvidenceSource[];
	/** Its survey responses, each tagged through its questions with the practices they bear on. */
	responses: ResponseEvidence[];
}

const isKind = (kind: string): kind is ActivityKind =>
	(activityKinds as readonly string[]).includes(kind);

/**
 * One component's live notes (in the order captured), activities and survey responses in an
 * audit, read together.
 */
export async function evidenceOf(
	db: FieldbookDatabase,
	auditId: string,
	componentId: string
): Promise<ComponentEvidence> {
	const [notes, activities, responses, conflicts] = await Promise.all([
		db.records.where('[type+scope]').equals(['observation', auditId]).toArray(),
		db.records.where('[type+scope]').equals(['activity', auditId]).toArray(),
		db.records.where('[type+scope]').equals(['response', auditId]).toArray(),
		conflictsOf(db, auditId)
	]);
	const ofComponent = (r: LocalRecord) => !r.deleted && r.values.componentId === componentId;
	const details = activities.filter(ofComponent).map(toActivityDetail);
	const questions = new Map(
		details.flatMap((a) => a.guide.map((q) => [`${a.id} ${q.id}`, q.text] as const))
	);
	return {
		// A safeguarding concern is never evidence: not listed, counted or in the grid (issue 14).
		observations: toNotes(
			notes.filter((r) => ofComponent(r) && !isSafeguardingConcern(r.values)),
			conflicts
		).map((note) => ({
			...note,
			practiceIds: [...new Set(note.practiceIds)],
			question: questions.get(`${note.activityId} ${note.questionId}`) ?? null
		})),
		activities: details
			.flatMap(({ id, kind, title }) => (isKind(kind) ? [{ id, kind, title }] : []))
			.sort((a, b) => a.id.localeCompare(b.id)),
		responses: responseEvidence(toResponses(responses.filter(ofComponent)), details)
	};
}
