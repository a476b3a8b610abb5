import { describe, expect, it } from 'vitest';
import type { SurveyQuestion } from '../../src/lib/domain/activity';
import { tally } from '../../src/lib/framework/survey-tally';

const questions: SurveyQuestion[] = [
	{ id: 'q1', text: 'I feel safe at school.', type: 'likert5' },
	{ id: 'q2', text: 'Is there an adult you would talk to?', type: 'yes-no' },
	{ id: 'q3', text: 'How often do you feel worried?', type: 'choice', options: ['Never', 'Often'] },
	{ id: 'q4', text: 'Where?', type: 'multi', options: ['Toilets', 'Playground', 'Corridors'] },
	{ id: 'q5', text: 'What would help?', type: 'free' }
];

const counts = (results: ReturnType<typeof tally>, id: string) =>
	Object.fromEntries(
		results.questions.find((q) => q.question.id === id)!.counts.map((c) => [c.label, c.count])
	);

describe('tally', () => {
	const results = tally(questions, [
		{ answers: { q1: 4, q2: true, q3: 'Never', q4: ['Toilets', 'Playground'], q5: 'More adults' } },
		{ answers: { q1: 4, q2: false, q3: 'Often', q4: ['Toilets'] } },
		{ answers: { q1: 1, q2: true, q5: '  A quiet room  ' } }
	]);

	it('counts the respondents', () => {
		expect(results.respondents).toBe(3);
	});

	it('counts each Likert point, those nobody chose included, in order', () => {
		expect(results.questions[0]!.counts).toEqual([
			{ label: 'Strongly disagree', count: 1 },
			{ label: 'Disagree', count: 0 },
			{ label: 'Neither agree nor disagree', count: 0 },
			{ label: 'Agree', count: 2 },
			{ label: 'Strongly agree', count: 0 }
		]);
		expect(results.questions[0]!.answered).toBe(3);
	});

	it('counts yes and no', () => {
		expect(counts(results, 'q2')).toEqual({ Yes: 2, No: 1 });
	});

	it('counts a choice per option, leaving a blank out of the answered count', () => {
		expect(counts(results, 'q3')).toEqual({ Never: 1, Often: 1 });
		expect(results.questions[2]!.answered).toBe(2);
	});

	it('counts each option ticked in a multiple choice', () => {
		expect(counts(results, 'q4')).toEqual({ Toilets: 2, Playground: 1, Corridors: 0 });
		expect(results.questions[3]!.answered).toBe(2);
	});

	it('lists free-text answers as written, trimmed, with no counts', () => {
		expect(results.questions[4]!.texts).toEqual(['More adults', 'A quiet room']);
		expect(results.questions[4]!.counts).toEqual([]);
		expect(results.questions[4]!.answered).toBe(2);
	});

	it('keeps an answer whose option was since renamed, on a row of its own', () => {
		const renamed = tally(questions, [
			{ answers: { q3: 'Sometimes', q4: ['Toilets', 'Toilets'] } }
		]);
		expect(counts(renamed, 'q3')).toEqual({ Never: 0, Often: 0, Sometimes: 1 });
		// The same option twice in one answer counts once.
		expect(counts(renamed, 'q4')).toEqual({ Toilets: 1, Playground: 0, Corridors: 0 });
	});

	it('ignores an answer of the wrong shape for its question, and answers to no question', () => {
		const odd = tally(questions, [{ answers: { q1: 'Agree', q2: 3, q5: ['x'], q9: true } }]);
		expect(odd.questions.map((q) => q.answered)).toEqual([0, 0, 0, 0, 0]);
		expect(odd.respondents).toBe(1);
	});

	it('has zero counts and no texts with no responses', () => {
		const none = tally(questions, []);
		expect(none.respondents).toBe(0);
		expect(counts(none, 'q2')).toEqual({ Yes: 0, No: 0 });
		expect(none.questions[4]!.texts).toEqual([]);
	});
});
