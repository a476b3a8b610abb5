import { activityKinds, type ActivityKind } from '../domain/activity-kind';
import type { FrameworkComponent, SupportingPractice } from './schema';

/*
 * The Evidence screen's coverage grid (DESIGN.md §7): a component's supporting practices ×
 * the kinds of fieldwork, counting the notes and survey responses that bear on each. A practice no note bears on yet
 * is what the advisor must plan for before the short report, so it is flagged, not just zero.
 */

/** The fields of an observation the grid and the filters read. */
export interface EvidenceNote {
	activityId: string;
	componentId: string;
	text: string;
	practiceIds: readonly string[];
	judgement: string;
	location: string | null;
	/** Data review: the figure, whose name the search reads. */
	indicator?: { name: string } | null;
	/** Graffiti wall: the theme a sticky note is grouped under, which the search reads. */
	theme?: string | null;
	deleted?: boolean;
}

/** What the grid counts of a note or a survey response (survey-evidence.ts). */
export type CountedEvidence = Pick<
	EvidenceNote,
	'activityId' | 'componentId' | 'practiceIds' | 'deleted'
>;

export interface EvidenceActivity {
	id: string;
	kind: ActivityKind;
	deleted?: boolean;
}

export interface CoverageRow {
	practice: SupportingPractice;
	/** One count per column, in the order of `CoverageGrid.kinds`. */
	counts: number[];
	total: number;
	noEvidence: boolean;
}

export interface CoverageGrid {
	/** The columns: the kinds the component's prompts ask for, then any other kind used, in catalogue order. */
	kinds: ActivityKind[];
	rows: CoverageRow[];
	/** Notes of the component tagged with none of its practices, per kind. */
	untagged: { counts: number[]; total: number };
	/** Every counted note of the component once, per kind: a note may bear on several practices. */
	notes: { counts: number[]; total: number };
	/** Every counted survey response once, per kind (only the Survey column holds any). */
	responses: { counts: number[]; total: number };
}

const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);

/**
 * Counts the component's live notes and survey responses per practice and per kind of the
 * activity they came from. One whose activity is deleted or not on the device is not counted:
 * its source is unknown.
 */
export function coverage(
	component: FrameworkComponent,
	observations: readonly CountedEvidence[],
	activities: readonly EvidenceActivity[],
	responses: readonly CountedEvidence[] = []
): CoverageGrid {
	const kindOf = new Map(activities.filter((a) => !a.deleted).map((a) => [a.id, a.kind]));
	const counted = (list: readonly CountedEvidence[], response: boolean) =>
		list.flatMap((o) => {
			const kind = kindOf.get(o.activityId);
			return !o.deleted && o.componentId === component.id && kind ? [{ o, kind, response }] : [];
		});
	const notes = [...counted(observations, false), ...counted(responses, true)];
	const used = new Set<ActivityKind>([
		...component.prompts.map((p) => p.activityKind),
		...notes.map((n) => n.kind)
	]);
	const kinds = activityKinds.filter((k) => used.has(k));
	const column = new Map(kinds.map((k, i) => [k, i]));
	const zeros = () => kinds.map(() => 0);

	const byPractice = new Map(component.practices.map((p) => [p.id, zeros()]));
	const untagged = zeros();
	const all = zeros();
	const answered = zeros();
	for (const { o, kind, response } of notes) {
		const i = column.get(kind)!;
		(response ? answered : all)[i]!++;
		const tagged = new Set(o.practiceIds.filter((id) => byPractice.has(id)));
		if (tagged.size === 0) untagged[i]!++;
		for (const id of tagged) byPractice.get(id)![i]!++;
	}
	const rows = component.practices.map((practice) => {
		const counts = byPractice.get(practice.id)!;
		const total = sum(counts);
		return { practice, counts, total, noEvidence: total === 0 };
	});
	return {
		kinds,
		rows,
		untagged: { counts: untagged, total: sum(untagged) },
		notes: { counts: all, total: sum(all) },
		responses: { counts: answered, total: sum(answered) }
	};
}

export interface EvidenceFilter {
	activityId?: string;
	practiceId?: string;
	judgement?: string;
	/** Words to find in the note, its place, figure or theme, in any case; every word must be there. */
	query?: string;
}

/** The live notes that pass every filter given; an empty or missing filter passes all. */
export function filterEvidence<T extends EvidenceNote>(
	observations: readonly T[],
	filter: EvidenceFilter
): T[] {
	const words = (filter.query ?? '').toLocaleLowerCase().split(/\s+/).filter(Boolean);
	return observations.filter((o) => {
		if (o.deleted) return false;
		if (filter.activityId && o.activityId !== filter.activityId) return false;
		if (filter.practiceId && !o.practiceIds.includes(filter.practiceId)) return false;
		if (filter.judgement && o.judgement !== filter.judgement) return false;
		const haystack = [o.text, o.location, o.indicator?.name, o.theme]
			.join('\n')
			.toLocaleLowerCase();
		return words.every((w) => haystack.includes(w));
	});
}
