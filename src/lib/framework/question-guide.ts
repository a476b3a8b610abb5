import type { GuideQuestion } from '../domain/activity';
import type { SupportingPractice } from './schema';

/**
 * A first question guide for an interview or focus group, from the prompt it answers and the
 * component's supporting practices: an opening question on the prompt's purpose, one open
 * question per practice, and a closing one. The advisor edits it before the conversation;
 * it only saves them writing the obvious from scratch.
 */

/** Enough for a conversation of 30–45 minutes; the advisor adds more if they want. */
export const seededGuideMax = 8;

export const closingQuestion = 'Is there anything else you would like to tell us?';
export const fallbackOpening =
	'To start, can you tell me a little about your part in the school and what a usual week is like?';

// Where a prompt says what the conversation is for: "…to explore their understanding of…".
const purposeMarkers = [
	/\bto (?:explore|find out|understand|ascertain|gather|see|identify)\s+(.+)$/i,
	/\babout\s+(.+)$/i
];
const perceptionMarker = /\bperceptions? of\s+(.+)$/i;

/** The prompt is written about the participants; the question speaks to them. */
function toParticipant(topic: string): string {
	return topic
		.replace(/\btheir\b/gi, 'your')
		.replace(/\bthem\b/gi, 'you')
		.replace(/^perspectives on\b/i, 'your views on');
}

function firstSentence(text: string): string {
	const clean = text.trim().replace(/\s+/g, ' ');
	return (clean.split(/(?<=\.)\s/)[0] ?? clean).replace(/[.?!\s]+$/, '');
}

/** The opening question, from what the prompt says the conversation is for. */
export function openingQuestion(prompt: string | null): string {
	if (!prompt) return fallbackOpening;
	const sentence = firstSentence(prompt);
	const perception = perceptionMarker.exec(sentence);
	if (perception) return `How do you see ${toParticipant(perception[1]!)}?`;
	for (const marker of purposeMarkers) {
		const purpose = marker.exec(sentence);
		if (purpose) return `Can you tell me about ${toParticipant(purpose[1]!)}?`;
	}
	return fallbackOpening;
}

/** "Well organised peer support programmes" → "well organised peer support programmes"; "PSHE…" stays. */
function inSentence(text: string): string {
	const clean = firstSentence(text);
	return /^[A-Z][a-z]/.test(clean) ? clean[0]!.toLowerCase() + clean.slice(1) : clean;
}

export function practiceQuestion(practice: Pick<SupportingPractice, 'text'>): string {
	return `Tell me about ${inSentence(practice.text)}: what does it look like here?`;
}

export function seedGuide(
	prompt: string | null,
	practices: (Pick<SupportingPractice, 'text'> & { id?: string })[],
	max = seededGuideMax
): GuideQuestion[] {
	const room = Math.max(0, max - 2);
	const questions: Omit<GuideQuestion, 'id'>[] = [
		{ text: openingQuestion(prompt) },
		// Each practice's question remembers it, so the notes under it are tagged with it.
		...practices
			.slice(0, room)
			.map((p) => ({ text: practiceQuestion(p), ...(p.id ? { practiceId: p.id } : {}) })),
		{ text: closingQuestion }
	].slice(0, Math.max(1, max));
	return questions.map((q, i) => ({ id: `q${i + 1}`, ...q }));
}
