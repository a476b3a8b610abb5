import { describe, expect, it } from 'vitest';
import { guideQuestionSchema } from '../../src/lib/domain/activity';
import { findPrompt, imhars } from '../../src/lib/framework';
import {
	closingQuestion,
	fallbackOpening,
	openingQuestion,
	practiceQuestion,
	seedGuide,
	seededGuideMax
} from '../../src/lib/framework/question-guide';

const component = (id: string) => imhars.components.find((c) => c.id === id)!;
const promptText = (id: string) => findPrompt(imhars, id)!.text;

describe('openingQuestion', () => {
	it('asks about what the prompt says the conversation is for, to the participants', () => {
		expect(openingQuestion(promptText('vision-values.p4'))).toBe(
			'Can you tell me about your understanding of the school’s values?'
		);
		expect(openingQuestion(promptText('curriculum.p3'))).toBe(
			'Can you tell me about how the school prepares you for adult life?'
		);
		expect(openingQuestion(promptText('parents.p5'))).toBe(
			'Can you tell me about how the school has supported you and your child?'
		);
	});

	it('asks how they see it when the prompt compares perceptions', () => {
		expect(openingQuestion(promptText('curriculum.p2'))).toBe(
			'How do you see your involvement in school decision making?'
		);
	});

	it('reads only the first sentence: the rest is advice to the advisor', () => {
		expect(openingQuestion(promptText('staff.p1'))).toBe(
			'Can you tell me about your views on staff support, wellbeing and training?'
		);
	});

	it('opens generally when the prompt states no purpose, or there is no prompt', () => {
		expect(openingQuestion(promptText('vulnerable-pupils.p2'))).toBe(fallbackOpening);
		expect(openingQuestion(null)).toBe(fallbackOpening);
		expect(openingQuestion('   ')).toBe(fallbackOpening);
	});

	it('gives a valid guide question for every interview and focus group prompt of iMHARS', () => {
		const prompts = imhars.components
			.flatMap((c) => c.prompts)
			.filter((p) => p.activityKind === 'interview' || p.activityKind === 'focus-group');
		expect(prompts.length).toBeGreaterThan(10);
		for (const p of prompts) {
			const text = openingQuestion(p.text);
			expect(text).toMatch(/\?$/);
			expect(guideQuestionSchema.safeParse({ id: 'q1', text }).success).toBe(true);
		}
	});
});

describe('practiceQuestion', () => {
	it('asks an open question about the practice, lower-casing only an ordinary first word', () => {
		expect(practiceQuestion({ text: 'Well organised peer support programmes' })).toBe(
			'Tell me about well organised peer support programmes: what does it look like here?'
		);
		expect(practiceQuestion({ text: 'PSHE lessons every week' })).toBe(
			'Tell me about PSHE lessons every week: what does it look like here?'
		);
	});
});

describe('seedGuide', () => {
	it('opens on the prompt, asks about each practice, and closes', () => {
		const support = component('support-networks');
		const guide = seedGuide(promptText('support-networks.p2'), support.practices);
		// Six practices: opening + 6 + closing is exactly the cap.
		expect(guide).toHaveLength(seededGuideMax);
		expect(guide[0]!.text).toBe(fallbackOpening);
		expect(guide.slice(1, -1).map((q) => q.text)).toEqual(support.practices.map(practiceQuestion));
		expect(guide.at(-1)!.text).toBe(closingQuestion);
		// Each practice's question names it, so its notes are tagged with it; the others name none.
		expect(guide.map((q) => q.practiceId)).toEqual([
			undefined,
			...support.practices.map((p) => p.id),
			undefined
		]);
	});

	it('keeps to the cap when the component has more practices, and keeps the closing question', () => {
		const vision = component('vision-values');
		expect(vision.practices.length).toBeGreaterThan(seededGuideMax - 2);
		const guide = seedGuide(promptText('vision-values.p4'), vision.practices);
		expect(guide).toHaveLength(seededGuideMax);
		expect(guide[1]!.text).toBe(practiceQuestion(vision.practices[0]!));
		expect(guide.at(-1)!.text).toBe(closingQuestion);
		expect(seedGuide(null, vision.practices, 3).map((q) => q.text)).toEqual([
			fallbackOpening,
			practiceQuestion(vision.practices[0]!),
			closingQuestion
		]);
	});

	it('gives unique ids and questions the domain accepts', () => {
		const guide = seedGuide(promptText('staff.p5'), component('staff').practices);
		expect(new Set(guide.map((q) => q.id)).size).toBe(guide.length);
		for (const q of guide) expect(guideQuestionSchema.safeParse(q).success).toBe(true);
	});

	it('with no practices, still opens and closes', () => {
		expect(seedGuide(null, []).map((q) => q.text)).toEqual([fallbackOpening, closingQuestion]);
	});
});
