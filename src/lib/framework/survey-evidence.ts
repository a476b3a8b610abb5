import { isSafeguardingConcern } from '../domain/safeguarding';
import { findTemplate } from './survey-templates';

/*
 * Survey responses as evidence (issue 14): each respondent's answers count once in the Survey
 * column of the coverage grid, under every supporting practice that a question they answered
 * bears on. The templates know their prompt, hence their component; which of its practices
 * each question asks about is written here, question by question, by the practice's id.
 * A question the advisor added, or a survey of no template, bears on no practice: its
 * responses count as "not tagged", so the advisor still sees them.
 */

/** Template id → question id → the practices that question bears on. */
export const questionPractices: Record<string, Record<string, readonly string[]>> = {
	// Vision and values: sp1 mutual respect, sp3 consistent policies, sp4 everyone feels safe,
	// sp7 staff behaviours that reflect the values, sp8 encouraging feedback.
	'pupil-safety': {
		q1: ['vision-values.sp4'],
		q2: ['vision-values.sp4'],
		q3: ['vision-values.sp4', 'vision-values.sp1'],
		q4: ['vision-values.sp4'],
		q5: ['vision-values.sp3', 'vision-values.sp7'],
		q6: ['vision-values.sp4'],
		q7: ['vision-values.sp1', 'vision-values.sp7'],
		q8: ['vision-values.sp4', 'vision-values.sp8']
	},
	// Staff: sp1 responding to pupils' needs, sp2 staff wellbeing, sp3 training, sp5 management,
	// sp6 trusting relationships, sp7 involving all staff in decisions. q7 asks only who answers.
	'staff-wellbeing': {
		q1: ['staff.sp2'],
		q2: ['staff.sp2', 'staff.sp5'],
		q3: ['staff.sp2', 'staff.sp5'],
		q4: ['staff.sp6'],
		q5: ['staff.sp3', 'staff.sp1'],
		q6: ['staff.sp7'],
		q8: ['staff.sp2'],
		q9: ['staff.sp2']
	},
	// Parents: sp1 joint planning and decisions, sp3 communication, sp4 feeling welcome,
	// sp5 partnership for pupils' wellbeing, sp6 inclusive involvement.
	parent: {
		q1: ['parents.sp4'],
		q2: ['parents.sp3'],
		q3: ['parents.sp5', 'parents.sp3'],
		q4: ['parents.sp1'],
		q5: ['parents.sp4', 'parents.sp6'],
		q6: ['parents.sp3'],
		q7: ['parents.sp5'],
		q8: ['parents.sp1', 'parents.sp5']
	}
};

/** The fields of a survey activity this reads. */
export interface SurveyActivity {
	id: string;
	survey: { templateId: string | null; questions: readonly { id: string }[] } | null;
	deleted?: boolean;
}

/** The fields of one respondent's answers this reads. */
export interface SurveyAnswers {
	id: string;
	activityId: string;
	componentId: string;
	/** Question id → answer; a question left blank is absent. */
	answers: Readonly<Record<string, unknown>>;
	/** A safeguarding concern: never evidence (DESIGN.md §1, issue 14). */
	safeguarding?: unknown;
	deleted?: boolean;
}

/** One response as the grid counts it: its activity, component, and the practices it bears on. */
export interface ResponseEvidence {
	id: string;
	activityId: string;
	componentId: string;
	practiceIds: string[];
}

/** The practices a question of a survey bears on: none for a question not of its template. */
export function practicesOfQuestion(templateId: string | null, questionId: string): string[] {
	if (!templateId || !findTemplate(templateId)) return [];
	return [...(questionPractices[templateId]?.[questionId] ?? [])];
}

/**
 * Every live response to a live survey activity, none flagged as a safeguarding concern, tagged with the practices of the questions it
 * answered that are still in the survey (an answer to a removed question bears on nothing).
 */
export function responseEvidence(
	responses: readonly SurveyAnswers[],
	activities: readonly SurveyActivity[]
): ResponseEvidence[] {
	const surveys = new Map(activities.filter((a) => !a.deleted).map((a) => [a.id, a.survey]));
	return responses.flatMap((r) => {
		if (r.deleted || isSafeguardingConcern({ ...r }) || !surveys.has(r.activityId)) return [];
		const survey = surveys.get(r.activityId);
		const asked = new Set(survey?.questions.map((q) => q.id) ?? []);
		const answered = Object.keys(r.answers).filter((id) => asked.has(id));
		const practiceIds = [
			...new Set(answered.flatMap((id) => practicesOfQuestion(survey?.templateId ?? null, id)))
		];
		return [{ id: r.id, activityId: r.activityId, componentId: r.componentId, practiceIds }];
	});
}
