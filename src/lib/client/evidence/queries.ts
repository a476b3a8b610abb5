import { activityKinds, type ActivityKind } from '$lib/domain/activity-kind';
import type { EvidenceNote } from '$lib/framework/coverage';
import type { FieldbookDatabase, LocalRecord } from './db/database';

/** Read-only queries behind the Evidence page; run them through `live()` from a component. */

export interface EvidenceObservation extends EvidenceNote {
	id: string;
	capturedAt: string;
	verbatim: boolean;
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
}

const text = (r: LocalRecord, field: string) =>
	typeof r.values[field] === 'string' ? (r.values[field] as string) : '';
const strings = (r: LocalRecord, field: string) => {
	const value = r.values[field];
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};
const isKind = (kind: string): kind is ActivityKind =>
	(activityKinds as readonly string[]).includes(kind);

/** One component's live notes (in the order captured) and activities in an audit, read together. */
export async function evidenceOf(
	db: FieldbookDatabase,
	auditId: string,
	componentId: string
): Promise<ComponentEvidence> {
	const [notes, activities] = await Promise.all([
		db.records.where('[type+scope]').equals(['observation', auditId]).toArray(),
		db.records.where('[type+scope]').equals(['activity', auditId]).toArray()
	]);
	const ofComponent = (r: LocalRecord) => !r.deleted && r.values.componentId === componentId;
	return {
		observations: notes
			.filter(ofComponent)
			.map((r) => ({
				id: r.id,
				activityId: text(r, 'activityId'),
				componentId,
				text: text(r, 'text'),
				practiceIds: [...new Set(strings(r, 'practiceIds'))],
				judgement: text(r, 'judgement'),
				location: typeof r.values.location === 'string' ? r.values.location : null,
				capturedAt: text(r, 'capturedAt'),
				verbatim: r.values.verbatim === true
			}))
			.sort((a, b) => a.capturedAt.localeCompare(b.capturedAt) || a.id.localeCompare(b.id)),
		activities: activities
			.filter(ofComponent)
			.flatMap((r) => {
				const kind = text(r, 'kind');
				return isKind(kind) ? [{ id: r.id, kind, title: text(r, 'title') }] : [];
			})
			.sort((a, b) => a.id.localeCompare(b.id))
	};
}
