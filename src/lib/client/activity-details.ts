import { v7 as uuidv7 } from 'uuid';
import { activityFieldsSchema, type GuideQuestion } from '$lib/domain/activity';
import type { Device } from './db/device';
import { patchRecord, type Created, type FieldErrors } from './records';

/**
 * The kind fields of an interview, focus group or lesson observation (DESIGN.md §1), each saved
 * as one patch of the activity. Checked first, so that an editor can show the problem beside
 * the row and keep what was typed. Errors are keyed `role-0`, `count-0`, `question-2`…
 */

interface ActivityRef {
	id: string;
	auditId: string;
}

const patch = (device: Device, activity: ActivityRef, fields: Record<string, unknown>) =>
	patchRecord(device, { type: 'activity', id: activity.id, scope: activity.auditId }, fields);

/** As typed in the editor: the count is the field's text. */
export interface ParticipantRow {
	role: string;
	count: string;
}

export async function saveParticipants(
	device: Device,
	activity: ActivityRef,
	rows: ParticipantRow[]
): Promise<Created> {
	const errors: FieldErrors = {};
	const participants = rows.map((row, i) => {
		const role = row.role.trim();
		const count = Number(row.count.trim());
		if (role === '') errors[`role-${i}`] = 'Say the role, e.g. Year 6 pupils';
		else if (role.length > 80) errors[`role-${i}`] = 'At most 80 characters';
		if (row.count.trim() === '' || !Number.isInteger(count) || count < 0 || count > 10_000)
			errors[`count-${i}`] = 'Give a whole number, e.g. 8';
		return { role, count };
	});
	if (participants.length > 30) errors.form = 'At most 30 roles';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return patch(device, activity, { participants });
}

/** A new question's id: never one a removed question had, so old notes never move to it. */
export const newQuestionId = () => uuidv7();

export async function saveGuide(
	device: Device,
	activity: ActivityRef,
	questions: GuideQuestion[]
): Promise<Created> {
	const errors: FieldErrors = {};
	const guide = questions.map((q, i) => {
		const text = q.text.trim();
		if (text === '') errors[`question-${i}`] = 'Write the question, or remove it';
		else if (text.length > 500) errors[`question-${i}`] = 'At most 500 characters';
		return { id: q.id, text, ...(q.practiceId ? { practiceId: q.practiceId } : {}) };
	});
	if (guide.length > 40) errors.form = 'At most 40 questions';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	const parsed = activityFieldsSchema.shape.guide.safeParse(guide);
	if (!parsed.success) return { ok: false, errors: { form: 'This guide could not be saved' } };
	return patch(device, activity, { guide: parsed.data });
}

export interface LessonDetails {
	subject: string;
	yearGroup: string;
}

export async function saveLessonDetails(
	device: Device,
	activity: ActivityRef,
	details: LessonDetails
): Promise<Created> {
	const subject = details.subject.trim();
	const yearGroup = details.yearGroup.trim();
	const errors: FieldErrors = {};
	if (subject.length > 80) errors.subject = 'At most 80 characters';
	if (yearGroup.length > 40) errors.yearGroup = 'At most 40 characters';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return patch(device, activity, {
		subject: subject === '' ? null : subject,
		yearGroup: yearGroup === '' ? null : yearGroup
	});
}

/** Whole minutes from the lesson's first note to this one ("12 min in"); null before it. */
export function minutesIn(first: string, at: string): number | null {
	const ms = Date.parse(at) - Date.parse(first);
	return Number.isFinite(ms) && ms >= 0 ? Math.floor(ms / 60_000) : null;
}

/** A conversation's notes under its guide: per question, general ones, and a removed question's. */
export function notesByQuestion<N extends { questionId: string | null }>(
	notes: N[],
	guide: { id: string }[]
) {
	const byQuestion = new Map<string, N[]>(guide.map((q) => [q.id, []]));
	const general: N[] = [];
	const removed: N[] = [];
	for (const note of notes) {
		if (note.questionId === null) general.push(note);
		else (byQuestion.get(note.questionId) ?? removed).push(note);
	}
	return { byQuestion, general, removed };
}
