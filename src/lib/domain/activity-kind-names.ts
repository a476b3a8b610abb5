/*
 * The kinds of fieldwork and their names, apart from their schema (activity-kind.ts): Today and
 * the plan show the names, and the first page loads no zod (issue 16).
 */

/** Every "find out what's happening" prompt maps to one of these kinds of fieldwork (seed 001). */
export const activityKinds = [
	'learning-walk',
	'survey',
	'graffiti-wall',
	'interview',
	'focus-group',
	'lesson-observation',
	'data-review',
	'pupil-task',
	'event'
] as const;
export type ActivityKind = (typeof activityKinds)[number];

export const activityKindLabels: Record<ActivityKind, string> = {
	'learning-walk': 'Learning walk',
	survey: 'Survey',
	'graffiti-wall': 'Graffiti wall',
	interview: 'Interview',
	'focus-group': 'Focus group',
	'lesson-observation': 'Lesson observation',
	'data-review': 'Data review',
	'pupil-task': 'Pupil task',
	event: 'Event'
};

/** Plain words for an activity's status and kind, whatever a newer device may have synced. */
const statusLabels: Record<string, string> = {
	planned: 'Planned',
	'in-progress': 'In progress',
	done: 'Done'
};

export const activityStatusLabel = (status: string) => statusLabels[status] ?? status;

export const activityKindLabel = (kind: string) =>
	Object.hasOwn(activityKindLabels, kind) ? activityKindLabels[kind as ActivityKind] : kind;
