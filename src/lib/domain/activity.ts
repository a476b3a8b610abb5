import { z } from 'zod';
import { activityKindSchema } from './activity-kind';
import { deletedSchema, isoDateTimeSchema, label, recordIdSchema } from './common';

export const activityStatuses = ['planned', 'in-progress', 'done'] as const;
export const activityStatusSchema = z.enum(activityStatuses);

/** Who took part, by role and count: never pupils' names. */
export const participantGroupSchema = z.object({
	role: label(80),
	count: z.int().min(0).max(10_000)
});

/** A question of an interview's or focus group's guide; notes name it by id. */
export const guideQuestionSchema = z.object({
	id: z.string().min(1).max(40),
	text: label(500),
	/** The supporting practice the question was built from: its notes are tagged with it. */
	practiceId: z.string().min(1).max(80).optional()
});
export type GuideQuestion = z.infer<typeof guideQuestionSchema>;

export const surveyQuestionTypes = ['likert5', 'yes-no', 'choice', 'multi', 'free'] as const;
export const surveyQuestionSchema = z.object({
	id: z.string().min(1).max(40),
	text: label(500),
	type: z.enum(surveyQuestionTypes),
	options: z
		.array(label(120))
		.max(20)
		.optional()
		.describe('the choices of a choice or multi question')
});
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;

/** A survey's question set, built from a template (framework/survey-templates). */
export const surveySchema = z.object({
	templateId: z.string().min(1).max(60).nullable(),
	questions: z.array(surveyQuestionSchema).min(1).max(60)
});
export type Survey = z.infer<typeof surveySchema>;

export type ParticipantGroup = z.infer<typeof participantGroupSchema>;

export const activityFieldsSchema = z.object({
	componentId: z.string().min(1).max(60),
	promptId: z
		.string()
		.min(1)
		.max(80)
		.nullable()
		.describe('the "find out what\'s happening" prompt it answers; null for an ad-hoc activity'),
	kind: activityKindSchema,
	title: label(200),
	status: activityStatusSchema,
	plannedStart: isoDateTimeSchema.nullable(),
	location: z.string().trim().max(120).nullable(),
	participants: z.array(participantGroupSchema).max(30).optional(),
	guide: z
		.array(guideQuestionSchema)
		.max(40)
		.optional()
		.describe('interview or focus group: the question guide, seeded from the prompt'),
	subject: z.string().trim().max(80).nullable().optional().describe('lesson observation'),
	yearGroup: z.string().trim().max(40).nullable().optional().describe('lesson observation'),
	wallPrompt: z
		.string()
		.trim()
		.max(500)
		.nullable()
		.optional()
		.describe('graffiti wall: the question written on the wall'),
	survey: surveySchema.nullable().optional().describe('survey: the question set'),
	deleted: deletedSchema
});

/** Scope: its audit's id. */
export const activitySchema = activityFieldsSchema.extend({ id: recordIdSchema });
export type Activity = z.infer<typeof activitySchema>;
