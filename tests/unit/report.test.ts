import { describe, expect, it } from 'vitest';
import { sourcesOf } from '../../src/lib/framework/evidence-source';
import { findComponent, imhars } from '../../src/lib/framework';
import {
	assembleReport,
	moveInList,
	nextPosition,
	type FindingInput,
	type NextStepInput,
	type ReportNote,
	type StatusInput
} from '../../src/lib/framework/report';
import { filterReportEvidence, groupByPractice } from '../../src/lib/framework/report-evidence';
import { placeOnGrid, quadrantOf } from '../../src/lib/framework/risk-grid';
import { isSafeguardingConcern } from '../../src/lib/domain/safeguarding';

const note = (id: string, over: Partial<ReportNote> = {}): ReportNote => ({
	id,
	activityId: 'a1',
	componentId: 'vision-values',
	text: `note ${id}`,
	practiceIds: ['vision-values.sp1'],
	judgement: 'strength',
	capturedAt: '2026-11-23T09:00:00.000Z',
	location: null,
	verbatim: false,
	photoHashes: [],
	kind: 'learning-walk',
	activityTitle: 'Walk',
	sources: ['advisor'],
	...over
});
const finding = (id: string, over: Partial<FindingInput> = {}): FindingInput => ({
	id,
	componentId: 'vision-values',
	kind: 'strength',
	text: `finding ${id}`,
	evidence: [],
	position: 0,
	...over
});
const step = (id: string, over: Partial<NextStepInput> = {}): NextStepInput => ({
	id,
	componentId: 'vision-values',
	text: `step ${id}`,
	owner: 'PSHE lead',
	due: null,
	status: 'open',
	risk: 'high',
	capacity: 'high',
	findingIds: [],
	position: 0,
	...over
});
const status = (hlc: string, over: Partial<StatusInput> = {}): StatusInput => ({
	id: hlc,
	componentId: 'vision-values',
	status: 'draft',
	with: null,
	note: '',
	at: '2026-11-23T10:00:00.000Z',
	by: 'u',
	hlc,
	...over
});
const hlc = (minute: number) =>
	`2026-11-23T10:${String(minute).padStart(2, '0')}:00.000Z-0000-a000000000000001`;
const empty = { notes: [], findings: [], nextSteps: [], statuses: [] };

describe('assembling a short report', () => {
	it('orders findings by position within each kind and links only the notes it may show', () => {
		const report = assembleReport(
			'vision-values',
			{
				...empty,
				notes: [note('n1'), note('n2')],
				findings: [
					finding('f2', { position: 1, evidence: ['n2', 'hidden', 'n2'] }),
					finding('f1', { position: 0, evidence: ['n1'] }),
					finding('c1', { kind: 'challenge' }),
					finding('other', { componentId: 'staff' })
				]
			},
			'2026-11-23'
		);
		expect(report.strengths.map((f) => f.id)).toEqual(['f1', 'f2']);
		expect(report.strengths[1]!.notes.map((n) => n.id)).toEqual(['n2']);
		expect(report.challenges.map((f) => f.id)).toEqual(['c1']);
	});

	it('places next steps on the grid and marks those past due and not done', () => {
		const report = assembleReport(
			'vision-values',
			{
				...empty,
				nextSteps: [
					step('late', { due: '2026-11-01', risk: 'low', capacity: 'high' }),
					step('done', { due: '2026-11-01', status: 'done', position: 1 }),
					step('later', { due: '2026-12-01', position: 2 })
				]
			},
			'2026-11-23'
		);
		expect(report.nextSteps.map((s) => [s.id, s.overdue, s.quadrant.name])).toEqual([
			['late', true, 'Low risk, high capacity'],
			['done', false, 'High risk, high capacity'],
			['later', false, 'High risk, high capacity']
		]);
	});

	it('takes the latest status by HLC and says when an edit reopened an agreed report', () => {
		const fresh = assembleReport('vision-values', empty, '2026-11-23');
		expect(fresh.status).toMatchObject({ status: 'draft', reopened: false });
		const agreed = status(hlc(2), { status: 'agreed', with: 'Deputy head' });
		const report = assembleReport(
			'vision-values',
			{ ...empty, statuses: [status(hlc(3), { note: 'Reopened' }), status(hlc(1)), agreed] },
			'2026-11-23'
		);
		expect(report.history.map((h) => h.status)).toEqual(['draft', 'agreed', 'draft']);
		expect(report.status).toMatchObject({ status: 'draft', reopened: true });
		const onlyAgreed = assembleReport('vision-values', { ...empty, statuses: [agreed] }, 'x');
		expect(onlyAgreed.status).toMatchObject({ status: 'agreed', with: 'Deputy head' });
	});
});

