import { v7 as uuidv7 } from 'uuid';
import { surveySchema, type Survey } from '$lib/domain/activity';
import { responseFieldsSchema, type Answer } from '$lib/domain/response';
import type { Device } from './db/device';
import { InvalidWrite, writeRecord } from './db/write';
import { patchRecord, type Created } from './records';

/** Named writes of the survey screen: its question set, and one respondent's answers. */

export const emptyResponseMessage = 'Answer at least one question before submitting.';

/** A question left blank: no choice made, nothing typed, no box ticked. */
function blank(answer: Answer | null | undefined): boolean {
	if (answer === null || answer === undefined) return true;
	if (typeof answer === 'string') return answer.trim() === '';
	return Array.isArray(answer) && answer.length === 0;
}

/** The answers to keep: only those to the survey's questions, blanks left out, text trimmed. */
export function answersToSave(
	questionIds: string[],
	answers: Record<string, Answer | null | undefined>
): Record<string, Answer> {
	const kept: Record<string, Answer> = {};
	for (const id of questionIds) {
		const answer = answers[id];
		if (blank(answer)) continue;
		kept[id] = typeof answer === 'string' ? answer.trim() : answer!;
	}
	return kept;
}

export interface ResponseInput {
	auditId: string;
	activityId: string;
	componentId: string;
	questionIds: string[];
	answers: Record<string, Answer | null | undefined>;
}

/** One respondent's answers, a record of its own in the audit's scope; never a name. */
export async function addResponse(device: Device, input: ResponseInput): Promise<Created> {
	const answers = answersToSave(input.questionIds, input.answers);
	if (Object.keys(answers).length === 0)
		return { ok: false, errors: { form: emptyResponseMessage } };
	const parsed = responseFieldsSchema.safeParse({
		activityId: input.activityId,
		componentId: input.componentId,
		answers,
		deleted: false
	});
	if (!parsed.success) {
		// The field is the question whose answer was refused (a free text too long, say).
		const issue = parsed.error.issues[0]!;
		const field = issue.path[0] === 'answers' ? String(issue.path[1] ?? 'form') : 'form';
		return { ok: false, errors: { [field]: issue.message } };
	}
	const id = uuidv7();
	try {
		const patch = { type: 'response' as const, id, scope: input.auditId, fields: parsed.data };
		await writeRecord(device.db, device.clientId, device.userId, patch);
		return { ok: true, id };
	} catch (error) {
		if (error instanceof InvalidWrite) return { ok: false, errors: { form: error.message } };
		throw error;
	}
}

/** The activity's question set, chosen from a template or edited; each question checked first. */
export async function saveSurvey(
	device: Device,
	activity: { id: string; auditId: string },
	survey: Survey
): Promise<Created> {
	const parsed = surveySchema.safeParse(survey);
	const tooFew = survey.questions.filter(
		(q) => (q.type === 'choice' || q.type === 'multi') && new Set(q.options).size < 2
	);
	if (parsed.success && tooFew.length > 0)
		return {
			ok: false,
			errors: Object.fromEntries(
				tooFew.map((q) => [`${q.id}.options`, 'Give at least two different options, one a line'])
			)
		};
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) {
			// questions.3.text → "q4.text": the editor shows it beside that question's field.
			const [, index, field] = issue.path;
			const question = typeof index === 'number' ? survey.questions[index] : undefined;
			const key = question ? `${question.id}.${String(field ?? 'text')}` : 'form';
			const small = issue.code === 'too_small';
			if (!small) errors[key] ??= issue.message;
			else
				errors[key] ??= question
					? 'Write the question, or remove it'
					: 'Keep at least one question';
		}
		return { ok: false, errors };
	}
	return patchRecord(
		device,
		{ type: 'activity', id: activity.id, scope: activity.auditId },
		{
			survey: parsed.data
		}
	);
}
