import { activityKindLabels } from '../domain/activity-kind';
import { judgementLabels, type Judgement } from '../domain/observation';
import { nextStepStatusLabels } from '../domain/next-step';
import type { NextStepInput, ReportNote } from './report';
import { quadrantOf } from './risk-grid';
import type { Framework } from './schema';

/*
 * The rows of the CSV exports (issue 11), as plain objects whose keys are the column headings.
 * The caller passes only notes that may leave the tablet (live, not a safeguarding concern).
 */

const componentTitle = (framework: Framework, id: string) =>
	framework.components.find((c) => c.id === id)?.title ?? id;

export const evidenceColumns = [
	'Component',
	'Activity kind',
	'Activity',
	'Time',
	'Place',
	'Supporting practices',
	'Judgement',
	'Verbatim quote',
	'Text',
	'Photos'
] as const;

export const nextStepColumns = [
	'Component',
	'Next step',
	'Owner',
	'Due',
	'Status',
	'Risk',
	'Capacity',
	'Quadrant'
] as const;

/** One row per observation: component, activity kind, activity, time, place, practices, judgement, text, photos. */
export function evidenceRows(
	framework: Framework,
	notes: readonly ReportNote[]
): Record<(typeof evidenceColumns)[number], string | number>[] {
	const practiceText = new Map(
		framework.components.flatMap((c) => c.practices.map((p) => [p.id, p.text] as const))
	);
	return notes.map((n) => ({
		Component: componentTitle(framework, n.componentId),
		'Activity kind': n.kind ? activityKindLabels[n.kind] : '',
		Activity: n.activityTitle,
		Time: n.capturedAt,
		Place: n.location ?? '',
		'Supporting practices': n.practiceIds.map((id) => practiceText.get(id) ?? id).join('; '),
		Judgement: judgementLabels[n.judgement as Judgement] ?? n.judgement,
		'Verbatim quote': n.verbatim ? 'yes' : 'no',
		Text: n.text,
		Photos: n.photoHashes.length
	}));
}

export function nextStepRows(
	framework: Framework,
	steps: readonly NextStepInput[]
): Record<(typeof nextStepColumns)[number], string>[] {
	return steps.map((s) => ({
		Component: componentTitle(framework, s.componentId),
		'Next step': s.text,
		Owner: s.owner,
		Due: s.due ?? '',
		Status: nextStepStatusLabels[s.status],
		Risk: s.risk,
		Capacity: s.capacity,
		Quadrant: quadrantOf(s).name
	}));
}

/**
 * A spreadsheet runs a cell that starts with =, +, - or @ (or a tab or carriage return before
 * one) as a formula: "=HYPERLINK(…)" typed into a note would run on the head teacher's laptop.
 * Such a cell is prefixed with an apostrophe, which Excel shows as text (OWASP's advice).
 */
export function guardCell(value: unknown): unknown {
	return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
