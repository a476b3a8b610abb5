import { activityKindLabels } from '../domain/activity-kind';
import { findingKindLabels } from '../domain/finding';
import { nextStepStatusLabels } from '../domain/next-step';
import { reportStatusLabels } from '../domain/report-status';
import type { CoverageGrid } from './coverage';
import type { ReportFinding, ReportNote, ShortReport } from './report';
import type { FrameworkComponent } from './schema';
import { chartSpec, type ChartSpec } from './survey-chart-data';
import type { SurveyResults } from './survey-tally';

/*
 * The exported short report as a list of blocks, built once and drawn three ways: the Word
 * file (client/report/export), the print view (PDF) and its tests. So the Word file and the
 * PDF hold the same words in the same order.
 */

export type Block =
	| { type: 'title'; text: string }
	| { type: 'heading'; level: 1 | 2 | 3; text: string }
	| { type: 'paragraph'; text: string; emphasis?: boolean }
	| { type: 'item'; number: number; text: string }
	| { type: 'quote'; text: string; verbatim: boolean; source: string }
	| { type: 'table'; caption: string; header: string[]; rows: string[][] }
	| { type: 'chart'; caption: string; spec: ChartSpec }
	| { type: 'photo'; hash: string; caption: string }
	| { type: 'pageBreak' };

export interface ComponentSection {
	component: FrameworkComponent;
	report: ShortReport;
	surveys: { title: string; results: SurveyResults }[];
	coverage: CoverageGrid;
}

export interface ExportInput {
	title: string;
	school: { name: string; urn: string; localAuthority: string };
	auditTitle: string;
	advisors: string[];
	/** First and last day of fieldwork, YYYY-MM-DD, when known. */
	dates: { from: string; to: string } | null;
	exportedOn: string;
	sections: ComponentSection[];
	includePhotos: boolean;
}

const longDate = (day: string) =>
	new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date(`${day.slice(0, 10)}T12:00:00Z`)
	);

function titlePage(input: ExportInput): Block[] {
	const when = input.dates
		? input.dates.from === input.dates.to
			? longDate(input.dates.from)
			: `${longDate(input.dates.from)} to ${longDate(input.dates.to)}`
		: 'No fieldwork dates yet';
	return [
		{ type: 'title', text: input.title },
		{
			type: 'paragraph',
			text: `${input.school.name} (URN ${input.school.urn}), ${input.school.localAuthority}`
		},
		{ type: 'paragraph', text: `Audit: ${input.auditTitle}` },
		{
			type: 'paragraph',
			text: `Components: ${input.sections.map((s) => s.component.title).join('; ')}`
		},
		{ type: 'paragraph', text: `Fieldwork: ${when}` },
		{
			type: 'paragraph',
			text: `Advisors: ${input.advisors.join(', ') || 'not known on this tablet'}`
		},
		{ type: 'paragraph', text: `Exported on ${longDate(input.exportedOn)}`, emphasis: true },
		{ type: 'pageBreak' }
	];
}

const sourceOf = (n: ReportNote) =>
	`${n.kind ? activityKindLabels[n.kind] : 'Activity'}${n.activityTitle ? `: ${n.activityTitle}` : ''}, ${longDate(n.capturedAt)}`;

function findings(list: ReportFinding[], includePhotos: boolean): Block[] {
	return list.flatMap((f, i) => [
		{ type: 'item' as const, number: i + 1, text: f.text },
		...f.notes.flatMap((n): Block[] => [
			{ type: 'quote', text: n.text || 'Photo only', verbatim: n.verbatim, source: sourceOf(n) },
			...(includePhotos
				? n.photoHashes.map((hash, p) => ({
						type: 'photo' as const,
						hash,
						caption: `Photo ${p + 1} of the note above`
					}))
				: [])
		])
	]);
}

function statusLine(report: ShortReport): string {
	const s = report.status;
	if (s.status === 'draft') return s.reopened ? 'Draft (reopened after agreement)' : 'Draft';
	const agreed = [...report.history].reverse().find((h) => h.status === 'agreed');
	return `${reportStatusLabels[s.status]}: agreed with ${agreed?.with ?? s.with ?? 'the school'}${agreed ? ` on ${longDate(agreed.at)}` : ''}`;
}

function section(s: ComponentSection, includePhotos: boolean): Block[] {
	const { report, coverage } = s;
	const none = (what: string): Block[] => [{ type: 'paragraph', text: `No ${what} yet.` }];
	return [
		{ type: 'heading', level: 1, text: s.component.title },
		{ type: 'paragraph', text: statusLine(report), emphasis: true },
		{ type: 'heading', level: 2, text: `${findingKindLabels.strength}s` },
		...(report.strengths.length ? findings(report.strengths, includePhotos) : none('strengths')),
		{ type: 'heading', level: 2, text: `${findingKindLabels.challenge}s` },
		...(report.challenges.length ? findings(report.challenges, includePhotos) : none('challenges')),
		{ type: 'heading', level: 2, text: 'Next steps' },
		...(report.nextSteps.length
			? report.nextSteps.flatMap((n, i): Block[] => [
					{ type: 'item', number: i + 1, text: n.text },
					{
						type: 'paragraph',
						text: `Owner: ${n.owner} · Due: ${n.due ? longDate(n.due) : 'no date'} · ${n.quadrant.name} · ${nextStepStatusLabels[n.status]}`
					}
				])
			: none('next steps')),
		...surveys(s),
		{ type: 'heading', level: 2, text: 'Coverage of the supporting practices' },
		{
			type: 'table',
			caption: 'Notes per supporting practice and kind of fieldwork',
			header: ['Supporting practice', ...coverage.kinds.map((k) => activityKindLabels[k]), 'Total'],
			rows: coverage.rows.map((r) => [
				r.noEvidence ? `${r.practice.text} (no evidence yet)` : r.practice.text,
				...r.counts.map(String),
				String(r.total)
			])
		}
	];
}

function surveys(s: ComponentSection): Block[] {
	if (s.surveys.length === 0) return [];
	return [
		{ type: 'heading', level: 2, text: 'Survey results' },
		...s.surveys.flatMap((survey): Block[] => [
			{
				type: 'heading',
				level: 3,
				text: `${survey.title}: ${survey.results.respondents} respondents`
			},
			...survey.results.questions.flatMap((q, i): Block[] => {
				const caption = `${i + 1}. ${q.question.text} (${q.answered} answered)`;
				const spec = chartSpec(q);
				if (!spec)
					return [
						{ type: 'paragraph', text: caption },
						...q.texts.map((t) => ({
							type: 'quote' as const,
							text: t,
							verbatim: true,
							source: 'Survey answer'
						}))
					];
				return [
					{ type: 'chart', caption, spec },
					{
						type: 'table',
						caption,
						header: ['Answer', 'Count'],
						rows: q.counts.map((c) => [c.label, String(c.count)])
					}
				];
			})
		])
	];
}

export function buildReportDocument(input: ExportInput): Block[] {
	return [
		...titlePage(input),
		...input.sections.flatMap((s, i) => [
			...(i > 0 ? [{ type: 'pageBreak' as const }] : []),
			...section(s, input.includePhotos)
		])
	];
}