describe('ordering without dragging', () => {
	const list = [
		{ id: 'a', position: 0 },
		{ id: 'b', position: 0 },
		{ id: 'c', position: 5 }
	];
	it('swaps an item with its neighbour and renumbers what changed', () => {
		expect(moveInList(list, 'c', -1)).toEqual([
			{ id: 'c', position: 1 },
			{ id: 'b', position: 2 }
		]);
		// b already holds 0: only what changes is written.
		expect(moveInList(list, 'a', 1)).toEqual([
			{ id: 'a', position: 1 },
			{ id: 'c', position: 2 }
		]);
	});
	it('does nothing past either end', () => {
		expect(moveInList(list, 'a', -1)).toEqual([]);
		expect(moveInList(list, 'c', 1)).toEqual([]);
		expect(nextPosition(list)).toBe(6);
		expect(nextPosition([])).toBe(0);
	});
});

describe('the risk × capacity grid', () => {
	it('has the four named quadrants of seed 003, high risk first, and places each step once', () => {
		const placed = placeOnGrid([
			step('a', { risk: 'low', capacity: 'low' }),
			step('b', { risk: 'high', capacity: 'low' }),
			step('c', { risk: 'low', capacity: 'low' })
		]);
		expect(placed.map((p) => [p.quadrant.name, p.steps.map((s) => s.id)])).toEqual([
			['High risk, low capacity', ['b']],
			['High risk, high capacity', []],
			['Low risk, low capacity', ['a', 'c']],
			['Low risk, high capacity', []]
		]);
		expect(quadrantOf({ risk: 'high', capacity: 'high' }).id).toBe('high-risk-high-capacity');
	});
});

describe('the evidence beside the draft', () => {
	it('derives whose voice a note carries from the activity kind and participant roles', () => {
		expect(sourcesOf({ kind: 'learning-walk' })).toEqual(['advisor']);
		expect(
			sourcesOf({ kind: 'focus-group', participants: [{ role: 'Year 6 pupils', count: 8 }] })
		).toEqual(['pupils']);
		expect(
			sourcesOf({
				kind: 'interview',
				participants: [
					{ role: 'PSHE lead', count: 1 },
					{ role: 'Parents', count: 2 }
				]
			})
		).toEqual(['staff', 'parents']);
		expect(sourcesOf({ kind: 'survey', surveyTemplateId: 'parent' })).toEqual(['parents']);
		expect(sourcesOf({ kind: 'graffiti-wall' })).toEqual(['pupils']);
	});

	it('filters by judgement, kind and source and groups by practice, untagged last', () => {
		const component = findComponent(imhars, 'vision-values')!;
		const notes = [
			note('n1'),
			note('n2', { judgement: 'development', kind: 'interview', sources: ['staff'] }),
			note('n3', { practiceIds: [] })
		];
		expect(filterReportEvidence(notes, { source: 'staff' }).map((n) => n.id)).toEqual(['n2']);
		expect(
			filterReportEvidence(notes, { judgement: 'strength', kind: 'learning-walk' })
		).toHaveLength(2);
		const groups = groupByPractice(component, notes);
		expect(groups[0]!.notes.map((n) => n.id)).toEqual(['n1', 'n2']);
		expect(groups.at(-1)).toMatchObject({ practice: null, notes: [{ id: 'n3' }] });
		expect(groups.filter((g) => g.practice && g.notes.length === 0)).toHaveLength(
			component.practices.length - 1
		);
	});

	it('tells a safeguarding concern by its flag alone', () => {
		expect(isSafeguardingConcern({ text: 'x', safeguarding: true })).toBe(true);
		expect(isSafeguardingConcern({ text: 'x' })).toBe(false);
	});
});

describe('survey charts', () => {
	it('draws a Likert question as a diverging bar, neutral split across zero, and choices as bars', async () => {
		const { chartSpec } = await import('../../src/lib/framework/survey-chart-data');
		const { tally } = await import('../../src/lib/framework/survey-tally');
		const results = tally(
			[
				{ id: 'q1', text: 'I feel safe', type: 'likert5' },
				{ id: 'q2', text: 'Lunch', type: 'choice', options: ['Hall', 'Classroom'] },
				{ id: 'q3', text: 'Why?', type: 'free' }
			],
			[{ answers: { q1: 1, q2: 'Hall' } }, { answers: { q1: 3 } }, { answers: { q1: 5, q3: 'x' } }]
		);
		const likert = chartSpec(results.questions[0]!);
		expect(likert?.type === 'diverging' && likert.segments.map((s) => s.value)).toEqual([
			-1, -0, -0.5, 0.5, 0, 1
		]);
		expect(chartSpec(results.questions[1]!)).toEqual({
			type: 'bars',
			bars: [
				{ label: 'Hall', count: 1 },
				{ label: 'Classroom', count: 0 }
			]
		});
		expect(chartSpec(results.questions[2]!)).toBeNull();
	});
});
