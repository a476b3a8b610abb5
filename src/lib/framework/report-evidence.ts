import type { FrameworkComponent, SupportingPractice } from './schema';
import type { ReportNote } from './report';

/* The report screen's evidence panel: filters and the grouping by supporting practice. */

export interface ReportEvidenceFilter {
	judgement?: string;
	kind?: string;
	source?: string;
}

export function filterReportEvidence<T extends ReportNote>(
	notes: readonly T[],
	filter: ReportEvidenceFilter
): T[] {
	return notes.filter(
		(n) =>
			(!filter.judgement || n.judgement === filter.judgement) &&
			(!filter.kind || n.kind === filter.kind) &&
			(!filter.source || (n.sources as string[]).includes(filter.source))
	);
}

export interface PracticeGroup<T> {
	/** Null for the notes tagged with none of the component's practices. */
	practice: SupportingPractice | null;
	notes: T[];
}

/** The notes under each practice they bear on (a note may appear under several), then the untagged. */
export function groupByPractice<T extends ReportNote>(
	component: FrameworkComponent,
	notes: readonly T[]
): PracticeGroup<T>[] {
	const known = new Set(component.practices.map((p) => p.id));
	const groups: PracticeGroup<T>[] = component.practices.map((practice) => ({
		practice,
		notes: notes.filter((n) => n.practiceIds.includes(practice.id))
	}));
	const untagged = notes.filter((n) => !n.practiceIds.some((id) => known.has(id)));
	if (untagged.length > 0) groups.push({ practice: null, notes: untagged });
	return groups;
}
