import { describe, expect, it } from 'vitest';
import { component } from '../../src/lib/framework/build';
import {
	coverage,
	filterEvidence,
	type EvidenceActivity,
	type EvidenceNote
} from '../../src/lib/framework/coverage';

const staff = component(
	{
		id: 'staff',
		title: 'Staff wellbeing',
		shortTitle: 'Staff',
		practices: [
			['Staff feel valued', null],
			['Training in mental health', null],
			[null, 'Supervision for staff']
		],
		prompts: [
			['Walk round the school', 'learning-walk'],
			['Survey the staff', 'survey']
		]
	},
	7
);
const [valued, training, supervision] = staff.practices.map((p) => p.id) as [
	string,
	string,
	string
];

const activities: EvidenceActivity[] = [
	{ id: 'walk', kind: 'learning-walk' },
	{ id: 'survey', kind: 'survey' },
	{ id: 'talk', kind: 'interview' },
	{ id: 'gone', kind: 'focus-group', deleted: true }
];

function note(over: Partial<EvidenceNote>): EvidenceNote {
	return {
		activityId: 'walk',
		componentId: 'staff',
		text: 'A note',
		practiceIds: [],
		judgement: 'neutral',
		location: null,
		...over
	};
}

const notes: EvidenceNote[] = [
	note({ text: 'Staff room is warm and busy', practiceIds: [valued], judgement: 'strength' }),
	note({ text: 'Head thanks staff in briefing', practiceIds: [valued, training] }),
	note({ activityId: 'survey', practiceIds: [valued], judgement: 'development' }),
	note({ activityId: 'talk', text: 'No supervision offered', location: 'Staff Room' }),
	note({ practiceIds: [valued], deleted: true }),
	note({ activityId: 'gone', practiceIds: [supervision] }),
	note({ componentId: 'parents', practiceIds: [valued] })
];

describe('coverage', () => {
	const grid = coverage(staff, notes, activities);
	const row = (id: string) => grid.rows.find((r) => r.practice.id === id)!;

	it("has the prompts' kinds as columns, then other kinds used, in catalogue order", () => {
		expect(grid.kinds).toEqual(['learning-walk', 'survey', 'interview']);
	});

	it('counts the notes tagged with each practice per kind of activity, with row totals', () => {
		expect(row(valued)).toMatchObject({ counts: [2, 1, 0], total: 3, noEvidence: false });
		expect(row(training)).toMatchObject({ counts: [1, 0, 0], total: 1, noEvidence: false });
	});

	it('flags a practice with no evidence yet', () => {
		expect(row(supervision)).toMatchObject({ counts: [0, 0, 0], total: 0, noEvidence: true });
	});

	it('ignores deleted notes, notes of deleted activities and other components', () => {
		expect(grid.notes).toEqual({ counts: [2, 1, 1], total: 4 });
	});

	it('counts untagged notes apart, by kind', () => {
		expect(grid.untagged).toEqual({ counts: [0, 0, 1], total: 1 });
	});

	it('counts a practice once per note, and ignores practices of other components', () => {
		const twice = [note({ practiceIds: [training, training, 'parents.sp1'] })];
		const g = coverage(staff, twice, activities);
		expect(g.rows.map((r) => r.total)).toEqual([0, 1, 0]);
		expect(g.untagged.total).toBe(0);
		const foreign = coverage(staff, [note({ practiceIds: ['parents.sp1'] })], activities);
		expect(foreign.untagged.total).toBe(1);
	});

	it('with no notes, flags every practice and keeps the planned columns', () => {
		const empty = coverage(staff, [], []);
		expect(empty.kinds).toEqual(['learning-walk', 'survey']);
		expect(empty.rows.every((r) => r.noEvidence)).toBe(true);
		expect(empty.notes.total).toBe(0);
	});
});

describe('filterEvidence', () => {
	const live = notes.filter((n) => !n.deleted);
	const texts = (found: EvidenceNote[]) => found.map((n) => n.text);

	it('with no filter returns every live note', () => {
		expect(filterEvidence(notes, {})).toEqual(live);
		expect(filterEvidence(notes, { activityId: '', practiceId: '', query: '  ' })).toEqual(live);
	});

	it('filters by activity', () => {
		expect(texts(filterEvidence(notes, { activityId: 'talk' }))).toEqual([
			'No supervision offered'
		]);
	});

	it('filters by practice', () => {
		expect(filterEvidence(notes, { practiceId: training })).toHaveLength(1);
		expect(filterEvidence(notes, { practiceId: valued })).toHaveLength(4);
	});

	it('filters by judgement', () => {
		expect(filterEvidence(notes, { judgement: 'strength' })).toHaveLength(1);
		expect(filterEvidence(notes, { judgement: 'development' })[0]!.activityId).toBe('survey');
	});

	it('searches the text and the place, in any case, every word', () => {
		expect(texts(filterEvidence(notes, { query: 'STAFF' }))).toEqual([
			'Staff room is warm and busy',
			'Head thanks staff in briefing',
			'No supervision offered'
		]);
		expect(texts(filterEvidence(notes, { query: 'staff briefing' }))).toEqual([
			'Head thanks staff in briefing'
		]);
		expect(filterEvidence(notes, { query: 'staff nowhere' })).toEqual([]);
	});

	it("searches a data review's figure by name and a sticky note by its theme", () => {
		const figure = note({ text: '', indicator: { name: 'Staff with a training plan' } });
		const sticky = note({ text: 'More time to plan', theme: 'Workload' });
		expect(filterEvidence([figure, sticky], { query: 'TRAINING plan' })).toEqual([figure]);
		expect(filterEvidence([figure, sticky], { query: 'workload' })).toEqual([sticky]);
		expect(filterEvidence([figure, sticky], { query: 'plan' })).toEqual([figure, sticky]);
	});

	it('combines the filters', () => {
		expect(texts(filterEvidence(notes, { practiceId: valued, query: 'staff' }))).toEqual([
			'Staff room is warm and busy',
			'Head thanks staff in briefing'
		]);
		expect(
			texts(filterEvidence(notes, { activityId: 'walk', judgement: 'strength', query: 'warm' }))
		).toEqual(['Staff room is warm and busy']);
		expect(filterEvidence(notes, { activityId: 'survey', judgement: 'strength' })).toEqual([]);
		expect(filterEvidence(notes, { activityId: 'talk', query: 'room' })).toHaveLength(1);
	});
});
