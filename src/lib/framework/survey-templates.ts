import type { Survey, SurveyQuestion } from '../domain/activity';

/**
 * Question sets for the three survey prompts of iMHARS (staff morale and wellbeing, how safe
 * pupils feel, the parent survey). Plain words, short sentences; the pupils' set is worded for
 * a child of seven. No question asks for a name: a survey is anonymous (DESIGN.md §1).
 */

/** The five labelled points of every Likert question, answer 1 to answer 5. */
export const likertPoints = [
	'Strongly disagree',
	'Disagree',
	'Neither agree nor disagree',
	'Agree',
	'Strongly agree'
] as const;

export interface SurveyTemplate {
	id: string;
	title: string;
	/** Who answers it, for the advisor choosing a template. */
	audience: string;
	/** The iMHARS prompts it answers. */
	promptIds: string[];
	questions: SurveyQuestion[];
}

type Draft = Omit<SurveyQuestion, 'id'>;
const likert = (text: string): Draft => ({ text, type: 'likert5' });
const yesNo = (text: string): Draft => ({ text, type: 'yes-no' });
const choice = (text: string, options: string[]): Draft => ({ text, type: 'choice', options });
const multi = (text: string, options: string[]): Draft => ({ text, type: 'multi', options });
const free = (text: string): Draft => ({ text, type: 'free' });

/** Numbers the questions q1, q2…: ids that stay put when a question is edited or removed. */
const numbered = (drafts: Draft[]): SurveyQuestion[] =>
	drafts.map((q, i) => ({ id: `q${i + 1}`, ...q }));

export const surveyTemplates: SurveyTemplate[] = [
	{
		id: 'pupil-safety',
		title: 'Pupil safety',
		audience: 'Pupils',
		promptIds: ['vision-values.p3'],
		questions: numbered([
			likert('I feel safe at school.'),
			likert('I feel safe in the playground.'),
			yesNo('Is there an adult at school you would talk to if you were worried?'),
			multi('Are there places in school where you do not feel safe? Tick all that are true.', [
				'Classroom',
				'Playground',
				'Corridors',
				'Toilets',
				'Dining hall',
				'Going to or from school',
				'No, I feel safe everywhere'
			]),
			likert('If someone is unkind to me, an adult helps to sort it out.'),
			choice('How often do you feel worried at school?', [
				'Never',
				'Sometimes',
				'Often',
				'Most of the time'
			]),
			likert('Adults at school are fair to everyone.'),
			free('What would help you feel safer at school?')
		])
	},
	{
		id: 'staff-wellbeing',
		title: 'Staff morale and wellbeing',
		audience: 'All staff',
		promptIds: ['staff.p2'],
		questions: numbered([
			likert('I enjoy working at this school.'),
			likert('My workload is manageable.'),
			likert('Senior leaders take staff wellbeing seriously.'),
			likert('I could talk to a colleague or manager if I were struggling.'),
			likert('I have had the training I need to support pupils’ mental health.'),
			yesNo('Are you involved in decisions that affect your work?'),
			choice('Which group of staff are you in?', [
				'Teacher',
				'Teaching assistant or support staff',
				'Administrative staff',
				'Site, catering or cleaning staff',
				'Senior leader',
				'Other'
			]),
			multi('Which of these would help your wellbeing most? Choose any.', [
				'Less paperwork',
				'More time for planning',
				'Training',
				'Someone to talk to',
				'More say in decisions',
				'Time together as a staff team'
			]),
			free('What one thing would most improve staff wellbeing here?')
		])
	},
	{
		id: 'parent',
		title: 'Parent survey',
		audience: 'Parents and carers',
		promptIds: ['parents.p2'],
		questions: numbered([
			likert('I feel welcome at my child’s school.'),
			likert('The school tells me how my child is getting on.'),
			likert('I know who to talk to if I am worried about my child’s wellbeing.'),
			likert('The school listens to my views.'),
			yesNo('Have you been to a school event this year?'),
			multi('How do you like to hear from the school? Choose any.', [
				'Text message',
				'E-mail',
				'Letter',
				'The school app',
				'Talking to staff at the gate',
				'Parents’ evening'
			]),
			choice('How well does the school support your child’s feelings and wellbeing?', [
				'Very well',
				'Quite well',
				'Not very well',
				'Not at all',
				'I don’t know'
			]),
			free('What could the school do to work better with parents?')
		])
	}
];

export function findTemplate(id: string): SurveyTemplate | undefined {
	return surveyTemplates.find((t) => t.id === id);
}

/**
 * The template for a prompt: the one that names it, or for a prompt of another framework (or
 * an edited one) the one its words point to — staff, parents, or else pupils.
 */
export function templateForPrompt(
	prompt: { id: string; text: string } | null | undefined
): SurveyTemplate | undefined {
	if (!prompt) return undefined;
	const named = surveyTemplates.find((t) => t.promptIds.includes(prompt.id));
	if (named) return named;
	const text = prompt.text.toLowerCase();
	if (/\bstaff\b/.test(text)) return findTemplate('staff-wellbeing');
	if (/\b(parents?|carers?|families)\b/.test(text)) return findTemplate('parent');
	if (/\b(pupils?|children|students?|safe)\b/.test(text)) return findTemplate('pupil-safety');
	return undefined;
}

/** The activity's `survey` value from a template: a copy, so editing it never touches the template. */
export function surveyFromTemplate(template: SurveyTemplate): Survey {
	return {
		templateId: template.id,
		questions: template.questions.map((q) => ({
			...q,
			...(q.options ? { options: [...q.options] } : {})
		}))
	};
}

/**
 * An id for a question added to a survey: the next q-number after every id already used, by a
 * question or by a saved answer, so an old answer is never read as an answer to a new question.
 */
export function newQuestionId(taken: Iterable<string>): string {
	let highest = 0;
	for (const id of taken) {
		const match = /^q(\d+)$/.exec(id);
		if (match) highest = Math.max(highest, Number(match[1]));
	}
	return `q${highest + 1}`;
}
