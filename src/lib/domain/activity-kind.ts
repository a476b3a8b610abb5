import { z } from 'zod';

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
export const activityKindSchema = z
	.enum(activityKinds)
	.describe('the kind of fieldwork, which decides the capture screen');
export type ActivityKind = z.infer<typeof activityKindSchema>;

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
