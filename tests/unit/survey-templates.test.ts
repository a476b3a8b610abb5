import { describe, expect, it } from 'vitest';
import { surveySchema } from '../../src/lib/domain/activity';
import { findPrompt, imhars } from '../../src/lib/framework';
import {
	findTemplate,
	likertPoints,
	newQuestionId,
	surveyFromTemplate,
	surveyTemplates,
	templateForPrompt
} from '../../src/lib/framework/survey-templates';

const surveyPrompts = imhars.components
	.flatMap((c) => c.prompts)
	.filter((p) => p.activityKind === 'survey');

describe('survey templates', () => {
	it('are three: staff wellbeing, pupil safety and the parent survey', () => {
		expect(surveyTemplates.map((t) => t.id).sort()).toEqual([
			'parent',
			'pupil-safety',
			'staff-wellbeing'
		]);
	});

	it.each(surveyTemplates)('$title: 6–10 valid questions of mixed types, ids q1, q2…', (t) => {
		expect(t.questions.length).toBeGreaterThanOrEqual(6);
		expect(t.questions.length).toBeLessThanOrEqual(10);
		expect(surveySchema.safeParse(surveyFromTemplate(t)).success).toBe(true);
		expect(t.questions.map((q) => q.id)).toEqual(t.questions.map((_, i) => `q${i + 1}`));
		const types = new Set(t.questions.map((q) => q.type));
		for (const type of ['likert5', 'yes-no', 'free'] as const) expect(types).toContain(type);
		expect(types.has('choice') || types.has('multi')).toBe(true);
		for (const q of t.questions) {
			const hasOptions = q.type === 'choice' || q.type === 'multi';
			if (hasOptions) expect(q.options?.length, q.text).toBeGreaterThanOrEqual(2);
			else expect(q.options, q.text).toBeUndefined();
		}
	});

	it('never ask for a name', () => {
		const words = surveyTemplates.flatMap((t) =>
			t.questions.flatMap((q) => [q.text, ...(q.options ?? [])])
		);
		for (const text of words) expect(text).not.toMatch(/\bnames?\b/i);
	});

	it('name only survey prompts that iMHARS has, and every such prompt has one', () => {
		for (const t of surveyTemplates)
			for (const id of t.promptIds) expect(findPrompt(imhars, id)?.activityKind).toBe('survey');
		expect(surveyPrompts).toHaveLength(3);
		expect(surveyPrompts.map((p) => templateForPrompt(p)?.id).sort()).toEqual([
			'parent',
			'pupil-safety',
			'staff-wellbeing'
		]);
		expect(templateForPrompt(findPrompt(imhars, 'vision-values.p3'))?.id).toBe('pupil-safety');
	});

	it('choose by the words of a prompt they do not name, or none', () => {
		const pick = (text: string) => templateForPrompt({ id: 'other.p1', text })?.id;
		expect(pick('Survey the staff about workload')).toBe('staff-wellbeing');
		expect(pick('Ask parents and carers what they think')).toBe('parent');
		expect(pick('Ask children whether they feel safe')).toBe('pupil-safety');
		expect(pick('Count the attendance figures')).toBeUndefined();
		expect(templateForPrompt(null)).toBeUndefined();
	});

	it('label the five Likert points from Strongly disagree to Strongly agree', () => {
		expect(likertPoints[0]).toBe('Strongly disagree');
		expect(likertPoints[4]).toBe('Strongly agree');
		expect(likertPoints).toHaveLength(5);
	});
});

describe('surveyFromTemplate', () => {
	it('copies the questions with the template id, so editing the copy leaves the template', () => {
		const template = findTemplate('staff-wellbeing')!;
		const survey = surveyFromTemplate(template);
		expect(survey).toEqual({ templateId: 'staff-wellbeing', questions: template.questions });
		survey.questions[0]!.text = 'Changed';
		survey.questions.find((q) => q.options)!.options!.push('Another');
		expect(template.questions[0]!.text).toBe('I enjoy working at this school.');
		expect(surveyFromTemplate(template)).toEqual({
			templateId: 'staff-wellbeing',
			questions: template.questions
		});
		expect(template.questions.find((q) => q.options)!.options).not.toContain('Another');
	});
});

describe('newQuestionId', () => {
	it('is the next number after every id used, by a question or an old answer', () => {
		expect(newQuestionId([])).toBe('q1');
		expect(newQuestionId(['q1', 'q2', 'q3'])).toBe('q4');
		// q5 was removed but a saved answer still names it: never reuse it.
		expect(newQuestionId(['q1', 'q3', 'q5', 'custom'])).toBe('q6');
	});
});
