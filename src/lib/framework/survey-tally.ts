import type { SurveyQuestion } from '../domain/activity';
import type { Answer } from '../domain/response';
import { likertPoints } from './survey-templates';

/** One answer a question can have, and how many respondents gave it. */
export interface AnswerCount {
	label: string;
	count: number;
}

export interface QuestionResult {
	question: SurveyQuestion;
	/** Respondents who answered it (a question left blank is not counted). */
	answered: number;
	/** Every possible answer in order, even those nobody gave; empty for free text. */
	counts: AnswerCount[];
	/** Free text: each answer as written, in the order given. */
	texts: string[];
}

export interface SurveyResults {
	respondents: number;
	questions: QuestionResult[];
}

type Reading = { counted: string[] } | { text: string } | null;

/** What one answer counts as, for its question's type; null when blank or of another shape. */
function read(question: SurveyQuestion, answer: Answer | undefined): Reading {
	switch (question.type) {
		case 'likert5':
			return typeof answer === 'number' ? { counted: [likertPoints[answer - 1]!] } : null;
		case 'yes-no':
			return typeof answer === 'boolean' ? { counted: [answer ? 'Yes' : 'No'] } : null;
		case 'choice':
			return typeof answer === 'string' && answer !== '' ? { counted: [answer] } : null;
		case 'multi':
			return Array.isArray(answer) && answer.length > 0 ? { counted: [...new Set(answer)] } : null;
		case 'free':
			return typeof answer === 'string' && answer.trim() !== '' ? { text: answer.trim() } : null;
	}
}

function possibleAnswers(question: SurveyQuestion): string[] {
	if (question.type === 'likert5') return [...likertPoints];
	if (question.type === 'yes-no') return ['Yes', 'No'];
	return question.options ?? [];
}

/**
 * Counts per answer for each question. An answer that is no longer one of the options (the
 * option was edited after it was given) still counts, on a row of its own after the options.
 */
export function tally(
	questions: SurveyQuestion[],
	responses: { answers: Record<string, Answer> }[]
): SurveyResults {
	return {
		respondents: responses.length,
		questions: questions.map((question) => {
			const counts = new Map(possibleAnswers(question).map((label) => [label, 0]));
			const texts: string[] = [];
			let answered = 0;
			for (const response of responses) {
				const reading = read(question, response.answers[question.id]);
				if (!reading) continue;
				answered++;
				if ('text' in reading) texts.push(reading.text);
				else for (const label of reading.counted) counts.set(label, (counts.get(label) ?? 0) + 1);
			}
			return {
				question,
				answered,
				counts: [...counts].map(([label, count]) => ({ label, count })),
				texts
			};
		})
	};
}
