import type { FindingKind } from '../domain/finding';
import type { Level, NextStepStatus } from '../domain/next-step';
import type { ReportStatusValue } from '../domain/report-status';
import { compareHlc } from '../sync/hlc';
import type { ActivityKind } from '../domain/activity-kind';
import { quadrantOf, type Quadrant } from './risk-grid';
import type { Source } from './evidence-source';

/*
 * A component's short report (DESIGN.md §1), assembled from the records a device holds: the
 * same function feeds the screen, the print view and every export, so they cannot disagree.
 * Callers pass only notes that may be shown (live, not a safeguarding concern): a finding's
 * link to any other note is dropped here, never shown or counted.
 */

export interface ReportNote {
	id: string;
	activityId: string;
	componentId: string;
	text: string;
	practiceIds: string[];
	judgement: string;
	capturedAt: string;
	location: string | null;
	verbatim: boolean;
	photoHashes: string[];
	/** The activity's kind and title and whose voice it carries (framework/evidence-source). */
	kind: ActivityKind | null;
	activityTitle: string;
	sources: Source[];
}

export interface FindingInput {
	id: string;
	componentId: string;
	kind: FindingKind;
	text: string;
	evidence: string[];
	position: number;
}

export interface NextStepInput {
	id: string;
	componentId: string;
	text: string;
	owner: string;
	due: string | null;
	status: NextStepStatus;
	risk: Level;
	capacity: Level;
	findingIds: string[];
	position: number;
}

export interface StatusInput {
	id: string;
	componentId: string;
	status: ReportStatusValue;
	with: string | null;
	note: string;
	at: string;
	by: string;
	/** The HLC of its write: the latest by HLC is the current state (DESIGN.md §6). */
	hlc: string;
}

export interface ReportFinding extends FindingInput {
	notes: ReportNote[];
}

export interface ReportNextStep extends NextStepInput {
	quadrant: Quadrant;
	overdue: boolean;
}

export interface CurrentStatus {
	status: ReportStatusValue;
	with: string | null;
	at: string | null;
	by: string | null;
	/** A draft again after an agreement: an edit reopened it. */
	reopened: boolean;
}

export interface ShortReport {
	componentId: string;
	strengths: ReportFinding[];
	challenges: ReportFinding[];
	nextSteps: ReportNextStep[];
	status: CurrentStatus;
	/** Every status event, oldest first. */
	history: StatusInput[];
}

/** Order within a list: position, then id (UUIDv7: creation order) so ties look the same everywhere. */
export const byPosition = (
	a: { position: number; id: string },
	b: { position: number; id: string }
) => a.position - b.position || a.id.localeCompare(b.id);

/** A step not done whose due date has passed (`today` is the local date, YYYY-MM-DD). */
export function isOverdue(step: { due: string | null; status: NextStepStatus }, today: string) {
	return step.due !== null && step.status !== 'done' && step.due < today;
}

export function currentStatus(history: readonly StatusInput[]): CurrentStatus {
	const latest = history.at(-1);
	if (!latest) return { status: 'draft', with: null, at: null, by: null, reopened: false };
	const reopened =
		latest.status === 'draft' &&
		history.some((h) => h.status === 'agreed' || h.status === 'shared');
	return { status: latest.status, with: latest.with, at: latest.at, by: latest.by, reopened };
}

export function assembleReport(
	componentId: string,
	input: {
		notes: readonly ReportNote[];
		findings: readonly FindingInput[];
		nextSteps: readonly NextStepInput[];
		statuses: readonly StatusInput[];
	},
	today: string
): ShortReport {
	const noteById = new Map(input.notes.map((n) => [n.id, n]));
	const findings = input.findings
		.filter((f) => f.componentId === componentId)
		.sort(byPosition)
		.map((f) => ({
			...f,
			notes: [...new Set(f.evidence)].flatMap((id) => noteById.get(id) ?? [])
		}));
	const history = input.statuses
		.filter((s) => s.componentId === componentId)
		.sort((a, b) => compareHlc(a.hlc, b.hlc));
	return {
		componentId,
		strengths: findings.filter((f) => f.kind === 'strength'),
		challenges: findings.filter((f) => f.kind === 'challenge'),
		nextSteps: input.nextSteps
			.filter((s) => s.componentId === componentId)
			.sort(byPosition)
			.map((s) => ({ ...s, quadrant: quadrantOf(s), overdue: isOverdue(s, today) })),
		status: currentStatus(history),
		history
	};
}

/**
 * New positions for moving one item up (-1) or down (+1) in its ordered list: the whole list
 * renumbered 0…n-1 with the two swapped, returning only the items whose position changes
 * (two tablets may have given equal positions; renumbering makes the order explicit again).
 */
export function moveInList(
	ordered: readonly { id: string; position: number }[],
	id: string,
	by: -1 | 1
): { id: string; position: number }[] {
	const ids = ordered.map((o) => o.id);
	const from = ids.indexOf(id);
	const to = from + by;
	if (from < 0 || to < 0 || to >= ids.length) return [];
	[ids[from], ids[to]] = [ids[to]!, ids[from]!];
	return ids.flatMap((itemId, position) =>
		ordered.find((o) => o.id === itemId)!.position === position ? [] : [{ id: itemId, position }]
	);
}

/** The position after every item of a list: a new item goes last. */
export const nextPosition = (items: readonly { position: number }[]) =>
	items.reduce((max, i) => Math.max(max, i.position + 1), 0);
