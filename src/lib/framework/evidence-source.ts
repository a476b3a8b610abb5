import type { ActivityKind } from '../domain/activity-kind';

/*
 * Whose voice a note carries, for the report's filters (issue 11): staff, pupils, parents, or
 * the advisor's own observation. The data holds no such field; it follows from the activity's
 * kind and, where people took part, from their roles (never names: roles and counts only).
 */

export const sources = ['staff', 'pupils', 'parents', 'advisor'] as const;
export type Source = (typeof sources)[number];
export const sourceLabels: Record<Source, string> = {
	staff: 'Staff',
	pupils: 'Pupils',
	parents: 'Parents and carers',
	advisor: "Advisor's own observation"
};

export interface SourceActivity {
	kind: ActivityKind;
	participants?: readonly { role: string; count: number }[];
	/** A survey's template ("pupil-safety", "staff-wellbeing", "parent-survey"…), if any. */
	surveyTemplateId?: string | null;
}

const parentWords = /parent|carer|famil|guardian/i;
const pupilWords = /pupil|student|child|year\s*\d|class|learner|school council/i;

function roleSource(role: string): Source {
	if (parentWords.test(role)) return 'parents';
	if (pupilWords.test(role)) return 'pupils';
	return 'staff';
}

/** What the advisor watches or reads is their own observation; what people say is theirs. */
const watched: readonly ActivityKind[] = ['learning-walk', 'lesson-observation', 'data-review'];
/** Who usually speaks in the kinds that have no participants written down. */
const usualVoice: Partial<Record<ActivityKind, Source>> = {
	'graffiti-wall': 'pupils',
	'pupil-task': 'pupils',
	event: 'parents',
	interview: 'staff',
	'focus-group': 'staff'
};

/** Every source an activity's notes carry; at least one. */
export function sourcesOf(activity: SourceActivity): Source[] {
	if (watched.includes(activity.kind)) return ['advisor'];
	const groups = (activity.participants ?? []).filter((p) => p.role.trim() !== '');
	if (groups.length > 0) return [...new Set(groups.map((g) => roleSource(g.role)))];
	if (activity.kind === 'survey')
		return [activity.surveyTemplateId ? roleSource(activity.surveyTemplateId) : 'staff'];
	return [usualVoice[activity.kind] ?? 'staff'];
}
