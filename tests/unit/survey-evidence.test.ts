import { describe, expect, it } from 'vitest';
import { findComponent, findPrompt, imhars } from '../../src/lib/framework';
import { coverage } from '../../src/lib/framework/coverage';
import {
	practicesOfQuestion,
	questionPractices,
	responseEvidence,
	type SurveyAnswers
} from '../../src/lib/framework/survey-evidence';
import { surveyFromTemplate, surveyTemplates } from '../../src/lib/framework/survey-templates';

const vision = findComponent(imhars, 'vision-values')!;
const pupilSurvey = surveyFromTemplate(surveyTemplates.find((t) => t.id === 'pupil-safety')!);
const safe = 'vision-values.sp4';
const respect = 'vision-values.sp1';

const response = (id: string, answers: Record<string, unknown>): SurveyAnswers => ({
	id,
	activityId: 'survey',
	componentId: 'vision-values',
	answers
});

describe('the practices each template question bears on', () => {
	it('are practices of the component whose prompt the template answers', () => {
		for (const template of surveyTemplates) {
			const components = template.promptIds.map((id) => {
				const prompt = findPrompt(imhars, id)!;
				return imhars.components.find((c) => c.prompts.includes(prompt))!;
			});
			const practiceIds = new Set(components.flatMap((c) => c.practices.map((p) => p.id)));
			const questionIds = new Set(template.questions.map((q) => q.id));
			const mapped = Object.entries(questionPractices[template.id] ?? {});
			// Every question but a "who are you" one bears on some practice.
			expect(mapped.length).toBeGreaterThanOrEqual(template.questions.length - 1);
			for (const [questionId, practices] of mapped) {
				expect(questionIds).toContain(questionId);
				for (const id of practices) expect(practiceIds).toContain(id);
			}
		}
	});

	it('are none for a question not of a known template', () => {
		expect(practicesOfQuestion('pupil-safety', 'q1')).toEqual([safe]);
		expect(practicesOfQuestion('pupil-safety', 'q99')).toEqual([]);
		expect(practicesOfQuestion(null, 'q1')).toEqual([]);
		expect(practicesOfQuestion('no-such-template', 'q1')).toEqual([]);
	});
});

describe('survey responses as evidence', () => {
	const activities = [{ id: 'survey', survey: pupilSurvey }];

	it('tags each response with the practices of the questions it answered, each once', () => {
		const evidence = responseEvidence(
			[response('r1', { q1: 4, q2: 5 }), response('r2', { q3: true, q7: 2 })],
			activities
		);
		expect(evidence.map((e) => e.practiceIds.toSorted())).toEqual([
			[safe],
			[respect, safe, 'vision-values.sp7'].toSorted()
		]);
	});

	it('leaves out deleted and flagged responses, responses to a deleted survey, and removed questions', () => {
		const edited = {
			...pupilSurvey,
			questions: pupilSurvey.questions.filter((q) => q.id !== 'q7')
		};
		const evidence = responseEvidence(
			[
				response('r1', { q7: 2 }),
				{ ...response('r2', { q1: 4 }), deleted: true },
				{ ...response('r3', { q1: 4 }), activityId: 'gone' },
				{
					...response('r4', { q8: 'a disclosure' }),
					safeguarding: {
						flaggedAt: '2026-01-01T10:00:00.000Z',
						by: 'u',
						reportedAt: null,
						reportedTo: ''
					}
				}
			],
			[
				{ id: 'survey', survey: edited },
				{ id: 'gone', survey: pupilSurvey, deleted: true }
			]
		);
		expect(evidence).toEqual([
			{ id: 'r1', activityId: 'survey', componentId: 'vision-values', practiceIds: [] }
		]);
	});

	it('counts three pupils under Survey in the coverage grid, each once', () => {
		const evidence = responseEvidence(
			[
				response('r1', { q1: 4 }),
				response('r2', { q1: 5, q7: 4 }),
				response('r3', { q99: 'an added question' })
			],
			activities
		);
		const grid = coverage(vision, [], [{ id: 'survey', kind: 'survey' }], evidence);
		const column = grid.kinds.indexOf('survey');
		const row = (id: string) => grid.rows.find((r) => r.practice.id === id)!;
		expect(row(safe).counts[column]).toBe(2);
		expect(row(respect).counts[column]).toBe(1);
		expect(row(safe).noEvidence).toBe(false);
		expect(grid.untagged.counts[column]).toBe(1);
		expect(grid.responses).toEqual({
			counts: grid.kinds.map((k) => (k === 'survey' ? 3 : 0)),
			total: 3
		});
		expect(grid.notes.total).toBe(0);
	});
});
