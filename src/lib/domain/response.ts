import { z } from 'zod';
import { deletedSchema, recordIdSchema } from './common';
import { safeguardingFlagSchema } from './observation';

/** One answer: a Likert point 1–5, yes/no, a choice, several choices, or free text. */
export const answerSchema = z.union([
	z.int().min(1).max(5),
	z.boolean(),
	z.string().trim().max(4_000),
	z.array(z.string().trim().max(120)).max(20)
]);
export type Answer = z.infer<typeof answerSchema>;

/**
 * One respondent's answers to a survey activity, entered on the tablet one respondent at a
 * time. Never a name: the respondent is anonymous; `role` says only which group they are in.
 */
export const responseFieldsSchema = z.object({
	activityId: recordIdSchema,
	componentId: z.string().min(1).max(60),
	answers: z
		.record(z.string().min(1).max(40), answerSchema)
		.refine((a) => Object.keys(a).length <= 60, 'At most 60 answers')
		.describe('question id → answer; a question left blank is absent'),
	safeguarding: safeguardingFlagSchema
		.nullable()
		.optional()
		.describe(
			'a free-text answer disclosed a possible risk to a child: readable only by its author, the audit lead and admins'
		),
	deleted: deletedSchema
});

/** Scope: its audit's id. */
export const responseSchema = responseFieldsSchema.extend({ id: recordIdSchema });
export type SurveyResponse = z.infer<typeof responseSchema>;
